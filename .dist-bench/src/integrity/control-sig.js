import { canonicalRecord } from './canonical.js';
import { controlStatementV2, versionOf, withoutSig } from './control.js';
export function controlSignatureValid(crypto, publicKey, c) {
    const message = versionOf(c.fields) === 1 ? c.v1Statement() : controlStatementV2(c.id, c.seq, c.ctx, canonicalRecord(withoutSig(c.record)));
    return crypto.verifyEd25519(publicKey, message, c.fields.sig);
}
//# sourceMappingURL=control-sig.js.map