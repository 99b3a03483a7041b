/** The targets of issue 7 on a 2-core machine, checked against the scenario results. */
import type { ScenarioResult } from './types.js';
export interface TargetCheck {
    target: string;
    measured: string;
    /** PASS, MISS, or SKIP when the scenario did not run. */
    verdict: 'PASS' | 'MISS' | 'SKIP';
    value?: number;
    limit: number;
}
/** byId: scenario id ('1'..'6', '4p') -> result. Agent scenarios are those whose `measured` is 'agent'. */
export declare function checkTargets(byId: Map<string, ScenarioResult>): TargetCheck[];
