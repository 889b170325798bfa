import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** A body read up to a byte cap. */
export interface CappedBody {
  bytes: Uint8Array;
  /** The body went on past the cap and was cut there. */
  truncated: boolean;
}

/** Thrown when a `Content-Encoding` is one the gate cannot decode. */
export class UnsupportedEncodingError extends Error {
  override readonly name = 'UnsupportedEncodingError';
}

function decoderFor(coding: string): Transform | undefined {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    case 'identity':
    case '':
      return undefined;
    default:
      throw new UnsupportedEncodingError(`unsupported Content-Encoding: ${coding}`);
  }
}

/** Decoders for a `Content-Encoding` value, in the order they must run (the last coding applied is undone first). */
function decoders(contentEncoding: string | undefined): Transform[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .reverse();
  return codings.map(decoderFor).filter((d): d is Transform => d !== undefined);
}

/** Destroy a stream we are done with; its late errors (an abort) concern no one. */
function discard(stream: Readable | Transform): void {
  stream.on('error', () => {});
  stream.destroy();
}

/**
 * Read a response body, decompressing it, and stop after `cap` decoded bytes.
 * The cap applies after decompression, so a small gzip bomb costs at most
 * `cap` bytes of memory (plus one zlib chunk); the source is destroyed as soon
 * as the cap is reached.
 */
export async function readCapped(
  body: Readable,
  contentEncoding: string | undefined,
  cap: number,
): Promise<CappedBody> {
  let chain: Transform[];
  try {
    chain = decoders(contentEncoding);
  } catch (error) {
    discard(body);
    throw error;
  }
  const stream: Readable = chain.length
    ? (pipeline([body, ...chain], () => {}) as unknown as Readable)
    : body;
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      const room = cap - size;
      if (chunk.length > room) {
        // Only a byte beyond the cap makes a cut: a body exactly `cap` long is whole.
        chunks.push(chunk.subarray(0, room));
        size = cap;
        truncated = true;
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } finally {
    discard(body);
    for (const decoder of chain) discard(decoder);
  }
  return { bytes: Buffer.concat(chunks, size), truncated };
}
