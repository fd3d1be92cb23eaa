// vitest globalSetup: announce a skipped browser suite at the start and again at the end of the run,
// so it cannot scroll by unnoticed; fail at once when CI requires the browser and it is missing.
import { CHROMIUM_FOUND, missingBrowserMessage, REQUIRE_BROWSER, SKIP_BROWSER, skipBanner } from './browser-availability.js';

export default function setup(): () => void {
  if (!CHROMIUM_FOUND && REQUIRE_BROWSER) {
    throw new Error(`CAPTOKEN_REQUIRE_BROWSER=1 but ${missingBrowserMessage()}`);
  }
  if (SKIP_BROWSER) process.stderr.write(skipBanner());
  return () => {
    if (SKIP_BROWSER) process.stderr.write(skipBanner());
  };
}
