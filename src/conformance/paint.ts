// The one colour helper: ANSI SGR codes, or nothing. Reporters and the CLI both paint with it; whether
// to colour a stream is the CLI's decision (src/cli/output/color.ts).

export interface Paint {
  readonly enabled: boolean;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/** Colours when `enabled`, plain text otherwise. */
export function createPaint(enabled: boolean): Paint {
  const sgr = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { enabled, red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), dim: sgr(2, 22), bold: sgr(1, 22) };
}

/** No colour. */
export const PLAIN: Paint = createPaint(false);
