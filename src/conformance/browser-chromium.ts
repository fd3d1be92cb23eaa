// Finding and starting Chromium for the browser adapter: Debian's /usr/bin/chromium (or
// CAPTOKEN_CHROMIUM), driven by playwright-core, which is imported here on demand so that nothing else
// loads it. Nothing downloads a browser.
import type { Browser } from 'playwright-core';

/** Where the browser adapter looks for Chromium when neither `chromium` nor CAPTOKEN_CHROMIUM is given. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The command that installs it (Debian, Ubuntu; needs root). */
export const INSTALL_CHROMIUM = 'apt-get update && apt-get install -y chromium';

/** The launch flags: headless, no sandbox (containers, CI), and no background traffic of its own. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** The Chromium executable the options and the environment choose. */
export function chromiumPath(option?: string): string {
  return option ?? process.env['CAPTOKEN_CHROMIUM'] ?? DEFAULT_CHROMIUM;
}

/** The message of a missing browser: what was looked for, and how to install one. */
export function missingChromiumMessage(executable: string): string {
  return (
    `Chromium not found at ${executable}: the browser adapter runs the parser in headless Chromium, and captoken never downloads a browser. ` +
    `Install it (Debian/Ubuntu, as root): ${INSTALL_CHROMIUM}; or set CAPTOKEN_CHROMIUM to a Chromium or Chrome executable.`
  );
}

// One Chromium per executable for the whole process: `check` with a browser candidate and a browser
// baseline starts it once. Each adapter has its own context (its own renderer process and storage).
const launched = new Map<string, { browser: Promise<Browser>; users: number }>();

/**
 * A Chromium for one adapter: launched on first use, shared while adapters use it, closed when the
 * last one releases it. Rejects with playwright-core's launch error.
 */
export async function acquireBrowser(executable: string): Promise<{ browser: Browser; release: () => Promise<void> }> {
  let entry = launched.get(executable);
  if (entry === undefined) {
    const browser = (async () => {
      const { chromium } = await import('playwright-core');
      return chromium.launch({ executablePath: executable, args: [...CHROMIUM_ARGS], timeout: 60_000 });
    })();
    entry = { browser, users: 0 };
    const mine = entry;
    launched.set(executable, mine);
    browser.then(
      (b) => {
        b.on('disconnected', () => {
          if (launched.get(executable) === mine) launched.delete(executable);
        });
      },
      () => {
        if (launched.get(executable) === mine) launched.delete(executable);
      },
    );
  }
  entry.users++;
  const current = entry;
  let browser: Browser;
  try {
    browser = await current.browser;
  } catch (error) {
    current.users--;
    throw error;
  }
  let released = false;
  return {
    browser,
    release: async () => {
      if (released) return;
      released = true;
      if (--current.users > 0) return;
      if (launched.get(executable) === current) launched.delete(executable);
      await browser.close().catch(() => undefined);
    },
  };
}

