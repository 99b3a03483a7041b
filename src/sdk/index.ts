/**
 * `sealog/sdk`: seal log records inside a Node service, as a
 * LogRecordProcessor of the OpenTelemetry JS SDK. See docs/SDK.md.
 */
export { SealingLogRecordProcessor, type SealingProcessorOptions } from './processor.js';
