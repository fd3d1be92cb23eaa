// The one list of src/ modules whose tests do not sit at the mirrored path (test/<path>.test.ts or
// .test-d.ts), each with the topic test file that covers it. test/architecture/mirror.test.ts checks
// that every other module has its mirrored test, and keeps this map true; the README's Development
// section points here instead of repeating it.
//
// `pending` marks a module another branch of issue 10 is rewriting (H1: the runtime split and one
// precedence rule; H3: the conformance engine and reporters; H5: the JWK policy and one options
// reader). Its direct test is written with that change; until then the topic file named here covers it.

export type Pending = 'H1' | 'H3' | 'H5';

export interface Topic {
  /** The test file that covers the module, from the repository root. */
  readonly test: string;
  /** What of the module that test covers, or why the module has no direct test. */
  readonly why: string;
  readonly pending?: Pending;
}

export const TOPIC_MAP: Readonly<Record<string, Topic>> = {
  // CLI commands: each is tested end to end through the built binary, one topic file per command.
  'src/cli/commands/check.ts': { test: 'test/cli/check.test.ts', why: 'captoken check, run as a process' },
  'src/cli/commands/conformance.ts': { test: 'test/cli/conformance.test.ts', why: 'captoken conformance, run as a process' },
  'src/cli/commands/decode.ts': { test: 'test/cli/decode.test.ts', why: 'captoken decode, run as a process' },
  'src/cli/commands/mint.ts': { test: 'test/cli/mint.test.ts', why: 'captoken mint, run as a process' },
  'src/cli/commands/vectors.ts': { test: 'test/cli/vectors.test.ts', why: 'captoken vectors, run as a process' },
  'src/cli/commands/verify.ts': { test: 'test/cli/verify.test.ts', why: 'captoken verify, run as a process' },
  'src/cli/main.ts': { test: 'test/cli/bin.test.ts', why: 'the bin entry, run from dist/cli.js' },
  // CLI pieces the reporter work rewrites.
  'src/cli/output/report.ts': { test: 'test/cli/check.test.ts', why: 'report files and summaries (reporters take data, H3)' },
  'src/cli/output/token-view.ts': { test: 'test/cli/decode.test.ts', why: 'the token display (one token display, H3)' },
  // The conformance engine.
  // The JWS layer and the crypto providers: the runtime split and the one precedence rule.
  'src/verify/crypto-web.ts': { test: 'test/verify/wycheproof.test.ts', why: 'the WebCrypto provider on the Wycheproof vectors, beside the node:crypto one' },
  'src/base64url/runtime-web.ts': { test: 'test/base64url/runtime-node.test.ts', why: 'the web codec runtime, checked against the Node one' },
  'src/cli/commands/report.ts': { test: 'test/cli/corpus.test.ts', why: 'captoken report merge, run as a process after sharded checks' },
  'src/cli/corpus-options.ts': { test: 'test/cli/corpus.test.ts', why: 'the corpus, shard and expectations flags of check' },
  'src/conformance/corpus-report.ts': { test: 'test/conformance/corpus.test.ts', why: 'the corpus section of a check report' },
  'src/conformance/corpus-repro.ts': { test: 'test/conformance/corpus.test.ts', why: 'the synthetic reproduction of a corpus finding' },
  'src/conformance/expectation-types.ts': { test: 'test/conformance/expectations.test.ts', why: 'the shapes read and written by expectations.ts' },
  'src/conformance/fault-char.ts': { test: 'test/conformance/display.test.ts', why: 'the located fault character every display uses' },
  'src/conformance/format-corpus.ts': { test: 'test/conformance/corpus.test.ts', why: 'the corpus sections of the text and JUnit reports' },
  'src/conformance/xml.ts': { test: 'test/conformance/format-junit.test.ts', why: 'XML escaping, through the JUnit reporter' },
  'src/conformance/report.ts': { test: 'test/conformance/format-json.test.ts', why: 'the run result, as the reporters render it' },
  'src/conformance/browser-chromium.ts': { test: 'test/conformance/browser-adapter.test.ts', why: 'launching Chromium, through the browser adapter' },
  'src/conformance/browser-page.ts': { test: 'test/conformance/browser-adapter.test.ts', why: 'the in-page loop, through the browser adapter' },
  'src/conformance/browser-server.ts': { test: 'test/conformance/browser-adapter.test.ts', why: 'the loopback server, through the browser adapter' },
  'src/verify/jws.ts': { test: 'test/verify/verifier.test.ts', why: 'split and header rules, through the verifier' },
  'src/verify/jws-verifier.ts': { test: 'test/verify/rfc7515.test.ts', why: 'createJwsVerifier on the RFC 7515 examples' },
  'src/verify/provider.ts': { test: 'test/verify/properties.test.ts', why: 'the CryptoProvider contract, both providers' },
  // Types only.
  'src/verify/types.ts': { test: 'test/types/verifier.test-d.ts', why: 'the verifier’s public types, pinned at type level' },
};
