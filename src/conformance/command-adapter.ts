// The command adapter: one long-lived subprocess speaking JSON lines (docs/adapter-protocol.md).
import { spawn } from 'node:child_process';
import { configError } from '../errors.js';
import { AdapterError, checkTimeout, type Adapter, type AdapterAnswer } from './adapter.js';
import { parseAnswerText, toAnswer } from './answer.js';

// Builtins captured at load: the code under test may run in this process (module adapters) and must
// not be able to change what the protocol checks mean.
const jsonStringify = JSON.stringify;
const now = Date.now;

export interface CommandAdapterOptions {
  /** Per-case timeout in milliseconds, counted from when the request is written. Default 5000. */
  timeoutMs?: number;
  /** Working directory of the subprocess. */
  cwd?: string;
  /** Environment of the subprocess. Default: this process's environment. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Requests written but not yet answered, at most. Default 512. */
  maxInFlight?: number;
  /** stderr lines kept for error reports. Default 20. */
  stderrLines?: number;
}

interface Request {
  id: string;
  token: string;
  deadline: number;
  resolve: (answer: AdapterAnswer) => void;
  reject: (error: AdapterError) => void;
}

/** Shortens adapter output for an error message (never more than 200 characters). */
function excerpt(line: string): string {
  return line.length > 200 ? `${jsonStringify(line.slice(0, 200))}… (${line.length} characters)` : jsonStringify(line);
}

/**
 * Starts `command` (through the shell) as a long-lived adapter speaking protocol v2: one JSON request
 * per line on its stdin (`{"id","token"}`), one JSON answer per line on its stdout (an answer with
 * `NaN` or `Infinity` in it is read, and counts as one wrong answer). Requests are
 * pipelined (up to `maxInFlight` unanswered) and answers are matched by id, in any order. A crash,
 * a line that is not a valid answer, an unknown id or a timeout fails every pending request with an
 * {@link AdapterError} carrying the adapter's last stderr lines, and stops the subprocess.
 *
 * @example
 * const adapter = createCommandAdapter('python3 examples/adapters/captoken_python.py');
 * const answer = await adapter.decode('eyJhbGciOiJIUzI1NiJ9.e30.c2ln');
 * await adapter.close();
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for an empty command or a bad `timeoutMs`. `decode` rejects with an
 * {@link AdapterError} of kind `crash`, `timeout` or `protocol` when the adapter misbehaves.
 */
