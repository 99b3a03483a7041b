/**
 * No silent loss, as a property (issue 14): for random interleavings of
 * appends, renames out of the include set, copytruncate, truncations,
 * deletes and restarts on a real directory, read by the real receiver, every
 * written line is either delivered or inside the byte range of a declared
 * gap (of the same file: device, inode and fingerprint). Rotated names fall
 * outside the include set (`*.log`: found by the search) or inside it
 * (`app.log*`: continued through the donor pool); one descriptor or many.
 *
 * Restarts stop the receiver and start a new one with the positions the
 * consumer committed, as the agent recovers them from its spool; gap records
 * commit the positions they settle in the same step, as the sealer does.
 *
 * One precondition, the documented limit (docs/FILELOG.md "Limits"): content
 * is destroyed (truncated, deleted, renamed away) only once the receiver has
 * seen it, i.e. delivered the first line of that content. Bytes written and
 * destroyed between two looks of the receiver (or while it is stopped, in a
 * file it never saw) cannot be known to have existed. While the receiver
 * runs, the model waits for that; while it is stopped, such an operation is
 * skipped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFileSync, copyFileSync, renameSync, statSync, truncateSync, unlinkSync } from 'node:fs';
import type { InputGap } from '../../../src/pipeline/types.js';
import { sha256Hex, parsePositionKey } from '../../../src/receivers/filelog/identity.js';
import { GapConsumer, Harness, baseConfig, sleep, waitFor } from './helpers.js';

/** One content of one inode: from its creation, or from a truncation, to the next truncation. */
interface Gen {
  content: string;
  lines: string[];
}

interface Inode {
  ino: string;
  path: string | null;
  gen: Gen;
}

interface Location {
  ino: string;
  gen: Gen;
  from: number;
  to: number;
}

type Op =
  | { k: 'append'; n: number }
  | { k: 'rotate' }
  | { k: 'copytruncate' }
  | { k: 'truncate' }
  | { k: 'delete' }
  | { k: 'deleteRotated'; i: number }
  | { k: 'restart' }
  | { k: 'down' }
  | { k: 'yield'; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('append' as const), n: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.constant({ k: 'rotate' as const }) },
  { weight: 2, arbitrary: fc.constant({ k: 'copytruncate' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'truncate' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'delete' as const }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('deleteRotated' as const), i: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.constant({ k: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'down' as const }) },
  // Lets the receiver run for a while between operations (an interleaving, not a wait for a condition).
  { weight: 2, arbitrary: fc.record({ k: fc.constant('yield' as const), ms: fc.integer({ min: 0, max: 120 }) }) },
);

const FP_SIZE = 128;

/** Does a gap's key name this content (same inode, and its fingerprint hashes a prefix of the content)? */
function keyNames(gapKey: string, loc: Location): boolean {
  const k = parsePositionKey(gapKey);
  if (!k || k.id.split(':')[1] !== loc.ino) return false;
  const bytes = Buffer.from(loc.gen.content);
  for (let n = 0; n <= Math.min(FP_SIZE, bytes.length); n++) if (sha256Hex(bytes.subarray(0, n)) === k.fpHex) return true;
  return false;
}

