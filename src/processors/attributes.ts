/**
 * `attributes` processor: insert, update, upsert, delete and hash log record
 * attributes.
 */
import type { AttributesProcessorConfig } from '../config/types.js';
import type { LogsData } from '../otlp/types.js';
import type { Processor } from '../pipeline/types.js';
import { applyActions, compileActions, type CompiledAction } from './actions.js';

export class AttributesProcessor implements Processor {
  readonly id: string;
  readonly #actions: CompiledAction[];

  constructor(cfg: AttributesProcessorConfig) {
    this.id = cfg.id;
    this.#actions = compileActions(cfg.actions);
  }

  process(data: LogsData): void {
    const actions = this.#actions;
    if (actions.length === 0) return;
    for (const rl of data.resourceLogs) {
      for (const sl of rl.scopeLogs) {
        const recs = sl.logRecords;
        for (let i = 0; i < recs.length; i++) applyActions(recs[i]!.attributes, actions);
      }
    }
  }
}
