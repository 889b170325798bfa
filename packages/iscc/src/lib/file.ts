// ISCC of a file or stream (the `@optout/iscc/node` entry: it reads files).
// One pass over the bytes feeds the Data-Code and Instance-Code hashers in
// constant memory; text and images are also kept (up to a cap) for their
// Content-Code. PNG is decoded with pngjs and JPEG with jpeg-js: both pure JS
// from the registry, nothing downloaded or compiled at install time.
import { createReadStream } from 'node:fs';
import { assertArg, type Diagnostic, decodeText } from '@optout/core';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { concat } from './codec.js';
import { type CodeResult, genImageCodeV0, genTextCodeV0, type TextCodeResult } from './content.js';
import { type DataCodeResult, DataHasher } from './data.js';
import { htmlToText } from './html.js';
import { imagePixels, type RawImage } from './image.js';
import { type InstanceCodeResult, InstanceHasher } from './instance.js';
import { genIsccCodeV0 } from './iscc-code.js';
import { genMetaCodeV0, type MetaCodeResult } from './meta.js';
import { jpegOrientation, orientImage } from './orientation.js';

/** Options of `isccForFile`. */
export interface IsccForFileOptions {
  /** `text/plain`, `text/html`, `image/png`, `image/jpeg`, or anything else (Data and Instance only). Detected when absent. */
  mediaType?: string;
  /** Title for a Meta-Code (none without it). */
  name?: string;
  /** Description for the Meta-Code. */
  description?: string;
  /** Bits of each unit (default 64; the ISCC-CODE uses the first 64). */
  bits?: number;
  /** Largest file whose content is decoded in memory for a Content-Code (default 64 MiB). */
  maxContentBytes?: number;
}

/** The ISCC-CODE of a file and its units. */
export interface IsccForFileResult {
  /** The composite ISCC-CODE. */
  iscc: string;
  /** The media type used (given or detected), if any. */
  mediaType?: string;
  units: {
    meta?: MetaCodeResult;
    content?: TextCodeResult | CodeResult;
    data: DataCodeResult;
    instance: InstanceCodeResult;
  };
  /** Why a Content-Code is missing (undecodable image, file over the cap, unsupported type). */
  diagnostics: Diagnostic[];
}

const TEXT_TYPES: Record<string, string> = {
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
  xhtml: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** Media type from the first bytes (PNG, JPEG) or else the file extension. */
export function detectMediaType(head: Uint8Array, path?: string): string | undefined {
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  const extension = path?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  return extension ? TEXT_TYPES[extension] : undefined;
}

/** Decode a PNG or JPEG into pixels (a JPEG turned upright by its EXIF Orientation); `undefined` for other types. Throws on corrupt data. */
export function decodeImage(bytes: Uint8Array, mediaType: string): RawImage | undefined {
  if (mediaType === 'image/png') {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    return { width: png.width, height: png.height, channels: 4, data: png.data };
  }
  if (mediaType === 'image/jpeg') {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    const decoded: RawImage = { width: image.width, height: image.height, channels: 4, data: image.data };
    return orientImage(decoded, jpegOrientation(bytes));
  }
  return undefined;
}

function contentCode(
  bytes: Uint8Array,
  mediaType: string,
  bits: number,
): TextCodeResult | CodeResult | undefined {
  if (mediaType.startsWith('text/')) {
    const { text } = decodeText(bytes);
    return genTextCodeV0(mediaType === 'text/html' ? htmlToText(text) : text, bits);
  }
  const image = decodeImage(bytes, mediaType);
  return image && genImageCodeV0(imagePixels(image), bits);
}

/**
 * ISCC-CODE of a file (path or `file:` URL) or a stream of bytes: Data- and
 * Instance-Code always, a Text-Code for plain text and HTML, an Image-Code
 * for PNG and JPEG, a Meta-Code when `name` is given.
 */
export async function isccForFile(
  input: string | URL | AsyncIterable<Uint8Array>,
  options: IsccForFileOptions = {},
): Promise<IsccForFileResult> {
  const bits = options.bits ?? 64;
  const cap = options.maxContentBytes ?? 64 * 1024 * 1024;
  assertArg(
    Number.isInteger(bits) && bits % 32 === 0 && bits >= 64 && bits <= 256,
    'bits must be 64..256, step 32',
  );
  const path = typeof input === 'string' ? input : input instanceof URL ? input.pathname : undefined;
  const stream =
    typeof input === 'string' || input instanceof URL
      ? createReadStream(input, { highWaterMark: 1 << 20 })
      : input;
  const data = new DataHasher();
  const instance = new InstanceHasher();
  let kept: Uint8Array[] | undefined = [];
  let size = 0;
  let mediaType = options.mediaType;
  for await (const chunk of stream) {
    const bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk as ArrayBuffer);
    if (size === 0 && !mediaType) mediaType = detectMediaType(bytes, path);
    data.push(bytes);
    instance.push(bytes);
    size += bytes.length;
    if (kept && size <= cap) kept.push(bytes);
    else kept = undefined;
  }
  mediaType ??= detectMediaType(new Uint8Array(0), path);
  const diagnostics: Diagnostic[] = [];
  const units: IsccForFileResult['units'] = { data: data.result(bits), instance: instance.result(bits) };
  if (options.name) units.meta = genMetaCodeV0(options.name, options.description, null, bits);
  if (mediaType && !kept) {
    diagnostics.push(info('iscc.content-too-large', `no Content-Code: file is larger than ${cap} bytes`));
  } else if (mediaType && kept) {
    try {
      const content = contentCode(concat(...kept), mediaType, bits);
      if (content) units.content = content;
      else diagnostics.push(info('iscc.content-unsupported', `no Content-Code for ${mediaType}`));
    } catch (error) {
      diagnostics.push({
        code: 'iscc.content-undecodable',
        severity: 'warning',
        message: `no Content-Code: ${mediaType} could not be decoded (${(error as Error).message})`,
      });
    }
  }
  const codes = [units.meta?.iscc, units.content?.iscc, units.data.iscc, units.instance.iscc];
  const iscc = genIsccCodeV0(codes.filter((code): code is string => code !== undefined)).iscc;
  return { iscc, ...(mediaType ? { mediaType } : {}), units, diagnostics };
}

function info(code: string, message: string): Diagnostic {
  return { code, severity: 'info', message };
}
