/**
 * Headless chromium for the verifier page (the bench's browser scenario and
 * test/browser/): Debian's /usr/bin/chromium (or SEALOG_CHROMIUM), driven by
 * playwright-core, with nothing running in the background that could fetch.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env['SEALOG_CHROMIUM'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** The built page (scripts/build-page.ts). */
export const VERIFIER_PAGE = fileURLToPath(new URL('../../verifier/index.html', import.meta.url));

/** Why chromium cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), or set SEALOG_CHROMIUM`;
}

export function launchChromium(): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
