/**
 * `exporters:` entries: otlphttp and file.
 */
import type { ExporterConfig } from './types.js';
import type { Section } from './reader.js';
export declare const EXPORTER_TYPES: readonly ["otlphttp", "file"];
export declare const EXPORTER_HINTS: Record<string, string>;
export declare function readExporter(id: string, type: string, s: Section): ExporterConfig | undefined;
