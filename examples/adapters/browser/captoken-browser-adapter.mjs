// The ES-module route of the browser adapter: a thin module exporting decode(token), around the SDK
// bundle that ships. Here it wraps the UMD build beside it (importing it runs it, and it sets
// globalThis.MyVoice); with an SDK published as an ES module, import its decoder instead.
//
//   captoken conformance --adapter-browser examples/adapters/browser/captoken-browser-adapter.mjs
//
// The contract is the module adapter's: return { header, payload } to accept, throw to reject
// (docs/adapter-protocol.md). The file's directory is served to the page, so relative imports work.
import './voice-sdk.umd.js';

const sdk = globalThis.MyVoice;

export function decode(token) {
  // The SDK also returns the signature bytes; the kit compares the header and the payload.
  const { header, payload } = sdk.decodeToken(token);
  return { header, payload };
}
