// createJwsVerifier: the JWS layer on its own (signature over header and payload bytes, no claims).
import { compileJws } from './jws.js';
import { KEY_SOURCE_OPTIONS, readAlgorithms, readMaxLength, readOptions } from './options.js';
import type { CryptoProvider } from './provider.js';
import type { JwsVerifier, JwsVerifierOptions, VerifiedJws } from './types.js';
import { syncUnavailable } from './verifier.js';

/** createJwsVerifier with an explicit crypto provider (tests drive both runtimes). */
export function buildJwsVerifier(options: JwsVerifierOptions, provider: CryptoProvider): JwsVerifier {
  const o = readOptions(options, KEY_SOURCE_OPTIONS, 'JWS verifier');
  const algorithms = readAlgorithms(o['algorithms']);
  const maxLength = readMaxLength(o['maxLength']);
  const core = compileJws({ key: o['key'], jwks: o['jwks'], jwksUrl: o['jwksUrl'], jwksOptions: o['jwksOptions'] }, algorithms, maxLength, provider);
  const noSync = syncUnavailable(core);
  const result = (parts: ReturnType<typeof core.split>): VerifiedJws => {
    const { header, alg, kid } = parts.entry;
    return kid === undefined ? { header, payload: parts.payload, alg } : { header, payload: parts.payload, alg, kid };
  };
  return {
    verifySync(token) {
      if (noSync !== undefined) throw noSync;
      const parts = core.split(token);
      core.checkSync(token, parts);
      return result(parts);
    },
    async verify(token) {
      const parts = core.split(token);
      await core.checkAsync(token, parts);
      return result(parts);
    },
  };
}
