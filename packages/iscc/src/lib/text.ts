// Text normalisation of iscc-core (`text_clean`, `text_collapse`, ...), with
// Python's str semantics where JavaScript differs (strip, split, splitlines).

// Python's str.isspace() also counts U+001C..U+001F and U+0085, which JS \s does not.
const PY_SPACE = '\\s\\x1c-\\x1f\\x85';
const STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');
const SPACE_RUN = new RegExp(`[${PY_SPACE}]+`);
const NEWLINE_CHARS = new Set(['\n', '\v', '\f', '\r', '\x85', '\u2028', '\u2029']);
const SPLIT_LINES = /\r\n|[\n\v\f\r\x85\u2028\u2029]/;
const CONTROL = /\p{C}/u;
const COLLAPSE_DROP = /[\p{C}\p{M}\p{P}\s\x85]/gu;

/** Python `str.strip()`. */
export function pyStrip(text: string): string {
  return text.replace(STRIP, '');
}

/** NFKC, drop control/format characters except newlines, keep at most one blank line in a row, strip. */
export function textClean(text: string): string {
  let kept = '';
  for (const ch of text.normalize('NFKC')) if (NEWLINE_CHARS.has(ch) || !CONTROL.test(ch)) kept += ch;
  const lines: string[] = [];
  let previousBlank = false;
  for (const line of kept.split(SPLIT_LINES)) {
    const blank = pyStrip(line) === '';
    if (blank && previousBlank) continue;
    previousBlank = blank;
    lines.push(line);
  }
  return pyStrip(lines.join('\n'));
}

/** Join the white-space separated words with single spaces (Python `" ".join(s.split())`). */
export function textRemoveNewlines(text: string): string {
  return text
    .split(SPACE_RUN)
    .filter((word) => word !== '')
    .join(' ');
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Cut to at most `maxBytes` UTF-8 bytes without breaking a character, then strip. */
export function textTrim(text: string, maxBytes: number): string {
  const bytes = encoder.encode(text);
  if (bytes.length <= maxBytes) return pyStrip(text);
  let end = maxBytes;
  // A continuation byte right after the cut means the last character is incomplete: drop it.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return pyStrip(decoder.decode(bytes.subarray(0, end)));
}

/**
 * Normalise text for similarity hashing: NFD, lower case, drop white space,
 * control, mark and punctuation characters, NFKC (iscc-core `text_collapse`).
 */
export function textCollapse(text: string): string {
  return text.normalize('NFD').toLowerCase().replace(COLLAPSE_DROP, '').normalize('NFKC');
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Feed the UTF-8 bytes of every `width`-code-point window of `text` to `visit`
 * (one window, the whole text, when it is shorter). The text is encoded once.
 */
export function forEachNgram(text: string, width: number, visit: (bytes: Uint8Array) => void): void {
  const bytes = encoder.encode(text);
  const starts: number[] = [];
  for (let i = 0; i < bytes.length; i++) if ((bytes[i]! & 0xc0) !== 0x80) starts.push(i);
  starts.push(bytes.length);
  const count = Math.max(starts.length - 1 - width + 1, 1);
  for (let i = 0; i < count; i++) {
    visit(bytes.subarray(starts[i]!, starts[Math.min(i + width, starts.length - 1)]!));
  }
}
