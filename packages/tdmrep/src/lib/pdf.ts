import { decodeText } from '@optout/core';
import { ascii, indexOfBytes } from './bytes.js';
import { compressedPackets, plainPackets } from './pdf-scan.js';
import type { TdmDiagnostic, TdmReading } from './types.js';
import { readXmpPacket } from './xmp.js';

/** Options for `readPdf`. */
export interface TdmPdfOptions {
  /** URL (or file name) of the PDF, copied into the evidence. */
  url?: string;
  /** Bytes scanned for XMP at most. Default 64 MiB. */
  maxBytes?: number;
  /** Size of one XMP packet (and of one compressed metadata stream, before and after inflating) at most. Default 1 MiB. */
  maxPacketBytes?: number;
}

const PDF_MAGIC = ascii('%PDF-');
const TDM_HINT = ascii('ns/tdmrep');

function sameValues(a: TdmReading, b: TdmReading): boolean {
  return a.value?.reservation === b.value?.reservation && a.value?.policy === b.value?.policy;
}

function preamble(bytes: Uint8Array, limit: number): TdmDiagnostic[] {
  const out: TdmDiagnostic[] = [];
  if (indexOfBytes(bytes, PDF_MAGIC, 0, Math.min(limit, 1024)) < 0) {
    out.push({
      code: 'tdmrep.not-pdf',
      severity: 'warning',
      message: 'no %PDF- header in the first 1024 bytes',
    });
  }
  if (limit < bytes.length) {
    out.push({
      code: 'tdmrep.truncated',
      severity: 'info',
      message: `only the first ${limit} bytes were scanned`,
    });
  }
  return out;
}

/**
 * Read TDMRep from a PDF's XMP metadata (TDMRep "TDM Metadata in PDF files"). The bytes are
 * scanned for uncompressed XMP packets and for FlateDecode `/Type /Metadata`
 * streams (inflated with a size limit); each packet that mentions the TDMRep
 * namespace is read with `readXmpTdm`'s rules. When several carry TDMRep
 * properties the last in the file wins (incremental updates append) and a
 * disagreement is reported. Never throws on bad input.
 */
export function readPdf(bytes: Uint8Array, options: TdmPdfOptions = {}): TdmReading {
  const limit = Math.min(bytes.length, options.maxBytes ?? 64 << 20);
  const limits = { limit, maxPacket: options.maxPacketBytes ?? 1 << 20 };
  const diagnostics = preamble(bytes, limit);
  const candidates = [
    ...plainPackets(bytes, limits, diagnostics),
    ...compressedPackets(bytes, limits, diagnostics),
  ];
  if (!candidates.length) {
    diagnostics.push({ code: 'tdmrep.pdf-no-xmp', severity: 'info', message: 'no XMP metadata found' });
    return { diagnostics };
  }
  candidates.sort((a, b) => a.at - b.at);
  const readings: TdmReading[] = [];
  for (const { at, bytes: packet } of candidates) {
    if (indexOfBytes(packet, TDM_HINT) < 0) continue;
    const reading = readXmpPacket(decodeText(packet).text, 'tdmrep.pdf', options.url);
    diagnostics.push(...reading.diagnostics);
    if (!reading.value) continue;
    // Lines count from the packet start, so the path names the packet's byte offset.
    for (const evidence of [reading.value.evidence, reading.value.policyEvidence]) {
      if (evidence) evidence.path = `xmp@${at}/${evidence.path}`;
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
