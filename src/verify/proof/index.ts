/**
 * Inclusion proofs for single records (docs/PROOF.md): the pure core, for
 * `sealog prove` / `sealog verify-proof`, evidence bundles and the browser.
 */
export { MerkleTree, auditPathLength, rootFromAuditPath } from './audit-path.js';
export { toB64url, fromB64url } from './b64url.js';
export { PROOF_FORMAT, parseProof, proofJson, type Proof, type SealForm, type CertForm, type ParsedProof } from './format.js';
export { ProofCollector, type ProofRequest, type ProveResult, type ProveFailure, type ProofCollectorOptions } from './collector.js';
export { ProofVerifier, verifyProof, verifyProofs, type ProofCheck, type ProofValid, type ProofInvalid, type ProofFailure } from './verify.js';
