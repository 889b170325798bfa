import { type HeaderInput, headerValues } from '@optout/core';
import { parseDirectives } from './directives.js';
import { type PageOptions, resolveOptions } from './options.js';
import { directivesToStatements, type RobotsReading } from './robots-signals.js';

/** What the response is, for the readers that need it. */
export interface ResponseInfo {
  /** URL of the response; copied into evidence. */
  url?: string;
  /** Its media type (`image/png`, `text/html; charset=utf-8`). */
  contentType?: string;
}

/** Is this media type an image? */
export function isImageType(contentType: string | undefined): boolean {
  return /^\s*image\//i.test(contentType ?? '');
}

/**
 * Read every `X-Robots-Tag` field line. Each line is split on its own (a
 * user-agent prefix scopes the rest of its line only), names and directives
 * case-insensitive.
 */
export function readXRobotsTag(
  headers: HeaderInput,
  response: ResponseInfo = {},
  options?: PageOptions,
): RobotsReading {
  const resolved = resolveOptions(options);
  const out: RobotsReading = { statements: [], imageStatements: [], diagnostics: [] };
  for (const value of headerValues(headers, 'x-robots-tag')) {
    const reading = directivesToStatements(parseDirectives(value), {
      source: 'x-robots-tag',
      evidence: { raw: value, header: 'x-robots-tag', ...(response.url ? { url: response.url } : {}) },
      isImage: isImageType(response.contentType),
      options: resolved,
    });
    out.statements.push(...reading.statements);
    out.imageStatements.push(...reading.imageStatements);
    out.diagnostics.push(...reading.diagnostics);
  }
  return out;
}
