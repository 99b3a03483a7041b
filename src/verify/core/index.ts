/**
 * The verification core's public face: everything the checker's front ends
 * (the CLI, search, proofs, the index, the browser page) take from it. Import
 * from here, not from the files behind it, so the core can be arranged freely.
 */
export * from '../../integrity/verifier.js';
