/**
 * The auditor's trust for `sealog verify` and `sealog spool verify` alike:
 * the keys given with --key (anchors and keyrings) and the stream bindings
 * given with --key-for GLOB=PUB (whose keys are trusted too).
 */
import { AgentError } from '../errors.js';
import { nodeCrypto } from '../integrity/node/crypto.js';
import { readPublicKeys } from '../integrity/node/keyfile.js';
import { buildAuditorTrust, type AuditorTrust } from './auditor-trust.js';

export type { AuditorTrust };

/** Parses `GLOB=PUBFILE`: the first `=` splits, so a glob holds none and a path may. */
export function parseKeyFor(spec: string): { pattern: string; file: string } {
  const at = spec.indexOf('=');
  if (at <= 0 || at === spec.length - 1) {
    throw new AgentError('USAGE', `--key-for "${spec}": expected GLOB=PUBFILE, e.g. --key-for 'web-1/*=keys/web-1.pub'`);
  }
  return { pattern: spec.slice(0, at), file: spec.slice(at + 1) };
}

export function loadAuditorTrust(keyFiles: readonly string[], keyFor: readonly string[] = []): AuditorTrust {
  const parsed = keyFor.map(parseKeyFor);
  const files = [...keyFiles, ...parsed.map((b) => b.file)];
  return buildAuditorTrust(nodeCrypto, files.map((f) => ({ file: f, entries: readPublicKeys(f) })), parsed);
}
