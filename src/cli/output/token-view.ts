// How decode and verify show a token: header, payload and capabilities, or the error with a caret.
import type { CapabilitySet } from '../../capabilities/index.js';
import type { CaptokenError } from '../../errors.js';
import { caretLines } from './caret.js';
import type { Paint } from './color.js';

/** The JSON form of a CaptokenError: code, message and every location field it has. */
export interface ErrorJson {
  code: string;
  message: string;
  offset?: number;
  segment?: string;
  claim?: string;
  index?: number;
}

export function errorJson(error: CaptokenError): ErrorJson {
  const out: ErrorJson = { code: error.code, message: error.message };
  if (error.offset !== undefined) out.offset = error.offset;
  if (error.segment !== undefined) out.segment = error.segment;
  if (error.claim !== undefined) out.claim = error.claim;
  if (error.index !== undefined) out.index = error.index;
  return out;
}

function paramText(name: string, value: unknown): string {
  if (typeof value === 'string') return `${name}=${value}`;
  return Object.entries(value as Record<string, string>)
    .map(([k, v]) => `${name}.${k}=${v}`)
    .join(' ');
}

/** `header:` / `payload:` blocks of pretty JSON, then the capabilities when the token has any. */
export function tokenText(
  token: { header: unknown; payload: unknown; signatureBytes?: number; alg?: string; kid?: string | undefined },
  capabilities: CapabilitySet | undefined,
  paint: Paint,
): string {
  const lines: string[] = [];
  lines.push(paint.bold('header:'), JSON.stringify(token.header, null, 2));
  lines.push(paint.bold('payload:'), JSON.stringify(token.payload, null, 2));
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
 * The error for a person: `CODE: message`, where it is, and the user's token with a caret under
 * the fault (cut around it when long). Without an offset the token is not shown at all.
 */
export function errorText(error: CaptokenError, token: string | undefined, paint: Paint): string {
  const lines = [`${paint.red(paint.bold(error.code))}: ${error.message}`];
  const where: string[] = [];
  if (error.segment !== undefined) where.push(`segment ${error.segment}`);
  if (error.offset !== undefined) where.push(`offset ${error.offset}`);
  if (error.claim !== undefined) where.push(`claim ${error.claim}`);
  if (error.index !== undefined) where.push(`index ${error.index}`);
  if (where.length > 0) lines.push(paint.dim(`  at ${where.join(', ')}`));
  if (token !== undefined && error.offset !== undefined) {
    const [line, caret] = caretLines(token, error.offset);
    lines.push(`  ${line}`, `  ${paint.red(caret)}`);
  }
  return `${lines.join('\n')}\n`;
}
