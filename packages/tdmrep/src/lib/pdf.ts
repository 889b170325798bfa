import { decodeText } from '@optout/core';
import { ascii, indexOfBytes } from './bytes.js';
import type { TdmDiagnostic, TdmReading } from './types.js';
import { readXmpPacket } from './xmp.js';

/** Options for `readPdf`. */
export interface TdmPdfOptions {
  /** URL (or file name) of the PDF, copied into the evidence. */
  url?: string;
  /** Bytes scanned for XMP packets at most. Default 64 MiB. */
  maxBytes?: number;
  /** Size of one XMP packet at most. Default 1 MiB. */
  maxPacketBytes?: number;
}

const MAX_PACKETS = 64;
const PDF_MAGIC = ascii('%PDF-');
const FORMS = [
  { start: ascii('<?xpacket begin'), end: ascii('<?xpacket end'), close: ascii('?>') },
  { start: ascii('<x:xmpmeta'), end: ascii('</x:xmpmeta>'), close: ascii('>') },
];
const TDM_HINT = ascii('ns/tdmrep');

interface Packet {
  start: number;
  end: number;
}

// XMP packets in the bytes, in file order. Document metadata streams are
// uncompressed in practice (so that tools can find them this way); the
// scan is bounded in bytes, in packet size and in packet count.
function findPackets(
  bytes: Uint8Array,
  limit: number,
  maxPacket: number,
  diagnostics: TdmDiagnostic[],
): Packet[] {
  for (const form of FORMS) {
    const packets: Packet[] = [];
    let at = indexOfBytes(bytes, form.start, 0, limit);
    while (at >= 0 && packets.length < MAX_PACKETS) {
      const endTag = indexOfBytes(bytes, form.end, at, Math.min(limit, at + maxPacket));
      const close =
        endTag < 0 ? -1 : indexOfBytes(bytes, form.close, endTag, Math.min(limit, at + maxPacket));
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
      packets.push({ start: at, end });
      at = indexOfBytes(bytes, form.start, end, limit);
    }
    if (packets.length) return packets;
  }
  return [];
}

function sameValues(a: TdmReading, b: TdmReading): boolean {
  return a.value?.reservation === b.value?.reservation && a.value?.policy === b.value?.policy;
}

/**
 * Read TDMRep from a PDF's XMP metadata (TDMRep section 3.5): the bytes are
 * scanned for XMP packets and each packet that mentions the TDMRep
 * namespace is read with `readXmpTdm`'s rules. When several packets carry
 * TDMRep properties the last one wins (incremental updates append), and a
 * disagreement is reported. Compressed metadata streams are not inflated.
 * Never throws on bad input.
 */
export function readPdf(bytes: Uint8Array, options: TdmPdfOptions = {}): TdmReading {
  const diagnostics: TdmDiagnostic[] = [];
  const limit = Math.min(bytes.length, options.maxBytes ?? 64 << 20);
  if (indexOfBytes(bytes, PDF_MAGIC, 0, Math.min(limit, 1024)) < 0) {
    diagnostics.push({
      code: 'tdmrep.not-pdf',
      severity: 'warning',
      message: 'no %PDF- header in the first 1024 bytes',
    });
  }
  if (limit < bytes.length) {
    diagnostics.push({
      code: 'tdmrep.truncated',
      severity: 'info',
      message: `only the first ${limit} bytes were scanned for XMP`,
    });
  }
  const packets = findPackets(bytes, limit, options.maxPacketBytes ?? 1 << 20, diagnostics);
  if (!packets.length) {
    diagnostics.push({
      code: 'tdmrep.pdf-no-xmp',
      severity: 'info',
      message: 'no uncompressed XMP packet found',
    });
    return { diagnostics };
  }
  const readings: TdmReading[] = [];
  for (const { start, end } of packets) {
    if (indexOfBytes(bytes, TDM_HINT, start, end) < 0) continue;
    const reading = readXmpPacket(decodeText(bytes.subarray(start, end)).text, 'tdmrep.pdf', options.url);
    diagnostics.push(...reading.diagnostics);
    if (!reading.value) continue;
    // Lines count from the packet start, so the path names the packet's byte offset.
    for (const evidence of [reading.value.evidence, reading.value.policyEvidence]) {
      if (evidence) evidence.path = `xmp@${start}/${evidence.path}`;
    }
    readings.push(reading);
  }
  const last = readings[readings.length - 1];
  if (last && readings.some((r) => !sameValues(r, last))) {
    diagnostics.push({
      code: 'tdmrep.pdf-multiple-xmp',
      severity: 'warning',
      message: `${readings.length} XMP packets carry different TDMRep values; the last one in the file is used`,
    });
  }
  return last?.value ? { value: last.value, diagnostics } : { diagnostics };
}
