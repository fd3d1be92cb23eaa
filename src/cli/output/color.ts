// Colour, only on a terminal and never when NO_COLOR is set (https://no-color.org). The painting itself
// is the kit's one colour helper (src/conformance/paint.ts).
export { createPaint, type Paint } from '../../conformance/paint.js';

/**
 * Whether to colour a stream: never with a non-empty NO_COLOR; else with a FORCE_COLOR other than
 * `0`/`false`; else only when the stream is a terminal.
 */
export function colorEnabled(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return isTTY;
}
