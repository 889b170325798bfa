// Bounds-checked reads over a Uint8Array. Callers check lengths against the
// enclosing box first; these helpers only assemble the numbers.

/** Big-endian u16 at `o`. */
export function u16be(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

/** Big-endian u32 at `o`. */
export function u32be(b: Uint8Array, o: number): number {
  return b[o]! * 0x1000000 + ((b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!);
}

/** Little-endian u16 at `o`. */
export function u16le(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}

/** Little-endian u32 at `o`. */
export function u32le(b: Uint8Array, o: number): number {
  return b[o + 3]! * 0x1000000 + ((b[o + 2]! << 16) | (b[o + 1]! << 8) | b[o]!);
}

/** `length` bytes at `o` as Latin-1 text (box types, four-character codes, labels). */
export function latin1(b: Uint8Array, o: number, length: number): string {
  const end = Math.min(b.length, o + length);
  if (end - o === 4) return String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);
  // Short runs (labels) as one call over a plain array: several times faster than
  // appending a character at a time; longer ones piecewise, under argument limits.
  if (end - o <= 256) {
    const codes: number[] = new Array(Math.max(0, end - o));
    for (let i = o; i < end; i++) codes[i - o] = b[i]!;
    return String.fromCharCode.apply(null, codes);
  }
  let s = '';
  for (let i = o; i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Index of the first `byte` in `[from, to)`, or -1 (no view allocated, unlike `subarray().indexOf`). */
export function indexOfByte(b: Uint8Array, byte: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (b[i] === byte) return i;
  return -1;
}

/** Does `b` hold the ASCII text `text` at offset `o`? */
export function hasAscii(b: Uint8Array, o: number, text: string): boolean {
  if (o < 0 || o + text.length > b.length) return false;
  for (let i = 0; i < text.length; i++) if (b[o + i] !== text.charCodeAt(i)) return false;
  return true;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/** Bytes `[start, end)` as UTF-8 text, a leading BOM dropped. */
export function utf8(b: Uint8Array, start = 0, end = b.length): string {
  const text = utf8Decoder.decode(b.subarray(start, end));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Index of the first occurrence of the ASCII `needle` in `[from, to)`, or -1. */
export function indexOfAscii(b: Uint8Array, needle: string, from = 0, to = b.length): number {
  const first = needle.charCodeAt(0);
  const last = to - needle.length;
  const view = b.subarray(0, to);
  for (let i = view.indexOf(first, from); i !== -1 && i <= last; i = view.indexOf(first, i + 1)) {
    if (hasAscii(b, i, needle)) return i;
  }
  return -1;
}

/** Lower-case hex of bytes. */
export function hex(b: Uint8Array): string {
  let s = '';
  for (const byte of b) s += byte.toString(16).padStart(2, '0');
  return s;
}
