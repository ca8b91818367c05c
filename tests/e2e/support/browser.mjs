// Debian's Chromium, driven by playwright-core: never a downloaded browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * A headless browser context with a fresh profile, pinned locale and time zone.
 * Returns { context, close }.
 */
export async function launch({ locale = 'en-US', timezoneId = 'UTC', colorScheme = 'light', viewport } = {}) {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'task-history-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: FLAGS,
    locale,
    timezoneId,
    colorScheme,
    viewport: viewport ?? { width: 1100, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
