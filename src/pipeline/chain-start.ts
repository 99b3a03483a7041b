/**
 * Where a stream's chain begins when a sealing stage starts, shared by the
 * agent's pipelines and the SDK processor: resume from the chain state the
 * spool recovered, or a new chain with a signed genesis record whose reason
 * is `new`, or `spool_lost` when the key's stream marker says this stream
 * existed before.
 */
import { randomBytes } from 'node:crypto';
import type { ChainState, SealerOptions } from '../integrity/sealer.js';
import { Sealer } from '../integrity/sealer.js';
import { newScope, type ResourceLogs } from '../otlp/types.js';
import type { Logger } from '../telemetry/logger.js';
import type { KeyManager } from './key-manager.js';
import { readStreamMarker } from './stream-marker.js';

/** Scope of sealog's own control records (seals, genesis, loss records). */
export const CONTROL_SCOPE = newScope('sealog.integrity', '1');

export interface ChainStart {
  sealer: Sealer;
  /** The genesis record to write first, for a new chain. */
  genesis?: ResourceLogs;
}

export function startChain(o: { keys: KeyManager; stream: string; recovered: ChainState | undefined; sealerOpts: SealerOptions; logger: Logger }): ChainStart {
  const { keys, stream, recovered, logger } = o;
  if (recovered) {
    const sealer = Sealer.resume({ ...o.sealerOpts, signer: keys.signerFor(recovered.epoch) }, recovered);
    logger.info('chain resumed from the spool', { stream: recovered.stream, chain: recovered.chain, seq: recovered.seq, epoch: recovered.epoch });
    return { sealer };
  }
  const marker = readStreamMarker(keys.path, stream);
  const chain = randomBytes(8).toString('hex');
  const { sealer, genesis } = Sealer.genesis(o.sealerOpts, { stream, chain }, marker ? 'spool_lost' : 'new');
  if (marker) {
    logger.warn('no chain state in the spool for a stream that existed before: starting a new chain (the checker will report the restart)', { stream, previousChain: marker.chain, chain });
  } else {
    logger.info('new chain', { stream, chain });
  }
  return { sealer, genesis };
}
