import type { HeaderInput } from '@optout/core';

/** A response as `gate.inspect` reads it: what the caller has of it. */
export interface InspectedResponse {
  /** Response headers: a WHATWG `Headers`, undici's header record, or `[name, value]` pairs. */
  headers: HeaderInput;
  /** The body, whole or a prefix: the HTML head and embedded metadata are read from it. */
  body?: Uint8Array | string;
  /** Media type; defaults to the `Content-Type` header. */
  contentType?: string;
}

/** What kind of body carries signals of its own. */
export type BodyKind = 'html' | 'pdf' | 'epub' | 'media';

/** Which reader a media type goes to, or undefined when its body carries no signals optout reads. */
export function bodyKind(contentType: string | undefined): BodyKind | undefined {
  const type = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'application/epub+zip') return 'epub';
  if (type.startsWith('image/') || type.startsWith('audio/') || type.startsWith('video/')) return 'media';
  return undefined;
}
