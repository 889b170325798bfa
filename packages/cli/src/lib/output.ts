import type { Io, Output } from './io.js';

/** ANSI styling that turns into plain text when the stream is not a terminal. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string) => text;

/**
 * Styles for one stream: colours only on a terminal, never when `NO_COLOR` is
 * set (no-color.org) or `TERM=dumb`; `FORCE_COLOR` forces them on.
 */
export function styleFor(stream: Output, env: Io['env']): Style {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const colour = forced || (stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb');
  if (!colour) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

/** Write a value as indented JSON followed by a newline (the `--json` form of every command). */
export function writeJson(out: Output, value: unknown): void {
  out.write(JSON.stringify(value, null, 2) + '\n');
}

/** Write lines, each ended by a newline. */
export function writeLines(out: Output, lines: readonly string[]): void {
  if (lines.length) out.write(lines.join('\n') + '\n');
}
