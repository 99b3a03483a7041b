/**
 * `sealog spool dlq list|replay`: look into and resend the batches exporters
 * kept in the dead-letter area (`<spool dir>/dlq/<exporter id>/`).
 * Exit codes: 0 ok, 1 some entries failed (or could not be read), 2 usage
 * error or unreadable spool directory.
 */
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { AgentError, errorMessage, isAgentError } from '../errors.js';
import { deleteDeadLetter, listDeadLetters, readDeadLetterBody, recordReplay, } from '../exporters/dlq.js';
import { createDispatcher } from '../exporters/otlphttp/dispatcher.js';
import { redactUrl, resolveReplayUrl } from '../exporters/otlphttp/endpoint.js';
import { sendRequest } from '../exporters/otlphttp/send.js';
const gzipAsync = promisify(gzip);
const stdio = {
    out: (l) => void process.stdout.write(l + '\n'),
    err: (l) => void process.stderr.write(l + '\n'),
};
function seqText(e) {
    const s = e.meta.streams.map((r) => `${r.stream === '' ? '' : r.stream + ':'}${r.first}-${r.last}`).join(',');
    return s === '' ? '-' : s;
}
export async function runDlqList(opts, io = stdio) {
    let listing;
    try {
        listing = await listDeadLetters(opts.dir);
    }
    catch (err) {
        io.err(`sealog spool dlq list: ${errorMessage(err)}`);
        return 2;
    }
    if (opts.json) {
        io.out(JSON.stringify({ entries: listing.entries.map((e) => ({ path: e.metaPath, body: e.bodyPath, ...e.meta })), problems: listing.problems }));
    }
    else if (listing.entries.length === 0) {
        io.out(`no dead letters in ${opts.dir}`);
    }
    else {
        let records = 0;
        for (const e of listing.entries) {
            const m = e.meta;
            records += m.records;
            const replayed = m.replays.some((r) => r.ok) ? ' (replayed)' : '';
            io.out(`${m.time}  ${m.exporter}  ${m.reason}${m.status ? ' ' + m.status : ''}  ${m.records} records  seq ${seqText(e)}  ${m.encoding}${replayed}\n` +
                `    ${m.message}\n    ${e.metaPath}`);
        }
        io.out(`${listing.entries.length} dead letters, ${records} records`);
    }
    for (const p of listing.problems)
        io.err(`sealog spool dlq list: ${p}`);
    return listing.problems.length > 0 ? 1 : 0;
}
function parseHeaders(pairs) {
    const out = {};
    for (const pair of pairs) {
        const i = pair.indexOf('=');
        if (i <= 0)
            throw new AgentError('USAGE', `--header "${pair.split('=')[0]}": expected name=value`);
        const name = pair.slice(0, i).trim();
        const value = pair.slice(i + 1).trim();
        try {
            validateHeaderName(name);
            validateHeaderValue(name, value);
        }
        catch {
            throw new AgentError('USAGE', `--header "${name}": not a valid HTTP header (value not shown)`);
        }
        out[name.toLowerCase()] = value;
    }
    return out;
}
export async function runDlqReplay(opts, io = stdio) {
    let url;
    let userHeaders;
    let listing;
    try {
        url = resolveReplayUrl(opts.endpoint);
        userHeaders = parseHeaders(opts.header ?? []);
        listing = await listDeadLetters(opts.dir, opts.exporter);
    }
    catch (err) {
        io.err(`sealog spool dlq replay: ${errorMessage(err)}`);
        return 2;
    }
    for (const p of listing.problems)
        io.err(`sealog spool dlq replay: ${p}`);
    if (listing.entries.length === 0) {
        io.out(`no dead letters for exporter ${opts.exporter} in ${opts.dir}`);
        return listing.problems.length > 0 ? 1 : 0;
    }
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const dispatcher = createDispatcher({ tls: { rejectUnauthorized: true }, connections: 1, timeoutMs });
    const target = redactUrl(url);
    let failed = listing.problems.length;
    let sent = 0;
    let replayed = 0;
    try {
        for (const e of listing.entries) {
            let body;
            try {
                body = await gzipAsync(await readDeadLetterBody(e));
            }
            catch (err) {
                io.err(`${e.metaPath}: cannot read the body ${e.bodyPath}: ${errorMessage(err)}`);
                failed++;
                continue;
            }
            const headers = { 'user-agent': 'sealog', ...userHeaders, 'content-type': e.meta.contentType, 'content-encoding': 'gzip' };
            const out = await sendRequest(dispatcher, { url, body, headers, encoding: e.meta.encoding, timeoutMs });
            const status = out.kind === 'aborted' ? 0 : out.status;
            const ok = out.kind === 'ok';
            const message = out.kind === 'ok' ? (out.partial ? `partial success: ${out.partial.rejected} rejected: ${out.partial.message}` : 'ok') : out.kind === 'aborted' ? 'aborted' : out.message;
            try {
                if (ok && opts.delete)
                    await deleteDeadLetter(e);
                else
                    await recordReplay(e, { time: new Date().toISOString(), endpoint: target, status, ok, message });
            }
            catch (err) {
                io.err(`${e.metaPath}: could not update the entry: ${errorMessage(err)}`);
            }
            if (ok) {
                sent += e.meta.records;
                replayed++;
                io.out(`replayed ${e.metaPath}: ${e.meta.records} records, HTTP ${status}${out.kind === 'ok' && out.partial ? ` (${message})` : ''}${opts.delete ? ', deleted' : ''}`);
            }
            else {
                failed++;
                io.err(`failed ${e.metaPath}: ${status ? 'HTTP ' + status + ': ' : ''}${message}`);
            }
        }
    }
    finally {
        await dispatcher.close();
    }
    io.out(`${replayed} of ${listing.entries.length} dead letters replayed to ${target} (${sent} records)`);
    return failed > 0 ? 1 : 0;
}
function collect(value, previous) {
    return [...previous, value];
}
/** Adds `dlq list` and `dlq replay` under the `spool` command. */
export function registerDlqCommands(spoolCommand) {
    const dlq = spoolCommand.command('dlq').description('Dead letters: batches an exporter could not deliver (a permanent rejection), kept in <spool dir>/dlq/');
    dlq
        .command('list')
        .description('List dead letters with their reason, server message, records and seq ranges')
        .requiredOption('--dir <spooldir>', 'spool directory')
        .option('--json', 'machine-readable output')
        .action(async (opts) => {
        process.exitCode = await runDlqList(opts);
    });
    dlq
        .command('replay')
        .description("Resend one exporter's dead letters to an OTLP/HTTP endpoint (/v1/logs is appended unless the path ends with it)")
        .requiredOption('--dir <spooldir>', 'spool directory')
        .requiredOption('--exporter <id>', 'exporter id, e.g. otlphttp or otlphttp/backup')
        .requiredOption('--endpoint <url>', 'OTLP/HTTP base URL or full logs URL')
        .option('--header <name=value>', 'request header (repeatable)', collect, [])
        .option('--delete', 'delete each dead letter once the endpoint accepted it')
        .action(async (opts) => {
        try {
            process.exitCode = await runDlqReplay(opts);
        }
        catch (err) {
            process.stderr.write(`sealog spool dlq replay: ${errorMessage(err)}\n`);
            process.exitCode = isAgentError(err, 'USAGE') ? 2 : 1;
        }
    });
}
//# sourceMappingURL=dlq.js.map