export function createCommandAdapter(command: string, options: CommandAdapterOptions = {}): Adapter {
  const timeoutMs = checkTimeout(options.timeoutMs);
  const maxInFlight = options.maxInFlight ?? 512;
  const keepLines = options.stderrLines ?? 20;
  if (typeof command !== 'string' || command.trim() === '') throw configError('the adapter command must be a non-empty string');

  const child = spawn(command, {
    shell: true,
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so stopping it also stops whatever the shell started (wrappers, npx, ...).
    detached: process.platform !== 'win32',
  });
  const killGroup = (): void => {
    if (child.pid === undefined) return;
    try {
      if (process.platform === 'win32') child.kill('SIGKILL');
      else process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  // A detached group outlives this process unless stopped: stop it when this process exits.
  process.once('exit', killGroup);
  const pending = new Map<string, Request>();
  const waiting: Request[] = [];
  const stderrTail: string[] = [];
  let stderrPartial = '';
  let stdoutPartial = '';
  let outgoing = '';
  let flushScheduled = false;
  let timer: NodeJS.Timeout | undefined;
  let failure: AdapterError | undefined;
  let closing = false;
  let nextId = 0;
  const closed = new Promise<void>((resolve) =>
    child.once('close', () => {
      process.removeListener('exit', killGroup);
      resolve();
    }),
  );

  const tail = (): string[] => (stderrPartial === '' ? [...stderrTail] : [...stderrTail, stderrPartial].slice(-keepLines));

  function fail(error: AdapterError): void {
    if (failure !== undefined) return;
    failure = error;
    if (timer !== undefined) clearTimeout(timer);
    for (const request of pending.values()) request.reject(error);
    for (const request of waiting) request.reject(error);
    pending.clear();
    waiting.length = 0;
    killGroup();
  }

  function armTimer(): void {
    if (timer !== undefined || failure !== undefined) return;
    const oldest = pending.values().next();
    if (oldest.done === true) return;
    timer = setTimeout(onTimer, Math.max(1, oldest.value.deadline - now()));
  }

  function onTimer(): void {
    timer = undefined;
    // Insertion order is send order and every request has the same timeout: the first is the oldest.
    const oldest = pending.values().next();
    if (oldest.done === true) return;
    if (now() >= oldest.value.deadline) {
      fail(
        new AdapterError('timeout', `no answer within ${timeoutMs} ms for request ${oldest.value.id}`, {
          stderrTail: tail(),
          token: oldest.value.token,
        }),
      );
      return;
    }
    armTimer();
  }

  function flush(): void {
    flushScheduled = false;
    if (failure !== undefined || outgoing === '') return;
    const chunk = outgoing;
    outgoing = '';
    child.stdin.write(chunk);
  }

  function send(request: Request): void {
    request.deadline = now() + timeoutMs;
    pending.set(request.id, request);
    outgoing += `{"id":"${request.id}","token":${jsonStringify(request.token)}}\n`;
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
    armTimer();
  }

  function onLine(line: string): void {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = parseAnswerText(line);
    } catch {
      fail(new AdapterError('protocol', `the adapter wrote a line that is not JSON: ${excerpt(line)}`, { stderrTail: tail() }));
      return;
    }
    const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') {
      fail(new AdapterError('protocol', `an answer without a string "id": ${excerpt(line)}`, { stderrTail: tail() }));
      return;
    }
    const request = pending.get(id);
    if (request === undefined) {
      fail(new AdapterError('protocol', `an answer for id ${jsonStringify(id)}, which is not a pending request`, { stderrTail: tail() }));
      return;
    }
    const answer = toAnswer(value);
    if (typeof answer === 'string') {
      fail(new AdapterError('protocol', `invalid answer for id ${jsonStringify(id)}: ${answer}`, { stderrTail: tail(), token: request.token }));
      return;
    }
    pending.delete(id);
    if (timer !== undefined && pending.size === 0) {
      clearTimeout(timer);
      timer = undefined;
    }
    request.resolve(answer);
    const next = waiting.shift();
    if (next !== undefined) send(next);
  }

  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    let text = stdoutPartial + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1 && failure === undefined; end = text.indexOf('\n', start)) {
      onLine(text.slice(start, end));
      start = end + 1;
    }
    text = text.slice(start);
    stdoutPartial = text;
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    const lines = (stderrPartial + chunk).split('\n');
    stderrPartial = (lines.pop() ?? '').slice(-4096);
    for (const line of lines) {
      stderrTail.push(line.length > 4096 ? `${line.slice(0, 4096)}…` : line);
      if (stderrTail.length > keepLines) stderrTail.shift();
    }
  });
  // EPIPE after the adapter died: the 'close' handler reports the crash with its exit status.
  child.stdin.on('error', () => {});
  child.on('error', (error) => { fail(new AdapterError('crash', `could not run the adapter: ${error.message}`, { stderrTail: tail() })); });
  child.on('close', (code, signal) => {
    if (stdoutPartial !== '' && failure === undefined) onLine(stdoutPartial);
    if (closing) {
      fail(new AdapterError('crash', 'the adapter was closed'));
      return;
    }
    const status = signal === null ? `exit code ${String(code)}` : `signal ${signal}`;
    fail(new AdapterError('crash', `the adapter exited (${status}) with ${pending.size} request(s) unanswered`, { stderrTail: tail() }));
  });

  return {
    name: command,
    decode(token: string): Promise<AdapterAnswer> {
      return new Promise<AdapterAnswer>((resolve, reject) => {
        if (failure !== undefined) {
          reject(failure);
          return;
        }
        const request: Request = { id: String(nextId++), token, deadline: 0, resolve, reject };
        if (pending.size < maxInFlight) send(request);
        else waiting.push(request);
      });
    },
    async close(): Promise<void> {
      if (closing) return closed;
      closing = true;
      flush();
      child.stdin.end();
      const killer = setTimeout(killGroup, 1000);
      await closed;
      clearTimeout(killer);
    },
  };
}
