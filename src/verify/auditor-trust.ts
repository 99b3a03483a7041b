/**
 * The auditor's trust from keys already read (portable: `sealog verify`
 * reads them from files in trust.ts, the browser page from dropped files):
 * anchors and keyrings, and the stream bindings of --key-for GLOB=PUB.
 */
import { AgentError } from '../errors.js';
import type { CryptoProvider } from '../integrity/crypto.js';
import type { AnchorBinding } from '../integrity/epochs.js';
import { keyIdOf, TrustStore, type KeyringEntry } from '../integrity/keys.js';

export interface AuditorTrust {
  trust: TrustStore;
  bindings: AnchorBinding[];
  /** Keyring entries that could not be trusted (reported as warnings). */
  problems: string[];
}

/** One key file's entries; `file` names it (and is what a binding refers to). */
export interface KeyFileEntries {
  file: string;
  entries: KeyringEntry[];
}

/** `keyFiles` in the order given; a binding's file must be among them. */
export function buildAuditorTrust(crypto: CryptoProvider, keyFiles: readonly KeyFileEntries[], bindingsFor: ReadonlyArray<{ pattern: string; file: string }> = []): AuditorTrust {
  const trust = new TrustStore(crypto);
  const problems: string[] = [];
  const bindings: AnchorBinding[] = [];
  // Anchors first (every file), then keyrings can chain to any of them.
  for (const { file, entries: e } of keyFiles) problems.push(...trust.addKeyring(e.filter((x) => x.epoch === 0), true, file));
  for (const { file, entries: e } of keyFiles) problems.push(...trust.addKeyring(e.filter((x) => x.epoch > 0), true, file));
  for (const b of bindingsFor) {
    const e = keyFiles.find((x) => x.file === b.file)!.entries;
    const anchorIds = new Set<string>();
    for (const x of e) anchorIds.add(x.epoch === 0 ? keyIdOf(crypto, x.publicKey) : (x.anchorId ?? ''));
    anchorIds.delete('');
    if (anchorIds.size === 0) throw new AgentError('USAGE', `--key-for ${b.pattern}=${b.file}: the file names no anchor (give the host's sealog.pub)`);
    bindings.push({ pattern: b.pattern, anchorIds });
  }
  return { trust, bindings, problems: [...new Set(problems)] };
}