function covers(g: InputGap, loc: Location): boolean {
  return g.from <= loc.from && (g.to === undefined || loc.to <= g.to) && keyNames(g.file, loc);
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

async function runScenario(ops: Op[], maxOpen: number, include: string): Promise<void> {
  h = new Harness();
  const hh = h;
  const app = hh.path('app.log');
  const cfg = baseConfig({ include: [hh.path(include)], maxBatchLines: 7, fingerprintSizeBytes: FP_SIZE, maxConcurrentFiles: maxOpen, pollIntervalMs: 40 });
  const c = new GapConsumer();
  const inodes: Inode[] = [];
  /** Every written line and every place its bytes were (the file it was written to, and copies of it). */
  const where = new Map<string, Location[]>();
  let live: Inode | null = null;
  let genNo = 0;
  let lineNo = 0;
  let rotNo = 0;
  let r: { shutdown(): Promise<void> } | null = await hh.start(cfg, c, []);

  const seen = (g: Gen): boolean => g.lines.length === 0 || c.delivered.has(g.lines[0]!);
  /** May this content be destroyed now? While running, waits until the receiver has seen it. */
  const mayDestroy = async (g: Gen): Promise<boolean> => {
    if (seen(g)) return true;
    if (!r) return false;
    await waitFor(() => seen(g), `the receiver sees ${g.lines[0]}`, 30_000).catch((err: unknown) => {
      throw new Error(`${String(err)}; log: ${JSON.stringify(hh.logger.lines.slice(-25))}`);
    });
    return true;
  };
  const tagOf = new Map<Gen, number>();
  const gen = (): Gen => {
    const g: Gen = { content: '', lines: [] };
    tagOf.set(g, genNo++);
    return g;
  };

  const delivered = (line: string): boolean => c.delivered.has(line);
  const accounted = (line: string): boolean => delivered(line) || (where.get(line) ?? []).some((loc) => c.gaps.some((g) => covers(g, loc)));
  const unaccounted = (): string[] => [...where.keys()].filter((l) => !accounted(l));

  for (const op of ops) {
    switch (op.k) {
      case 'append': {
        if (!live) {
          appendFileSync(app, '');
          live = { ino: String(statSync(app, { bigint: true }).ino), path: app, gen: gen() };
          inodes.push(live);
        }
        let chunk = '';
        const g = live.gen;
        for (let i = 0; i < op.n; i++) {
          const line = `g${tagOf.get(g)} l${lineNo++} ${'x'.repeat(lineNo % 23)}`;
          const from = Buffer.byteLength(g.content) + Buffer.byteLength(chunk);
          where.set(line, [{ ino: live.ino, gen: g, from, to: from + Buffer.byteLength(line) + 1 }]);
          g.lines.push(line);
          chunk += line + '\n';
        }
        appendFileSync(app, chunk);
        g.content += chunk;
        break;
      }
      case 'rotate': {
        if (!live || !(await mayDestroy(live.gen))) break;
        const to = hh.path(`app.log.${++rotNo}`);
        renameSync(app, to);
        live.path = to;
        live = null;
        break;
      }
      case 'copytruncate': {
        if (!live || !(await mayDestroy(live.gen))) break;
        const to = hh.path(`app.log.${++rotNo}`);
        copyFileSync(app, to);
        const copy: Inode = { ino: String(statSync(to, { bigint: true }).ino), path: to, gen: { content: live.gen.content, lines: live.gen.lines.slice() } };
        tagOf.set(copy.gen, tagOf.get(live.gen)!);
        inodes.push(copy);
        for (const l of live.gen.lines) {
          const loc = where.get(l)!.find((x) => x.gen === live!.gen)!;
          where.get(l)!.push({ ...loc, ino: copy.ino, gen: copy.gen });
        }
        truncateSync(app, 0);
        live.gen = gen();
        break;
      }
      case 'truncate': {
        if (!live || !(await mayDestroy(live.gen))) break;
        truncateSync(app, 0);
        live.gen = gen();
        break;
      }
      case 'delete': {
        if (!live || !(await mayDestroy(live.gen))) break;
        unlinkSync(app);
        live.path = null;
        live = null;
        break;
      }
      case 'deleteRotated': {
        const rotated = inodes.filter((f) => f !== live && f.path !== null);
        if (rotated.length === 0) break;
        const f = rotated[op.i % rotated.length]!;
        if (!(await mayDestroy(f.gen))) break;
        unlinkSync(f.path!);
        f.path = null;
        break;
      }
      case 'restart':
      case 'down': {
        const wasRunning = r !== null;
        if (r) {
          await r.shutdown();
          r = null;
        }
        // 'down' stops a running receiver (operations then happen while it is down) or starts a stopped one.
        if (op.k === 'restart' || !wasRunning) r = await hh.start(cfg, c, c.recovered());
        break;
      }
      case 'yield':
        await sleep(op.ms);
        break;
    }
  }
  if (!r) r = await hh.start(cfg, c, c.recovered());
  await waitFor(() => unaccounted().length === 0, 'every line delivered or inside a gap', 30_000).catch(() => undefined);
  const missing = unaccounted();
  if (missing.length > 0) {
    const detail = {
      ops: ops.map((o) => o.k + ('n' in o ? o.n : '')).join(' '),
      missing: missing.slice(0, 5).map((l) => ({ l, at: where.get(l)!.map((x) => ({ ino: x.ino, gen: tagOf.get(x.gen), from: x.from, to: x.to })) })),
      missingCount: missing.length,
      gaps: c.gaps.map((g) => ({ ...g, file: g.file.slice(0, 8) + g.file.slice(64) })),
      log: hh.logger.lines.filter((l) => l.level !== 'debug').slice(-10),
    };
    expect.fail(`lines neither delivered nor inside a gap: ${JSON.stringify(detail)}`);
  }
  await hh.cleanup();
  h = undefined;
}

/** The scenarios `npm test` runs: seed 20261207 unless FILELOG_PROPERTY_SEED names another, or `random`. */
function seedOption(env: string | undefined): { seed: number } | undefined {
  if (env === 'random') return undefined;
  return { seed: env === undefined ? 20261207 : Number(env) };
}

describe('filelog: no silent loss (property)', () => {
  it('every written line is delivered or inside a declared gap, for random appends, renames, truncations, deletes and restarts', async () => {
    await fc.assert(
      // Starts with an append, so that the first operations have a file to act on.
      // Rotated names outside the include set (found by the search) or inside it (continued through the donor pool).
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.array(opArb, { minLength: 4, maxLength: 20 }),
        fc.constantFrom(1, 64),
        fc.constantFrom('*.log', 'app.log*'),
        async (n, ops, maxOpen, include) => runScenario([{ k: 'append', n }, ...ops], maxOpen, include),
      ),
      {
        numRuns: Number(process.env.FILELOG_PROPERTY_RUNS ?? 40),
        endOnFailure: process.env.FILELOG_PROPERTY_SHRINK === undefined,
        // `npm test` runs one fixed set of scenarios, so that a run is repeatable; explore new ones with
        // FILELOG_PROPERTY_SEED=random (and FILELOG_PROPERTY_RUNS=500), replay one with its seed (README, Development).
        ...(seedOption(process.env.FILELOG_PROPERTY_SEED) ?? {}),
        ...(process.env.FILELOG_PROPERTY_PATH !== undefined ? { path: process.env.FILELOG_PROPERTY_PATH } : {}),
      },
    );
  }, 240_000);
});
