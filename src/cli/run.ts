/**
 * `sealog run -c FILE`: the daemon.
 *   SIGTERM / SIGINT  stop inputs, seal, flush the spool, drain exporters, exit 0
 *   SIGHUP            reload the config; an invalid one is logged and the old one kept
 * Exit codes: 0 clean stop, 1 failed to start or crashed, 2 invalid config.
 */
import type { Command } from 'commander';
import { ConfigError, loadConfigFile } from '../config/load.js';
import { formatIssue } from '../config/issues.js';
import { errorMessage } from '../errors.js';
import { Agent } from '../pipeline/agent.js';
import { ReloadFailed, ReloadRefused } from '../pipeline/preflight.js';
import { createLogger } from '../telemetry/logger.js';
import { tuneRuntimeForAgent } from './runtime.js';

export function registerRunCommand(program: Command, version: string): void {
  program
    .command('run')
    .description('Run the agent: tail files and accept OTLP, seal, spool, and forward.')
    .requiredOption('-c, --config <file>', 'YAML configuration (see docs/CONFIG.md)')
    .addHelpText('after', '\nSignals: SIGTERM/SIGINT stop cleanly, SIGHUP reloads the config.\nExit codes: 0 clean stop, 1 failed to start, 2 invalid configuration.')
    .action(async (o: { config: string }) => {
      process.exitCode = await runAgent(o.config, version);
    });
}

export async function runAgent(configPath: string, version: string): Promise<number> {
  let cfg;
  try {
    cfg = loadConfigFile(configPath);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.format() + '\n');
      return 2;
    }
    process.stderr.write(`sealog: ${errorMessage(err)}\n`);
    return 2;
  }
  const logger = createLogger({ level: cfg.service.logLevel });
  const tuning = tuneRuntimeForAgent();
  logger.debug(
    tuning.heapSteered
      ? 'V8 heap steered for a small footprint (docs/PERFORMANCE.md); a V8 heap flag of your own turns this off'
      : 'V8 heap left to the heap flags given on the command line or in NODE_OPTIONS',
  );
  if (mallocKeepsBursts()) {
    logger.info(
      'MALLOC_MMAP_THRESHOLD_ is not set: after a burst of large requests glibc may keep their memory (the shipped systemd unit sets MALLOC_MMAP_THRESHOLD_=131072; see docs/OTLP-RECEIVER.md, "Memory after a burst")',
    );
  }
  const agent = new Agent(cfg, {
    logger,
    version,
    onKeyGenerated: (k) =>
      process.stderr.write(`sealog: generated a signing key: ${k.keyFile}\nsealog: public key ${k.pubFile} (key id ${k.keyId}, ${k.publicKeyHex}): verify with  sealog verify --key ${k.pubFile} FILE\n`),
  });
  const keepAlive = setInterval(() => {}, 1 << 30);
  let stopping = false;
  const stopped = new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      if (stopping) {
        logger.warn('second signal: exiting now', { signal });
        process.exit(1);
      }
      stopping = true;
      logger.info('stopping', { signal });
      agent.shutdown().then(
        () => resolve(0),
        (err) => {
          logger.error('shutdown failed', { error: errorMessage(err) });
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
  let reloading = Promise.resolve();
  process.on('SIGHUP', () => {
    reloading = reloading.then(async () => {
      if (stopping) return;
      logger.info('reloading configuration', { config: configPath });
      try {
        const next = loadConfigFile(configPath);
        await agent.reload(next);
      } catch (err) {
        if (err instanceof ConfigError) {
          logger.error('new configuration is invalid; keeping the running one', { errors: err.issues.map(formatIssue) });
        } else {
          logger.error(
            err instanceof ReloadRefused
              ? 'reload refused: the new configuration cannot run here; the running configuration is kept, unchanged'
              : err instanceof ReloadFailed && err.restored
                ? 'reload failed: the previous configuration runs again, unchanged'
                : 'reload failed; see the previous error for what is still running',
            { error: errorMessage(err) },
          );
        }
      }
    });
  });
  try {
    await agent.start();
  } catch (err) {
    logger.error('sealog failed to start', { error: errorMessage(err) });
    clearInterval(keepAlive);
    tuning.stop();
    return 1;
  }
  const code = await stopped;
  clearInterval(keepAlive);
  tuning.stop();
  return code;
}

/**
 * Whether glibc's malloc runs with its dynamic mmap threshold: raised after
 * the first large free, so that later large buffers (request bodies) come
 * from the heap and are kept after a burst. Only an environment variable
 * read when the process starts can fix the threshold, hence a note at start.
 */
function mallocKeepsBursts(): boolean {
  if (process.platform !== 'linux' || process.env['MALLOC_MMAP_THRESHOLD_'] !== undefined) return false;
  if (/glibc\.malloc\.mmap_threshold=/.test(process.env['GLIBC_TUNABLES'] ?? '')) return false;
  try {
    const header = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header;
    return header?.glibcVersionRuntime !== undefined;
  } catch {
    return false;
  }
}
