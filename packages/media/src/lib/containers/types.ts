import type { DiagnosticList } from '../diagnostics.js';
import type { MediaLimits } from '../limits.js';

/** Container formats the registry recognises by content. */
export type MediaFormat =
  | 'jpeg'
  | 'png'
  | 'webp'
  | 'wav'
  | 'avi'
  | 'heif'
  | 'avif'
  | 'mp4'
  | 'mp3'
  | 'svg'
  | 'tiff'
  | 'gif'
  | 'pdf'
  | 'c2pa';

/** An XMP packet and where in the container it was found. */
export interface XmpPacket {
  /** `jpeg-app1`, `jpeg-app1-extended`, `png-itxt`, `riff-xmp`, `bmff-uuid`, `heif-item`, `tiff-700`, `id3-priv`, `svg-metadata`, `scan`. */
  location: string;
  text: string;
}

/** What a handler gets besides the bytes: the caps and where to report problems. */
export interface ReadContext {
  limits: MediaLimits;
  diagnostics: DiagnosticList;
}

/**
 * One container format. Handlers are stateless, check the signature first and
 * bound every length by its enclosing box, chunk or segment. They only
 * extract bytes and text; interpreting them is done elsewhere.
 */
export interface ContainerHandler {
  /** Short name, for diagnostics and the README table. */
  readonly name: string;
  /** The format of `head` (the first bytes of a file) if this handler reads it. */
  sniff(head: Uint8Array): MediaFormat | undefined;
  /** The raw JUMBF manifest store embedded in the file, if any. */
  readManifest?(bytes: Uint8Array, ctx: ReadContext): Uint8Array | undefined;
  /** XMP packets at the container's standard locations, main packet first. Without it, the bytes are scanned. */
  readXmp?(bytes: Uint8Array, ctx: ReadContext): XmpPacket[];
  /**
   * Offset after which no C2PA or XMP can follow, if `head` (a prefix of the
   * file) already reaches it: lets a stream reader stop early. Containers that
   * may carry metadata at the end (RIFF, BMFF update stores, PNG) leave it out.
   */
  metadataEnd?(head: Uint8Array): number | undefined;
}
