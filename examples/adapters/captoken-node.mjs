#!/usr/bin/env node
// captoken as a command adapter (protocol v2, docs/adapter-protocol.md): one JSON request per line on
// stdin, one JSON answer per line on stdout. Run it from the repository after `npm run build`:
//   captoken conformance --adapter-cmd "node examples/adapters/captoken-node.mjs"
// `captoken` resolves through the package's self-reference (its "exports"), i.e. to dist/.
// CAPTOKEN_MODULE overrides the specifier (the kit's own tests point it at src/index.ts under tsx).
const { parseToken } = await import(process.env.CAPTOKEN_MODULE ?? 'captoken');

function answer(line) {
  let id = null;
  try {
    const request = JSON.parse(line);
    id = request.id;
    const { header, payload } = parseToken(request.token);
    return JSON.stringify({ id, ok: true, header, payload });
  } catch (error) {
    const message = error?.code ? `${error.code}: ${error.message}` : String(error?.message ?? error);
    // `code`: captoken's error code, which the kit maps to a reject category (why the token was refused).
    return JSON.stringify(error?.code ? { id, ok: false, error: message, code: error.code } : { id, ok: false, error: message });
  }
}

// Requests arrive pipelined: answer every complete line of a chunk, then write once.
let partial = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const lines = (partial + chunk).split('\n');
  partial = lines.pop();
  let out = '';
  for (const line of lines) if (line.trim() !== '') out += `${answer(line)}\n`;
  if (out !== '') process.stdout.write(out);
});
process.stdin.on('end', () => {
  if (partial.trim() !== '') process.stdout.write(`${answer(partial)}\n`);
});
