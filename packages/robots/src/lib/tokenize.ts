// The robots.txt tokenizer: text in, one event per meaningful line out. It
// keeps no state about groups; consumers (the compiler, linters) decide what
// to keep, as in the Google reference's `ParseRobotsTxt` + handler split.
import { classifyKey, type KeyKind } from './keys.js';

/** What the tokenizer noticed about a line, for diagnostics. */
export interface LineMeta {
  /** The key was a tolerated misspelling (`disalow`). */
  typo?: string;
  /** The key and value were separated by whitespace, not a colon. */
  missingColon?: boolean;
  /** The line was longer than the cap and was cut. */
  tooLong?: boolean;
  /** The line has content but no `key: value` shape. */
  invalid?: boolean;
}

/** Receives the lines of a robots.txt file in order. Line numbers are 1-based. */
export interface RobotsHandler {
  onDirective(line: number, kind: KeyKind, key: string, value: string, raw: string): void;
  /** Optional: per-line findings (typos, missing colon, cut lines). */
  onLineMeta?(line: number, meta: LineMeta, raw: string): void;
}

/** Tokenizer settings. */
export interface TokenizeOptions {
  lenient: boolean;
  maxLineLength: number;
}

const CR = 13;
const LF = 10;

/**
 * Split `text` into lines (CR, LF and CRLF all end a line), drop comments and
 * blank lines, and send each `key: value` line to the handler.
 */
export function tokenizeRobots(text: string, handler: RobotsHandler, options: TokenizeOptions): void {
  let line = 0;
  let start = 0;
  const length = text.length;
  while (start <= length) {
    let end = start;
    while (end < length) {
      const code = text.charCodeAt(end);
      if (code === LF || code === CR) break;
      end++;
    }
    line++;
    if (end > start) processLine(text, start, end, line, handler, options);
    if (end >= length) break;
    start = text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 11 || code === 12;
}

// Only ASCII whitespace separates: `String#trim` would also drop U+FEFF, and a
// byte order mark inside the file must leave its line unparseable.
function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function processLine(
  text: string,
  start: number,
  end: number,
  line: number,
  handler: RobotsHandler,
  options: TokenizeOptions,
): void {
  // Cut over-long lines rather than dropping them: the start of a line is
  // what carries its meaning (the Google reference does the same).
  const tooLong = end - start > options.maxLineLength;
  const raw = text.slice(start, tooLong ? start + options.maxLineLength : end);
  const hash = raw.indexOf('#');
  const content = trimSpace(hash >= 0 ? raw.slice(0, hash) : raw);
  if (tooLong) handler.onLineMeta?.(line, { tooLong: true }, raw);
  if (content === '') return;

  const parts = splitKeyValue(content, options.lenient);
  if (!parts) {
    handler.onLineMeta?.(line, { invalid: true }, raw);
    return;
  }
  const key = parts.key.toLowerCase();
  const { kind, typo } = classifyKey(key, options.lenient);
  if (parts.missingColon) handler.onLineMeta?.(line, { missingColon: true }, raw);
  if (typo) handler.onLineMeta?.(line, { typo: key }, raw);
  handler.onDirective(line, kind, key, parts.value, raw);
}

function splitKeyValue(
  content: string,
  lenient: boolean,
): { key: string; value: string; missingColon: boolean } | undefined {
  const colon = content.indexOf(':');
  if (colon >= 0) {
    const key = trimSpace(content.slice(0, colon));
    return key === '' ? undefined : { key, value: trimSpace(content.slice(colon + 1)), missingColon: false };
  }
  if (!lenient) return undefined;
  // Lenient (robots): a missing colon is accepted when the line is exactly two
  // words (`disallow /x`); anything longer is too ambiguous to guess.
  let gap = 0;
  while (gap < content.length && !isSpace(content.charCodeAt(gap))) gap++;
  if (gap === content.length) return undefined;
  const value = trimSpace(content.slice(gap));
  for (let i = 0; i < value.length; i++) if (isSpace(value.charCodeAt(i))) return undefined;
  return { key: content.slice(0, gap), value, missingColon: true };
}
