import { hash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
const inp = JSON.parse(readFileSync('/tmp/bt/inputs.json','utf8'));
const token = inp.tokens.HS256;
const { hs256Floor } = await import('./candidates/verify.mjs');
const f = hs256Floor(inp.secret);
const inner = Buffer.alloc(65600); const outer = Buffer.alloc(96); const scratch = Buffer.alloc(65536);
const second = token.lastIndexOf('.'), first = token.indexOf('.');
const signed = inner.subarray(0, 64+second);
const parts = {
  floor: () => f(token),
  floor2: () => f(token),
  write: () => inner.write(token, 64, second, 'latin1'),
  hashInner: () => hash('sha256', signed, 'latin1'),
  hashOuter: () => hash('sha256', outer, 'base64url'),
  outerWrite: () => outer.write('abcdefghabcdefghabcdefghabcdefgh', 64, 32, 'latin1'),
  payloadWrite: () => scratch.write(token.slice(first+1, second), 'base64url'),
  toStr: () => scratch.toString('utf8', 0, 180),
  parse: () => JSON.parse('{"iss":"SK00000000000000000000000000000000","sub":"AC00000000000000000000000000000000","scope":"scope:client:incoming?clientName=alice scope:client:outgoing?appSid=AP00000000000000000000000000000000","iat":1790000000,"exp":4102444800}'),
  createHmac: () => createHmac('sha256', inp.secret).update(token.slice(0, second)).digest(),
};
for (let rep=0; rep<2; rep++) for (const [k, fn] of Object.entries(parts)) {
  const n = 200000; const t0 = process.hrtime.bigint(); for (let i=0;i<n;i++) fn(); const ns = Number(process.hrtime.bigint()-t0)/n;
  if (rep) console.log(k.padEnd(14), ns.toFixed(0), 'ns');
}
