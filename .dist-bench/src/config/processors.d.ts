/**
 * `processors:` entries: attributes, resource, filter, redact.
 */
import type { ProcessorConfig } from './types.js';
import type { Section } from './reader.js';
export declare const PROCESSOR_TYPES: readonly ["attributes", "resource", "filter", "redact"];
/** Ready-made redact patterns (implemented in src/processors/redact-patterns.ts). */
export declare const NAMED_REDACTIONS: readonly ["credit_card", "email", "bearer_token", "ipv4", "us_ssn", "iban"];
export declare function readProcessor(id: string, type: string, s: Section): ProcessorConfig | undefined;
/** Hints for keys other Collector processors have. */
export declare const PROCESSOR_HINTS: Record<string, Record<string, string>>;
