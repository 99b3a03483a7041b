import { applyActions, compileActions } from './actions.js';
export class AttributesProcessor {
    id;
    #actions;
    constructor(cfg) {
        this.id = cfg.id;
        this.#actions = compileActions(cfg.actions);
    }
    process(data) {
        const actions = this.#actions;
        if (actions.length === 0)
            return;
        for (const rl of data.resourceLogs) {
            for (const sl of rl.scopeLogs) {
                const recs = sl.logRecords;
                for (let i = 0; i < recs.length; i++)
                    applyActions(recs[i].attributes, actions);
            }
        }
    }
}
//# sourceMappingURL=attributes.js.map