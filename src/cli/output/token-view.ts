// How decode and verify show a token: header, payload and capabilities, or the error with a caret.
import type { CapabilitySet } from '../../capabilities/index.js';
import type { CaptokenError, CaptokenErrorJson } from '../../errors.js';
import { caretLines } from './caret.js';
import type { Paint } from './color.js';
import { formatJson } from './json.js';

/** The JSON form of a CaptokenError (its toJSON without `name`), plus a hint when the CLI has one. */
export type ErrorJson = Omit<CaptokenErrorJson, 'name'> & { hint?: string };

export function errorJson(error: CaptokenError, hint?: string): ErrorJson {
  const { name: _name, ...fields } = error.toJSON();
  return hint === undefined ? fields : { ...fields, hint };
}

function paramText(name: string, value: unknown): string {
  if (typeof value === 'string') return `${name}=${value}`;
  return Object.entries(value as Record<string, string>)
    .map(([k, v]) => `${name}.${k}=${v}`)
    .join(' ');
}

/** What decode and verify show of a token. Printing never throws on deep nesting (formatJson). */
export interface TokenShown {
  header: unknown;
  payload: unknown;
  signatureBytes?: number;
  alg?: string;
  kid?: string | undefined;
}

/** `header:` / `payload:` blocks of pretty JSON, then the capabilities when the token has any. */
export function tokenText(token: TokenShown, capabilities: CapabilitySet | undefined, paint: Paint): string {
  const lines: string[] = [];
  lines.push(paint.bold('header:'), formatJson(token.header));
  lines.push(paint.bold('payload:'), formatJson(token.payload));
  if (token.signatureBytes !== undefined) lines.push(`${paint.bold('signature:')} ${token.signatureBytes} bytes (not verified)`);
  if (token.alg !== undefined) lines.push(`${paint.bold('verified:')} ${token.alg}${token.kid === undefined ? '' : `, key ${token.kid}`}`);
  if (capabilities !== undefined && capabilities.format !== 'jwt') {
    const who = [`${capabilities.format} token`];
    if (capabilities.account !== undefined) who.push(`account ${capabilities.account}`);
    if (capabilities.identity !== undefined) who.push(`identity ${capabilities.identity}`);
    lines.push(`${paint.bold('capabilities:')} ${who.join(', ')}`);
    if (capabilities.capabilities.length === 0) lines.push('  (none)');
    for (const c of capabilities.capabilities) {
      const params = Object.entries(c.params).map(([k, v]) => paramText(k, v));
      lines.push(`  ${paint.green(`${c.service}:${c.privilege}`)}${params.length > 0 ? `  ${params.join(' ')}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The error for a person: `CODE: message`, where it is, a hint when the CLI recognises the mistake,
 * and the user's token with a caret under the fault (cut around it when long). Without an offset
 * the token is not shown at all. A header-segment fault names a header member (`alg`, `kid`,
 * `typ`…), not a claim.
 */
export function errorText(error: CaptokenError, token: string | undefined, paint: Paint, hint?: string): string {
  const lines = [`${paint.red(paint.bold(error.code))}: ${error.message}`];
  const where: string[] = [];
  if (error.segment !== undefined) where.push(`segment ${error.segment}`);
  if (error.offset !== undefined) where.push(`offset ${error.offset}`);
  if (error.claim !== undefined) where.push(`${error.segment === 'header' ? 'header member' : 'claim'} ${error.claim}`);
  if (error.index !== undefined) where.push(`index ${error.index}`);
  if (where.length > 0) lines.push(paint.dim(`  at ${where.join(', ')}`));
  if (hint !== undefined) lines.push(`  hint: ${hint}`);
  if (token !== undefined && error.offset !== undefined) {
    const [line, caret] = caretLines(token, error.offset);
    lines.push(`  ${line}`, `  ${paint.red(caret)}`);
  }
  return `${lines.join('\n')}\n`;
}
