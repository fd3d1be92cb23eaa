#!/usr/bin/env node
// An example parser behind HTTP for the URL adapter (docs/adapter-protocol.md), listening on
// 127.0.0.1 only:   node examples/server/captoken-server.mjs [port]     (default 8787; 0 = any free)
//   captoken conformance --adapter-url http://127.0.0.1:8787/decode
// Protocol v2: POST {"token": "..."} -> 200 {"ok": true, "header", "payload"} | 400 {"error", "code"} (the captoken
// error code, which the kit maps to a reject category). Prints its URL on the first line.
// `captoken` resolves through the package's self-reference (run `npm run build` first);
// CAPTOKEN_MODULE overrides the specifier (the kit's tests point it at src/index.ts under tsx).
import http from 'node:http';

const { parseToken } = await import(process.env.CAPTOKEN_MODULE ?? 'captoken');
const MAX_BODY = 64 * 1024;

function send(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

const server = http.createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/decode') {
    send(response, 404, { error: 'POST /decode' });
    return;
  }
  const chunks = [];
  let size = 0;
  request.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY) request.destroy();
    else chunks.push(chunk);
  });
  request.on('end', () => {
    let token;
    try {
      ({ token } = JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch {
      send(response, 400, { error: 'the body must be JSON: {"token": "..."}' });
      return;
    }
    try {
      const { header, payload } = parseToken(token);
      send(response, 200, { ok: true, header, payload });
    } catch (error) {
      if (typeof error?.code === 'string') send(response, 400, { error: `${error.code}: ${error.message}`, code: error.code });
      else send(response, 500, { error: 'internal error' });
    }
  });
});

server.keepAliveTimeout = 30_000;
const port = Number(process.argv[2] ?? process.env.PORT ?? 8787);
server.listen(port, '127.0.0.1', () => {
  const { port: actual } = server.address();
  console.log(`http://127.0.0.1:${actual}/decode`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
