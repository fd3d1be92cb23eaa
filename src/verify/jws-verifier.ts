// createJwsVerifier: the JWS layer on its own (signature over header and payload bytes, no claims).
import { compileJws, type JwsReading } from './jws.js';
import { KEY_SOURCE_OPTIONS, readAlgorithms, readMaxLength, readOptions } from './options.js';
import type { CryptoProvider } from './provider.js';
import type { JwsVerifier, JwsVerifierOptions, VerifiedJws } from './types.js';

/** createJwsVerifier with an explicit crypto provider (tests drive both runtimes). */
export function buildJwsVerifier(options: JwsVerifierOptions, provider: CryptoProvider): JwsVerifier {
  const o = readOptions(options, KEY_SOURCE_OPTIONS, 'JWS verifier');
  const algorithms = readAlgorithms(o['algorithms']);
  const maxLength = readMaxLength(o['maxLength']);
  const source = { key: o['key'], jwks: o['jwks'], jwksUrl: o['jwksUrl'], jwksOptions: o['jwksOptions'] };
  const core = compileJws<Uint8Array>(source, algorithms, maxLength, provider, false);
  const result = (reading: JwsReading<Uint8Array>): VerifiedJws => {
    const { header, alg, kid } = reading.header;
    return kid === undefined ? { header, payload: reading.payload, alg } : { header, payload: reading.payload, alg, kid };
  };
  return {
    verifySync(token) {
      core.requireSync();
      const reading = core.read(token);
      core.checkSync(reading);
      return result(reading);
    },
    async verify(token) {
      const reading = core.read(token);
      await core.checkAsync(reading);
      return result(reading);
    },
  };
}
