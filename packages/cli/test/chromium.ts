// Headless Chromium for the tests that render the audit report. It needs
// Debian's package (apt-get install -y chromium; .ci/run installs it): tests
// skip where it is absent. The flags keep it off every network but loopback.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Where Debian installs Chromium. */
export const CHROMIUM = '/usr/bin/chromium';

/** True when Chromium is installed here. */
export const hasChromium: boolean = existsSync(CHROMIUM);

/** Launch headless Chromium through playwright-core. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
