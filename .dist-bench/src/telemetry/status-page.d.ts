/**
 * The plain HTML status page served at `/`: one self-contained document
 * (inline CSS, no scripts, no external assets), every text escaped.
 */
import type { StatusSnapshot } from './status.js';
export declare function escapeHtml(s: string): string;
/** `3d 4h`, `5m 2s`, `12s`. */
export declare function ago(ms: number): string;
export declare function renderStatusPage(s: StatusSnapshot, nowMs?: number): string;
