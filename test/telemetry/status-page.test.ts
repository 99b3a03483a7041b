import { describe, expect, it } from 'vitest';
import { ago, escapeHtml, renderStatusPage } from '../../src/telemetry/status-page.js';

describe('status page', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('formats ages', () => {
    expect([ago(0), ago(59_999), ago(61_000), ago(3_723_000), ago(90_061_000), ago(-5)]).toEqual(['0s', '59s', '1m 1s', '1h 2m', '1d 1h', '0s']);
  });

  it('says when no seal was made yet, shows no pipelines, and clamps odd fill ratios', () => {
    const now = 1_700_000_000_000;
    const html = renderStatusPage(
      {
        agentId: 'a',
        version: '1',
        startedAtMs: now,
        pipelines: [
          { name: 'logs', stream: 'a/logs', receivers: [], processors: [], exporters: [], spool: { bytes: 0, maxBytes: 1, fillRatio: NaN, segments: 1 }, lastSeq: 0, keyEpoch: 0 },
        ],
      },
      now,
    );
    expect(html).toContain('none yet');
    expect(html).toContain('no exporters');
    expect(html).toContain('0.0%');
    expect(html).toContain('1 segment)');
    expect(renderStatusPage({ agentId: 'a', version: '1', startedAtMs: now, pipelines: [] }, now)).toContain('no pipelines running');
  });
});
