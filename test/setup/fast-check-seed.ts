/**
 * Property tests run one fixed set of cases in `npm test`, so that a run is
 * repeatable: a red run is a bug to find, not a draw to retry. Explore new
 * cases with FC_SEED=random (each property then picks its own seed and prints
 * it on failure), or replay one with FC_SEED=<seed>. A property that fixes its
 * own seed keeps it. See README, Development.
 */
import fc from 'fast-check';

const env = process.env['FC_SEED'];
if (env !== 'random') fc.configureGlobal({ seed: env === undefined ? 20261207 : Number(env) });
