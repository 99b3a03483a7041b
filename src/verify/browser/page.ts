/// <reference lib="dom" />
/**
 * The verifier page's UI thread: takes the files (drop or picker), starts
 * the worker (its code is inlined in the page and started from a Blob URL,
 * so the page stays one file that fetches nothing), and shows what the
 * worker reports. Log content is only ever set as text, never as markup.
 *
 * For automation: when a check finishes, `document.body.dataset.verdict` is
 * `intact` or `violation` and `#report` holds the JSON report; when the
 * files cannot be checked, `document.body.dataset.state` says why
 * (`needs-input`, `error`).
 */
import { nsToIso } from '../core/index.js';
import { MAX_ROWS, NO_FILTER, RECORD_STATUSES, type FindingView, type FromWorker, type InputInfo, type RecordFilter, type RecordRow, type StreamSummary, type ToWorker } from './protocol.js';

/** The worker's bundled code (scripts/build-page.ts defines it). */
declare const SEALOG_WORKER_SOURCE: string;

const SEVERITY_NAMES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

function $(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string; title?: string } = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.text !== undefined) e.textContent = props.text;
  if (props.title) e.title = props.title;
  for (const c of children) e.append(c);
  return e;
}

function td(text: string, className?: string): HTMLTableCellElement {
  return el('td', { text, ...(className ? { className } : {}) });
}

function badge(text: string, className: string): HTMLSpanElement {
  return el('span', { className: `badge ${className}`, text });
}

function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

const count = (n: number): string => n.toLocaleString('en-US');

function severityName(n: number, text: string): string {
  if (text) return text;
  if (n < 1 || n > 24) return n === 0 ? '' : String(n);
  return SEVERITY_NAMES[Math.floor((n - 1) / 4)]! + ((n - 1) % 4 === 0 ? '' : String(((n - 1) % 4) + 1));
}

const KIND_TEXT: Record<InputInfo['kind'], string> = {
  logs: 'logs',
  key: 'public key',
  bundle: 'evidence bundle',
  'private-key': 'not used',
  unknown: 'not used',
};

let worker: Worker | undefined;
let files: File[] = [];
let filterId = 0;
let reportJson = '';
let reportText = '';
let startedAt = 0;

function send(m: ToWorker): void {
  worker?.postMessage(m);
}

function reset(): void {
  delete document.body.dataset['verdict'];
  document.body.dataset['state'] = 'running';
  $('result').hidden = true;
  $('records').hidden = true;
  $('problem').hidden = true;
  $('report').textContent = '';
  $('streams').replaceChildren();
  $('global').replaceChildren();
  $('rows-body').replaceChildren();
  reportJson = '';
  reportText = '';
}

function start(list: FileList | File[]): void {
  files = Array.from(list);
  if (files.length === 0) return;
  reset();
  worker?.terminate();
  const url = URL.createObjectURL(new Blob([SEALOG_WORKER_SOURCE], { type: 'text/javascript' }));
  worker = new Worker(url);
  URL.revokeObjectURL(url);
  worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
  worker.onerror = (e: ErrorEvent) => showProblem(`The verifier stopped: ${e.message}`, 'error');
  startedAt = performance.now();
  filterId = 0;
  showProgress('Reading the files', 0, 1);
  send({ type: 'verify', files, strict: ($('strict') as HTMLInputElement).checked });
}

function showProgress(phase: string, done: number, total: number): void {
  $('progress').hidden = false;
  $('progress-label').textContent = phase;
  const bar = $('progress-bar') as HTMLProgressElement;
  bar.max = Math.max(1, total);
  bar.value = Math.min(done, total);
  const secs = (performance.now() - startedAt) / 1000;
  const rate = secs > 0.5 ? `, ${(done / 1e6 / secs).toFixed(0)} MB/s` : '';
  $('progress-text').textContent = total > 1 ? `${Math.floor((done / total) * 100)} % of ${bytesText(total)}${rate}` : '';
}

function hideProgress(): void {
  $('progress').hidden = true;
}

function showProblem(message: string, state: 'needs-input' | 'error'): void {
  hideProgress();
  const p = $('problem');
  p.textContent = message;
  p.hidden = false;
  document.body.dataset['state'] = state;
}

