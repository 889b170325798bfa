// The robots.txt tokenizer: text in, one event per meaningful line out. It
// keeps no state about groups; consumers (the compiler, linters) decide what
// to keep, as in the Google reference's `ParseRobotsTxt` + handler split.
//
// It works on offsets into the text and slices only the key, the value and
// the raw line, so a 500 KiB file costs a few small strings per line.
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

/**
 * One line of the file as offsets into the text. The tokenizer reuses one view
 * for every line, so a handler that keeps something copies the offsets or the
 * strings it needs.
 */
export class LineView {
  /** 1-based line number. */
  number = 0;
  start = 0;
  end = 0;
  keyStart = 0;
  keyEnd = 0;
  valueStart = 0;
  valueEnd = 0;
  constructor(readonly text: string) {}

  /** The line as written (cut at the line-length cap). */
  get raw(): string {
    return this.text.slice(this.start, this.end);
  }

  /** The value: after the separator, without the comment and surrounding space. */
  get value(): string {
    return this.text.slice(this.valueStart, this.valueEnd);
  }

  /** The key, lower-cased. */
  get key(): string {
    return this.text.slice(this.keyStart, this.keyEnd).toLowerCase();
  }
}

/** Receives the lines of a robots.txt file in order. */
export interface RobotsHandler {
  onDirective(kind: KeyKind, line: LineView): void;
  /** Optional: per-line findings (typos, missing colon, cut lines). */
  onLineMeta?(line: LineView, meta: LineMeta): void;
}

/** Tokenizer settings. */
export interface TokenizeOptions {
  lenient: boolean;
  maxLineLength: number;
}

const CR = 13;
const LF = 10;

// Only ASCII whitespace separates: `String#trim` would also drop U+FEFF, and a
// byte order mark inside the file must leave its line unparseable.
function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 11 || code === 12;
}

// Where the next CR, LF, `#` and `:` are. Positions only move forward, so each
// `indexOf` result is reused until the cursor passes it: the whole file is
// searched a bounded number of times however its lines look (a search from
// every line to the end of the file would make parsing quadratic).
const SEARCHED = ['\n', '\r', '#', ':'] as const;
const [NEXT_LF, NEXT_CR, NEXT_HASH, NEXT_COLON] = [0, 1, 2, 3];

class Cursor {
  // Per searched character: the last position found, -1 for none left, -2 before the first search.
  private readonly found = [-2, -2, -2, -2];
  constructor(private readonly text: string) {}

  /** The index of the next searched character (by slot) at or after `from`, or the text's length. */
  next(slot: number, from: number): number {
    let found = this.found[slot]!;
    if (found !== -1 && found < from) {
      found = this.text.indexOf(SEARCHED[slot]!, from);
      this.found[slot] = found;
    }
    return found < 0 ? this.text.length : found;
  }
}

/**
 * Split `text` into lines (CR, LF and CRLF all end a line), drop comments and
 * blank lines, and send each `key: value` line to the handler.
 */
export function tokenizeRobots(text: string, handler: RobotsHandler, options: TokenizeOptions): void {
  const length = text.length;
  const cursor = new Cursor(text);
  const view = new LineView(text);
  let start = 0;
  while (start <= length) {
    const end = Math.min(cursor.next(NEXT_LF, start), cursor.next(NEXT_CR, start));
    view.number++;
    if (end > start) processLine(view, cursor, start, end, handler, options);
    if (end >= length) break;
    start = text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
  }
}

function processLine(
  line: LineView,
  cursor: Cursor,
  start: number,
  lineEnd: number,
  handler: RobotsHandler,
  options: TokenizeOptions,
): void {
  const text = line.text;
  // Cut over-long lines rather than dropping them: the start of a line is
  // what carries its meaning (the Google reference does the same).
  const tooLong = lineEnd - start > options.maxLineLength;
  const end = tooLong ? start + options.maxLineLength : lineEnd;
  line.start = start;
  line.end = end;
  if (tooLong) handler.onLineMeta?.(line, { tooLong: true });
  let contentEnd = Math.min(cursor.next(NEXT_HASH, start), end);
  let from = start;
  while (from < contentEnd && isSpace(text.charCodeAt(from))) from++;
  while (contentEnd > from && isSpace(text.charCodeAt(contentEnd - 1))) contentEnd--;
  if (from === contentEnd) return;

  let colon = cursor.next(NEXT_COLON, from);
  if (colon >= contentEnd) colon = -1;
  let keyEnd = colon;
  let valueStart = colon + 1;
  let missingColon = false;
  if (colon < 0) {
    // Lenient (robots): a missing colon is accepted when the line is exactly
    // two words (`disallow /x`); anything longer is too ambiguous to guess.
    keyEnd = from;
    while (keyEnd < contentEnd && !isSpace(text.charCodeAt(keyEnd))) keyEnd++;
    valueStart = keyEnd;
    while (valueStart < contentEnd && isSpace(text.charCodeAt(valueStart))) valueStart++;
    let after = valueStart;
    while (after < contentEnd && !isSpace(text.charCodeAt(after))) after++;
    missingColon = options.lenient && valueStart < contentEnd && after === contentEnd;
    if (!missingColon) {
      handler.onLineMeta?.(line, { invalid: true });
      return;
    }
  }
  while (keyEnd > from && isSpace(text.charCodeAt(keyEnd - 1))) keyEnd--;
  while (valueStart < contentEnd && isSpace(text.charCodeAt(valueStart))) valueStart++;
  if (keyEnd === from) {
    handler.onLineMeta?.(line, { invalid: true });
    return;
  }
  line.keyStart = from;
  line.keyEnd = keyEnd;
  line.valueStart = valueStart;
  line.valueEnd = contentEnd;
  const { kind, typo } = classifyKey(text, from, keyEnd, options.lenient);
  if (missingColon) handler.onLineMeta?.(line, { missingColon: true });
  if (typo) handler.onLineMeta?.(line, { typo: line.key });
  handler.onDirective(kind, line);
}
