import { bmffHandler } from './bmff.js';
import { gifHandler } from './gif.js';
import { jpegHandler } from './jpeg.js';
import { mp3Handler } from './mp3.js';
import { pdfHandler } from './pdf.js';
import { pngHandler } from './png.js';
import { riffHandler } from './riff.js';
import { sidecarHandler } from './sidecar.js';
import { svgHandler } from './svg.js';
import { tiffHandler } from './tiff.js';
import type { ContainerHandler, MediaFormat } from './types.js';

/** Every container handler, in sniffing order (binary signatures first, SVG text last). */
export const HANDLERS: readonly ContainerHandler[] = [
  jpegHandler,
  pngHandler,
  riffHandler,
  bmffHandler,
  mp3Handler,
  tiffHandler,
  gifHandler,
  pdfHandler,
  sidecarHandler,
  svgHandler,
];

/** Bytes the sniffers look at. */
export const SNIFF_BYTES = 4096;

/** The handler that reads these bytes and the format it recognised, by content (never by name). */
export function sniff(bytes: Uint8Array): { handler: ContainerHandler; format: MediaFormat } | undefined {
  const head = bytes.subarray(0, SNIFF_BYTES);
  for (const handler of HANDLERS) {
    const format = handler.sniff(head);
    if (format) return { handler, format };
  }
  return undefined;
}
