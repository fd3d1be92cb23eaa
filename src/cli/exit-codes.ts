// The exit codes of every command, in one place (documented in the README and in --help).

/** Pass, or a valid token. */
export const EXIT_OK = 0;
/** A conformance failure, an invalid token, or a difference between candidate and baseline. */
export const EXIT_FAIL = 1;
/** A usage error (unknown option, missing argument, unreadable input, bad configuration), a key
 * source that could not be reached or read (KEY_SOURCE_UNAVAILABLE), or an adapter that crashed, hung
 * or broke the protocol: the check could not be run. */
export const EXIT_USAGE = 2;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FAIL | typeof EXIT_USAGE;

/** A mistake in how the command was called; exits with {@link EXIT_USAGE}. Messages never carry secrets. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_CODES_HELP = `
Exit codes:
  0  pass, or the token is valid
  1  conformance failure, invalid token, or a difference from the baseline
  2  usage error (unknown option, missing argument, unreadable file, bad configuration),
     a JWKS that could not be fetched (KEY_SOURCE_UNAVAILABLE),
     or an adapter that crashed, hung or broke the protocol`;