function showInputs(inputs: readonly InputInfo[]): void {
  const body = $('inputs-body');
  body.replaceChildren(
    ...inputs.map((i) => {
      const used = i.kind === 'logs' || i.kind === 'key' || i.kind === 'bundle';
      return el('tr', {}, td(i.name, 'mono'), td(bytesText(i.size), 'num'), el('td', {}, badge(KIND_TEXT[i.kind] + (i.gzip ? ' (gzip)' : ''), used ? 's-verified' : 's-unverifiable')), td(i.detail));
    }),
  );
  $('inputs').hidden = false;
}

function findingsTable(findings: readonly FindingView[], caption: string): HTMLTableElement {
  const t = el('table', {}, el('caption', { className: 'visually-hidden', text: caption }));
  const head = el('tr', {}, ...['Severity', 'Finding', 'Seq', 'What', 'Where'].map((h) => {
    const th = el('th', { text: h });
    th.scope = 'col';
    return th;
  }));
  t.append(el('thead', {}, head));
  t.append(
    el('tbody', {}, ...findings.map((f) => el('tr', {}, el('td', {}, badge(f.severity.toUpperCase(), `sev-${f.severity}`)), td(f.kind, 'mono'), td(f.seq, 'num'), td(f.message), td(f.where, 'where')))),
  );
  return t;
}

function showStreams(streams: readonly StreamSummary[], total: number): void {
  const box = $('streams');
  box.replaceChildren(
    ...streams.map((s) => {
      const shown = s.findings.length;
      const all = s.violations + s.warnings;
      const verdict = s.verdict === 'intact' ? 'INTACT' : `${s.violations} VIOLATION${s.violations === 1 ? '' : 'S'}`;
      const card = el(
        'article',
        { className: 'stream' },
        el('h4', {}, el('span', { className: 'mono', text: s.stream }), el('span', { className: 'muted', text: `chain ${s.chain}` }), badge(verdict, `v-${s.verdict}`), ...(s.warnings ? [badge(`${s.warnings} warning${s.warnings === 1 ? '' : 's'}`, 'sev-warning')] : [])),
        el('ul', { className: 'facts' }, ...s.lines.map((l) => el('li', { text: l }))),
      );
      if (shown > 0) {
        card.append(findingsTable(s.findings, `Findings of stream ${s.stream}`));
        if (all > shown) card.append(el('p', { className: 'muted', text: `Only the first ${count(shown)} findings are shown; the downloaded report has all of them.` }));
      } else {
        card.append(el('p', { className: 'nofindings', text: 'No findings: every record present is verified up to its last seal.' }));
      }
      return card;
    }),
  );
  if (total > streams.length) box.append(el('p', { className: 'muted', text: `${count(total - streams.length)} more stream(s) are in the downloaded report.` }));
}

function showDone(m: Extract<FromWorker, { type: 'done' }>): void {
  hideProgress();
  reportJson = m.reportJson;
  reportText = m.reportText;
  const v = $('verdict');
  v.className = `verdict ${m.verdict}`;
  const streams = m.streamCount;
  const what = `${count(m.records)} record(s) in ${count(streams)} stream(s), ${count(m.lines)} line(s), checked in ${m.seconds.toFixed(1)} s`;
  v.replaceChildren(
    el('strong', { text: m.verdict === 'intact' ? 'INTACT' : 'VIOLATION' }),
    el('span', {
      text:
        m.verdict === 'intact'
          ? `Every stream is intact: ${what}${m.warnings ? `; ${count(m.warnings)} warning(s) below` : ''}.`
          : `${count(m.violations)} integrity violation(s) and ${count(m.warnings)} warning(s): ${what}. The findings below say what and where.`,
    }),
  );
  const global = $('global');
  global.replaceChildren();
  if (m.global.length > 0) {
    global.append(el('h3', { text: 'Findings not tied to one stream' }), findingsTable(m.global, 'Findings not tied to one stream'));
  }
  showStreams(m.streams, streams);
  $('report').textContent = m.reportJson;
  $('result').hidden = false;
  $('records').hidden = false;
  document.body.dataset['state'] = 'done';
  document.body.dataset['verdict'] = m.verdict;
}

