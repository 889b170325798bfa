import { assertArg, concatBytes } from '@optout/core';

import { SNIFF_BYTES, sniff } from './containers/registry.js';
import { readMedia } from './read.js';
import type { MediaReport, ReadMediaOptions } from './report.js';

/** Options of `readMediaStream`. */
export interface ReadMediaStreamOptions extends ReadMediaOptions {
  /** Stop reading after this many bytes (default 32 MiB); what was read is still examined. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * `readMedia` over a stream (a Node Readable, a web ReadableStream, any async
 * iterable of byte chunks). Reads only as far as needed: for JPEG up to the
 * first start-of-scan, for MP3 to the end of the ID3 tag; other containers
 * can carry metadata at the end and are read to the end or to `maxBytes`.
 */
export async function readMediaStream(
  source: AsyncIterable<Uint8Array>,
  options: ReadMediaStreamOptions = {},
): Promise<MediaReport> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  assertArg(Number.isSafeInteger(maxBytes) && maxBytes > 0, 'maxBytes must be a positive integer');
  const chunks: Uint8Array[] = [];
  let size = 0;
  let end: number | undefined;
  let probeAt = SNIFF_BYTES; // probe again each time the prefix doubles: linear overall
  let capped = false;
  for await (const chunk of source) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= maxBytes) {
      capped = true;
      break;
    }
    if (end === undefined && size >= probeAt) {
      const head = concatBytes(chunks);
      chunks.splice(0, chunks.length, head);
      end = sniff(head)?.handler.metadataEnd?.(head);
      probeAt = size * 2;
    }
    if (end !== undefined && size >= end) break;
  }
  const bytes = concatBytes(chunks).subarray(0, Math.min(size, maxBytes));
  const report = readMedia(bytes, options);
  if (capped) {
    report.diagnostics.push({
      code: 'media.stream-capped',
      severity: 'info',
      message: `read the first ${maxBytes} bytes only (maxBytes)`,
    });
  }
  return report;
}
