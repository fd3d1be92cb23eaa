// Whether the real-browser tests can run here, decided once for the whole test run.
// - Chromium found (CAPTOKEN_CHROMIUM, default Debian's /usr/bin/chromium): the browser suites run.
// - Not found: they are skipped, and test/support/global-setup.ts says so loudly, with the install
//   command, at the start and at the end of the run, so a skip is never silent.
// - CAPTOKEN_REQUIRE_BROWSER=1 (set by .ci/run): a missing browser fails the run instead.
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env['CAPTOKEN_CHROMIUM'] ?? '/usr/bin/chromium';
export const REQUIRE_BROWSER = process.env['CAPTOKEN_REQUIRE_BROWSER'] === '1';
export const CHROMIUM_FOUND = existsSync(CHROMIUM);

/** The one command that installs the browser the tests use (Debian; needs root). */
export const INSTALL_CHROMIUM = 'sudo apt-get update && sudo apt-get install -y chromium';

/**
 * True when the browser suites must be skipped: no Chromium, and the run does not require one.
 * With CAPTOKEN_REQUIRE_BROWSER=1 this is false even without Chromium, so the suites run and fail.
 */
export const SKIP_BROWSER = !CHROMIUM_FOUND && !REQUIRE_BROWSER;

export function missingBrowserMessage(): string {
  return (
    `${CHROMIUM} not found: the real-browser tests need Chromium. Install it with\n` +
    `    ${INSTALL_CHROMIUM}\n` +
    'or point CAPTOKEN_CHROMIUM at a Chromium or Chrome binary. Nothing downloads a browser.'
  );
}

/** The banner printed when the browser suites are skipped. */
export function skipBanner(): string {
  const rule = '='.repeat(78);
  return [
    '',
    rule,
    'BROWSER TESTS SKIPPED: the suites under test/browser/ and the browser adapter tests did not run.',
    missingBrowserMessage(),
    'CI sets CAPTOKEN_REQUIRE_BROWSER=1, under which a missing browser fails the run.',
    rule,
    '',
  ].join('\n');
}
