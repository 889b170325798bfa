/** Text decoded from bytes, with what was done to it on the way. */
export interface DecodedText {
  text: string;
  /** Bytes of input read (after the cut). */
  bytes: number;
  /** True when the input was longer than `maxBytes` and was cut. */
  truncated: boolean;
  /** True when a UTF-8 byte order mark (or a partial one) was skipped. */
  bom: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Decode UTF-8 (invalid sequences become U+FFFD), skip a full or partial
 * byte order mark, and cut the input after `maxBytes` bytes. Strings are
 * accepted too: they are measured in UTF-16 code units for the cut.
 */
export function decodeText(input: string | Uint8Array, maxBytes = Number.POSITIVE_INFINITY): DecodedText {
  if (typeof input === 'string') {
    const bom = input.charCodeAt(0) === 0xfeff;
    const body = bom ? input.slice(1) : input;
    const truncated = body.length > maxBytes;
    const text = truncated ? body.slice(0, maxBytes) : body;
    return { text, bytes: text.length, truncated, bom };
  }
  let start = 0;
  const bomBytes = [0xef, 0xbb, 0xbf];
  while (start < 3 && input[start] === bomBytes[start]) start++;
  const end = Math.min(input.length, start + maxBytes);
  return {
    text: decoder.decode(input.subarray(start, end)),
    bytes: end - start,
    truncated: input.length > end,
    bom: start > 0,
  };
}

/** Join byte chunks into one array; a single chunk is returned as it is. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let size = 0;
  for (const chunk of chunks) size += chunk.length;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
