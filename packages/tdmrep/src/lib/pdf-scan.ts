// Finding XMP in PDF bytes without a PDF parser: uncompressed packets by
// their wrapper, compressed XML metadata streams by their dictionary. Every
// scan is bounded in bytes scanned, in packet size and in packet count.

import { ascii, indexOfBytes } from './bytes.js';
import { inflateBounded } from './flate.js';
import type { TdmDiagnostic } from './types.js';

/** An XMP packet found in a PDF: its byte offset and its (decompressed) bytes. */
export interface XmpCandidate {
  at: number;
  bytes: Uint8Array;
  compressed: boolean;
}

/** Scan limits. */
export interface ScanLimits {
  /** Bytes of the file scanned. */
  limit: number;
  /** Bytes of one packet (compressed or not). */
  maxPacket: number;
}

const MAX_PACKETS = 64;
const WRAPPERS = [
  { start: ascii('<?xpacket begin'), end: ascii('<?xpacket end'), close: ascii('?>') },
  { start: ascii('<x:xmpmeta'), end: ascii('</x:xmpmeta>'), close: ascii('>') },
];
const METADATA = ascii('/Metadata');
const STREAM = ascii('stream');
const ENDSTREAM = ascii('endstream');
const DICT_WINDOW = 2048;
const latin1 = new TextDecoder('latin1');

/** Uncompressed XMP packets, in file order, by the first wrapper form that finds any. */
export function plainPackets(
  bytes: Uint8Array,
  limits: ScanLimits,
  diagnostics: TdmDiagnostic[],
): XmpCandidate[] {
  const { limit, maxPacket } = limits;
  for (const form of WRAPPERS) {
    const found: XmpCandidate[] = [];
    let at = indexOfBytes(bytes, form.start, 0, limit);
    while (at >= 0 && found.length < MAX_PACKETS) {
      const stop = Math.min(limit, at + maxPacket);
      const endTag = indexOfBytes(bytes, form.end, at, stop);
      const close = endTag < 0 ? -1 : indexOfBytes(bytes, form.close, endTag, stop);
      if (close < 0) {
        diagnostics.push({
          code: 'tdmrep.xmp-unterminated',
          severity: 'warning',
          message: `XMP packet at byte ${at} has no end within ${maxPacket} bytes; it is skipped`,
        });
        at = indexOfBytes(bytes, form.start, at + 1, limit);
        continue;
      }
      const end = close + form.close.length;
      found.push({ at, bytes: bytes.subarray(at, end), compressed: false });
      at = indexOfBytes(bytes, form.start, end, limit);
    }
    if (found.length) return found;
  }
  return [];
}

// The dictionary of the object around `/Metadata` at `at` when it is a
// FlateDecode `/Type /Metadata` stream: the text from the object header to `stream`.
function metadataDictionary(
  bytes: Uint8Array,
  at: number,
  limit: number,
): { text: string; stream: number } | undefined {
  const stream = indexOfBytes(bytes, STREAM, at, Math.min(limit, at + DICT_WINDOW));
  // `stream` inside `endstream` belongs to another object.
  if (stream < 0 || bytes[stream - 1] === 0x64) return undefined;
  const before = latin1.decode(bytes.subarray(Math.max(0, at - DICT_WINDOW), stream));
  const headers = [...before.matchAll(/\d+\s+\d+\s+obj\b/g)];
  const header = headers[headers.length - 1];
  if (!header) return undefined;
  const text = before.slice(header.index);
  if (/endobj/.test(text) || !/\/Type\s*\/Metadata\b/.test(text)) return undefined;
  return { text, stream };
}

/** Compressed (`/FlateDecode`) `/Type /Metadata` streams, inflated within the packet limit. */
export function compressedPackets(
  bytes: Uint8Array,
  limits: ScanLimits,
  diagnostics: TdmDiagnostic[],
): XmpCandidate[] {
  const { limit, maxPacket } = limits;
  const found: XmpCandidate[] = [];
  // The catalog's `/Metadata n 0 R` and the stream's own `/Type /Metadata` can lead to one stream.
  const seen = new Set<number>();
  for (
    let at = indexOfBytes(bytes, METADATA, 0, limit);
    at >= 0 && found.length < MAX_PACKETS;
    at = indexOfBytes(bytes, METADATA, at + 1, limit)
  ) {
    const dictionary = metadataDictionary(bytes, at, limit);
    if (!dictionary || seen.has(dictionary.stream)) continue;
    seen.add(dictionary.stream);
    if (!/\/Filter\s*(\[\s*)?\/FlateDecode\s*\]?\s*[/>]/.test(dictionary.text)) continue;
    let start = dictionary.stream + STREAM.length;
    if (bytes[start] === 13) start++;
    if (bytes[start] === 10) start++;
    const end = indexOfBytes(bytes, ENDSTREAM, start, Math.min(limit, start + maxPacket));
    const inflated = end < 0 ? undefined : inflateBounded(bytes.subarray(start, end), maxPacket, true);
    if (inflated?.ok) {
      found.push({ at: start, bytes: inflated.bytes, compressed: true });
      continue;
    }
    diagnostics.push({
      code: 'tdmrep.xmp-unreadable',
      severity: 'warning',
      message: `compressed metadata stream at byte ${start}: ${inflated ? inflated.reason : `no endstream within ${maxPacket} bytes`}`,
    });
  }
  return found;
}
