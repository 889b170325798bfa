const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** ASCII text as bytes, for searching binary data. */
export function ascii(text: string): Uint8Array {
  return latin1(text);
}

/** First position of `needle` in `hay[from, end)`, or -1. */
export function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from = 0, end = hay.length): number {
  const first = needle[0]!;
  const last = end - needle.length;
  for (let i = hay.indexOf(first, from); i >= 0 && i <= last; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}