function showRows(m: Extract<FromWorker, { type: 'rows' }>): void {
  if (m.id !== filterId) return;
  hideProgress();
  $('rows-body').replaceChildren(
    ...m.rows.map((r: RecordRow) => {
      const t = r.timeNs === '0' ? '' : nsToIso(BigInt(r.timeNs));
      return el(
        'tr',
        {},
        el('td', {}, badge(r.status, `s-${r.status}`)),
        td(t, 'time'),
        td(severityName(r.severityNumber, r.severityText)),
        el('td', { className: 'mono', text: r.stream, title: `chain ${r.chain}` }),
        td(r.seq < 0 ? '' : String(r.seq), 'num'),
        td(r.body, r.control ? 'body control' : 'body'),
        td(r.where, 'where'),
      );
    }),
  );
  const n = m.rows.length;
  $('rows-note').textContent =
    n === 0
      ? 'No record matches.'
      : m.complete
        ? `${count(n)} record(s) match (seals and other control records included).`
        : `The first ${count(n)} matching records are shown (at most ${count(MAX_ROWS)}); narrow the filter to see others.`;
  document.body.dataset['rows'] = String(n);
}

function onMessage(m: FromWorker): void {
  switch (m.type) {
    case 'inputs':
      showInputs(m.inputs);
      return;
    case 'progress':
      showProgress(m.phase, m.done, m.total);
      return;
    case 'problem':
      showProblem(m.message, 'needs-input');
      return;
    case 'done':
      showDone(m);
      return;
    case 'rows':
      showRows(m);
      return;
    case 'error':
      showProblem(`The files could not be checked: ${m.message}`, 'error');
      return;
  }
}

/** A datetime-local value read as UTC, in ns; '' when empty or invalid. */
function utcNs(value: string): string {
  if (!value) return '';
  const ms = Date.parse(`${value}Z`);
  return Number.isNaN(ms) ? '' : (BigInt(ms) * 1_000_000n).toString();
}

function currentFilter(): RecordFilter {
  const to = utcNs(($('f-to') as HTMLInputElement).value);
  return {
    text: ($('f-text') as HTMLInputElement).value,
    fromNs: utcNs(($('f-from') as HTMLInputElement).value),
    // The end of the second (or minute) given, inclusive.
    toNs: to && (BigInt(to) + (($('f-to') as HTMLInputElement).value.length > 16 ? 999_999_999n : 59_999_999_999n)).toString(),
    minSeverity: Number(($('f-severity') as HTMLSelectElement).value),
    status: ($('f-status') as HTMLSelectElement).value as RecordFilter['status'],
  };
}

function applyFilter(filter: RecordFilter): void {
  if (!worker || !document.body.dataset['verdict']) return;
  filterId++;
  startedAt = performance.now();
  $('rows-note').textContent = 'Filtering…';
  delete document.body.dataset['rows'];
  send({ type: 'filter', id: filterId, filter });
}

function download(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function init(): void {
  const status = $('f-status') as HTMLSelectElement;
  for (const s of RECORD_STATUSES) status.append(new Option(s, s));
  const input = $('files') as HTMLInputElement;
  input.addEventListener('change', () => {
    if (input.files) start(input.files);
  });
  const drop = $('drop');
  // A file dropped anywhere is taken (and never opened by the browser in place of the page).
  document.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  document.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) drop.classList.remove('over');
  });
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer?.files.length) start(e.dataTransfer.files);
  });
  $('strict').addEventListener('change', () => {
    if (files.length) start(files);
  });
  $('filter').addEventListener('submit', (e) => {
    e.preventDefault();
    applyFilter(currentFilter());
  });
  $('f-clear').addEventListener('click', () => {
    ($('filter') as HTMLFormElement).reset();
    applyFilter(NO_FILTER);
  });
  $('download').addEventListener('click', () => download(reportJson, 'sealog-verify-report.json', 'application/json'));
  $('download-text').addEventListener('click', () => download(reportText, 'sealog-verify-report.txt', 'text/plain'));
  document.body.dataset['state'] = 'ready';
}

init();
