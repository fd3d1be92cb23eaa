// vitest globalSetup: announce a skipped browser suite or Python panel at the start and again at the
// end of the run, so it cannot scroll by unnoticed; fail at once when CI requires one that is missing.
import { CHROMIUM_FOUND, missingBrowserMessage, REQUIRE_BROWSER, SKIP_BROWSER, skipBanner } from './browser-availability.js';
import { missingPanelMessage, PANEL_PYTHON_FOUND, panelSkipBanner, REQUIRE_PANEL, SKIP_PANEL_PYTHON } from './panel-availability.js';

export default function setup(): () => void {
  if (!CHROMIUM_FOUND && REQUIRE_BROWSER) {
    throw new Error(`CAPTOKEN_REQUIRE_BROWSER=1 but ${missingBrowserMessage()}`);
  }
  if (!PANEL_PYTHON_FOUND && REQUIRE_PANEL) {
    throw new Error(`CAPTOKEN_REQUIRE_PANEL=1 but ${missingPanelMessage()}`);
  }
  const banners = (): void => {
    if (SKIP_BROWSER) process.stderr.write(skipBanner());
    if (SKIP_PANEL_PYTHON) process.stderr.write(panelSkipBanner());
  };
  banners();
  return banners;
}
