/// <reference lib="dom" />
/**
 * The verifier page's UI thread: takes the files (drop or picker), starts
 * the worker (its code is inlined in the page and started from a Blob URL,
 * so the page stays one file that fetches nothing), and shows what the
 * worker reports. Log content is only ever set as text, never as markup.
 *
 * For automation: when a check finishes, `document.body.dataset.verdict` is
 * `intact` or `violation` and `#report` holds the JSON report (what `sealog
 * verify --json` prints for logs, what `sealog verify-proof --json` prints
 * for proofs and bundles); when the files cannot be checked,
 * `document.body.dataset.state` says why (`needs-input`, `error`).
 */
import { nsToIso } from '../core/index.js';
import {
  MAX_ROWS,
  NO_FILTER,
  RECORD_STATUSES,
  type BundleView,
  type CompletenessView,
  type FindingView,
  type FromWorker,
  type HitRow,
  type InputInfo,
  type ProofRow,
  type RecordFilter,
  type RecordRow,
  type StreamSummary,
  type ToWorker,
} from './protocol.js';

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
  proofs: 'proofs',
  bundle: 'evidence bundle',
  'private-key': 'not used',
  unknown: 'not used',
};

let worker: Worker | undefined;
let files: File[] = [];
let filterId = 0;
let reportJson = '';
let reportText = '';
/** What the downloads are called: the command whose report they are. */
let reportName = 'sealog-verify-report';
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
  $('bundles').replaceChildren();
  $('proofs').replaceChildren();
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
      const used = i.kind === 'logs' || i.kind === 'key' || i.kind === 'proofs' || i.kind === 'bundle';
      return el('tr', {}, td(i.name, 'mono'), td(bytesText(i.size), 'num'), el('td', {}, badge(KIND_TEXT[i.kind] + (i.gzip ? ' (gzip)' : ''), used ? 's-verified' : 's-unverifiable')), td(i.detail));
    }),
  );
  $('inputs').hidden = false;
}

/** A table with a hidden caption, column headers and rows. */
function table(caption: string, headers: readonly string[], rows: readonly HTMLTableRowElement[]): HTMLTableElement {
  const head = el('tr', {}, ...headers.map((h) => {
    const th = el('th', { text: h });
    th.scope = 'col';
    return th;
  }));
  return el('table', {}, el('caption', { className: 'visually-hidden', text: caption }), el('thead', {}, head), el('tbody', {}, ...rows));
}

function findingsTable(findings: readonly FindingView[], caption: string): HTMLTableElement {
  return table(
    caption,
    ['Severity', 'Finding', 'Seq', 'What', 'Where'],
    findings.map((f) => el('tr', {}, el('td', {}, badge(f.severity.toUpperCase(), `sev-${f.severity}`)), td(f.kind, 'mono'), td(f.seq, 'num'), td(f.message), td(f.where, 'where'))),
  );
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

/** The verdict, the report and the automation hooks, once a check finished. */
function finish(verdict: 'intact' | 'violation', json: string, text: string, command: 'verify' | 'verify-proof'): void {
  reportJson = json;
  reportText = text;
  reportName = `sealog-${command}-report`;
  $('report-note').replaceChildren('The same report ', el('code', { text: `sealog ${command} --json` }), ' prints for these files.');
  $('report').textContent = json;
  $('result').hidden = false;
  document.body.dataset['state'] = 'done';
  document.body.dataset['verdict'] = verdict;
}

function showDone(m: Extract<FromWorker, { type: 'done' }>): void {
  hideProgress();
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
  $('streams-part').hidden = false;
  $('bundles-part').hidden = true;
  $('records').hidden = false;
  finish(m.verdict, m.reportJson, m.reportText, 'verify');
}

function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}

function timeText(ns: string): string {
  return ns === '0' ? '' : nsToIso(BigInt(ns));
}

