import { hasAscii, indexOfAscii } from '../bytes.js';
import { scanXmp } from './scan.js';
import type { ContainerHandler, ReadContext } from './types.js';

// PDF: the catalog's /Metadata stream is uncompressed XMP by convention, so a
// packet scan finds it (and TDMRep's tdm:* properties in it). Embedded C2PA
// stores need a PDF object parser and FlateDecode: reported, not read.
function readManifest(b: Uint8Array, ctx: ReadContext): undefined {
  if (indexOfAscii(b, '/C2PA_Manifest', 0, Math.min(b.length, ctx.limits.maxScanBytes)) !== -1) {
    ctx.diagnostics.add('c2pa.unsupported-container', 'warning', 'PDF: embedded C2PA manifests are not read');
  }
  return undefined;
}

/** PDF: XMP metadata stream (by scan); C2PA reported as unsupported. */
export const pdfHandler: ContainerHandler = {
  name: 'pdf',
  sniff: (head) => (hasAscii(head, 0, '%PDF-') ? 'pdf' : undefined),
  readManifest,
  readXmp: (b, ctx) => scanXmp(b, ctx, 'pdf-metadata'),
};
