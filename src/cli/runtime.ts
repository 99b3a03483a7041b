/**
 * V8 settings for the long-running agent, applied before any component
 * starts.
 *
 * `--liftoff-only`: WebAssembly is compiled by V8's baseline compiler only,
 * never optimized. The one WebAssembly module the agent runs is undici's
 * HTTP/1.1 parser (llhttp), which reads the few hundred bytes of each export
 * response. Optimizing it took a ~35 MB burst of compiler memory at the first
 * request, 40 % of an idle agent's peak RSS, and nothing measurable in CPU.
 * WebAssembly flags are read when a module is compiled, so setting this one
 * at run time takes effect for the modules compiled after it.
 */
import { setFlagsFromString } from 'node:v8';

export function tuneRuntimeForAgent(): void {
  setFlagsFromString('--liftoff-only');
}