/** A definition list of [term, description] pairs. */
function pairs(list: ReadonlyArray<[string, string]>, className = 'pairs'): HTMLDListElement {
  return el('dl', { className }, ...list.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
}

function hitsTable(hits: readonly HitRow[], name: string): HTMLTableElement {
  return table(
    `Hits of ${name}`,
    ['Hit', 'Time (UTC)', 'Severity', 'Stream', 'Seq', 'Body', 'Where'],
    hits.map((h) => {
      const body = td(h.body, 'body');
      if (!h.proven) body.append(el('span', { className: 'why', text: h.reason }));
      return el(
        'tr',
        {},
        el('td', {}, badge(h.proven ? 'proven' : 'unproven', h.proven ? 's-verified' : 's-modified')),
        td(timeText(h.timeNs), 'time'),
        td(severityName(h.severityNumber, h.severityText)),
        td(h.stream, 'mono'),
        td(h.seq, 'num'),
        body,
        td(h.where, 'where'),
      );
    }),
  );
}

function completenessBlock(c: CompletenessView): HTMLElement {
  const box = el(
    'div',
    { className: 'completeness' },
    el('h5', { text: "Completeness of the searched window: the exporter's statement" }),
    el('p', {
      className: 'note',
      text:
        "What sealog search reported about the window when it wrote the bundle (completeness.json): the records it held in the window and what it could not show (missing ranges, a truncated tail, gaps, chain restarts). " +
        'It cannot be re-checked from the bundle alone, which holds the hits and not the records around them: re-run the search on the logs for that. The proofs can, and were checked above.',
    }),
  );
  const facts: Array<[string, string]> = [];
  if (c.windowComplete !== undefined) facts.push(['Window complete', c.windowComplete ? 'yes: nothing in the window is missing' : 'NO: the window has records it cannot show (below)']);
  if (c.allVerified !== undefined) facts.push(['Every hit verified when exported', c.allVerified ? 'yes' : 'no']);
  if (facts.length) box.append(pairs(facts));
  if (c.windows.length > 0) {
    box.append(
      table(
        'Windows of the search',
        ['Stream', 'Chain', 'Seqs in window', 'Records', 'Complete', 'What it cannot show'],
        c.windows.map((w) => {
          const what = el('td', {});
          if (w.findings.length === 0) what.textContent = 'nothing';
          else what.append(el('ul', { className: 'plain' }, ...w.findings.map((f) => el('li', {}, badge(f.severity.toUpperCase(), `sev-${f.severity}`), ` ${f.kind}${f.seq ? ` seq ${f.seq}` : ''}: ${f.message}`))));
          return el(
            'tr',
            {},
            td(w.stream, 'mono'),
            td(w.chain, 'mono'),
            td(w.seqs, 'num'),
            td(w.records, 'num'),
            el('td', {}, w.complete === undefined ? '' : badge(w.complete ? 'complete' : 'incomplete', w.complete ? 's-verified' : 's-modified')),
            what,
          );
        }),
      ),
    );
  }
  if (c.unproven.length > 0) box.append(el('p', { text: 'Hits the exporter could not prove:' }), el('ul', {}, ...c.unproven.map((u) => el('li', { text: u }))));
  box.append(el('details', {}, el('summary', { text: 'completeness.json' }), el('pre', { text: c.json })));
  return box;
}

function bundleCard(b: BundleView): HTMLElement {
  const ok = !b.mismatch && b.invalidProofs === 0 && b.unproven === 0;
  const card = el(
    'article',
    { className: 'stream bundle' },
    el('h4', {}, el('span', { text: 'Evidence bundle' }), el('span', { className: 'mono', text: b.name }), badge(ok ? 'INTACT' : 'VIOLATION', ok ? 'v-intact' : 'v-violation')),
  );
  const m = b.manifest;
  const facts: string[] = [];
  if (m) facts.push(`Written ${m.created} by sealog ${m.sealogVersion}; ${plural(m.files.length, 'file')} listed in its manifest${b.mismatch ? '' : ', every one present and unchanged'}.`);
  if (!b.mismatch) {
    facts.push(`${plural(b.hitCount, 'hit')}: ${count(b.hitCount - b.unproven)} proven (bound to a valid proof), ${count(b.unproven)} unproven.`);
    facts.push(`${plural(b.proofCount, 'proof')}: ${count(b.proofCount - b.invalidProofs)} valid with the key you gave, ${count(b.invalidProofs)} invalid.`);
  }
  card.append(el('ul', { className: 'facts' }, ...facts.map((f) => el('li', { text: f }))));
  if (b.mismatch) {
    card.append(
      el('p', { className: 'problem', text: 'Its files do not match its manifest (a file missing, changed or added since it was written), so nothing else of it was checked:' }),
      el('ul', {}, ...b.mismatch.map((p) => el('li', { className: 'mono', text: p }))),
    );
  }
  if (m) {
    card.append(el('h5', { text: 'The search (manifest)' }), pairs(m.query.length ? m.query : [['query', '(none given)']]));
    card.append(el('details', {}, el('summary', { text: 'Counts the exporter gave, and the files' }), pairs(m.counts), pairs(m.files.map((f) => [f.path, bytesText(f.bytes)]))));
  }
  if (!b.mismatch) {
    card.append(el('h5', { text: b.unproven ? 'Hits (the unproven first)' : 'Hits' }));
    if (b.hits.length > 0) card.append(el('div', { className: 'scroll tall' }, hitsTable(b.hits, b.name)));
    else card.append(el('p', { className: 'muted', text: 'The bundle holds no hit.' }));
    if (b.hitCount > b.hits.length) card.append(el('p', { className: 'muted', text: `Only ${count(b.hits.length)} of the hits are shown (the unproven first); the downloaded report has every unproven one.` }));
  }
  if (b.completeness) card.append(completenessBlock(b.completeness));
  if (b.keys.length > 0) {
    card.append(
      el('h5', { text: 'Keys in the bundle (not trusted: the proofs are checked against the key you gave)' }),
      pairs(b.keys.map((k) => [k.name, k.detail])),
    );
  }
  return card;
}

function proofsTable(proofs: readonly ProofRow[]): HTMLTableElement {
  return table(
    'Proofs',
    ['Proof', 'Stream', 'Seq', 'Details', 'Where'],
    proofs.map((p) =>
      el(
        'tr',
        {},
        el('td', {}, badge(p.ok ? 'OK' : 'INVALID', p.ok ? 's-verified' : 's-modified')),
        el('td', { className: 'mono', text: p.stream, ...(p.chain ? { title: `chain ${p.chain}` } : {}) }),
        td(p.seq, 'num'),
        td(p.detail),
        td(p.where, 'where'),
      ),
    ),
  );
}

function showProofsDone(m: Extract<FromWorker, { type: 'proofs-done' }>): void {
  hideProgress();
  const mismatched = m.bundles.filter((b) => b.mismatch).length;
  const what = `${plural(m.proofCount, 'proof')}${m.bundles.length ? ` and ${plural(m.proven + m.unproven, 'hit')} in ${plural(m.bundles.length, 'bundle')}` : ''}, checked in ${m.seconds.toFixed(1)} s`;
  const wrong = [
    ...(m.invalid ? [`${plural(m.invalid, 'invalid proof')}`] : []),
    ...(m.unproven ? [`${plural(m.unproven, 'hit')} not bound to a valid proof`] : []),
    ...(mismatched ? [`${plural(mismatched, 'bundle')} whose files do not match the manifest`] : []),
  ];
  const v = $('verdict');
  v.className = `verdict ${m.verdict}`;
  v.replaceChildren(
    el('strong', { text: m.verdict === 'intact' ? 'INTACT' : 'VIOLATION' }),
    el('span', {
      text:
        m.verdict === 'intact'
          ? `Every proof verifies with the key you gave${m.bundles.length ? ', every hit is the record its proof proves, and every bundle matches its manifest' : ''}: ${what}.`
          : `${wrong.join(', ')}: ${what}. The details below say which and why.`,
    }),
  );
  $('bundles').replaceChildren(...m.bundles.map(bundleCard));
  $('proofs').replaceChildren(proofsTable(m.proofs));
  $('proofs-note').textContent =
    m.proofCount > m.proofs.length
      ? `The first ${count(m.proofs.length)} of ${count(m.proofCount)} proofs are shown; the downloaded report has all of them.`
      : 'Each proof: the record, its Merkle audit path to the root its seal signs, and the key certificates from the epoch-0 key you gave (docs/PROOF.md).';
  $('streams-part').hidden = true;
  $('bundles-part').hidden = false;
  $('records').hidden = true;
  finish(m.verdict, m.reportJson, m.reportText, 'verify-proof');
}

function showRows(m: Extract<FromWorker, { type: 'rows' }>): void {
  if (m.id !== filterId) return;
  hideProgress();
  $('rows-body').replaceChildren(
    ...m.rows.map((r: RecordRow) => {
      const t = timeText(r.timeNs);
      return el(
        'tr',
        {},
        el('td', { title: r.reason }, badge(r.status, `s-${r.status}`)),
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
    case 'proofs-done':
      showProofsDone(m);
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
  $('download').addEventListener('click', () => download(reportJson, `${reportName}.json`, 'application/json'));
  $('download-text').addEventListener('click', () => download(reportText, `${reportName}.txt`, 'text/plain'));
  document.body.dataset['state'] = 'ready';
}

init();
