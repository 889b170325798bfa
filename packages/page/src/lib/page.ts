import { assertArg, type Diagnostic, type HeaderInput, headerValues, type Statement } from '@optout/core';
import { readContentSignal } from './content-signal.js';
import { readContentUsage } from './content-usage.js';
import { readHtml } from './html.js';
import { addLink, type PageLinks, readLinkHeaders } from './links.js';
import { type PageOptions, resolveOptions } from './options.js';
import { readXRobotsTag } from './x-robots-tag.js';

/** A response, or the parts of it the caller has. */
export interface PageInput {
  /** URL of the response; copied into evidence and used to resolve relative links. */
  url?: string;
  headers?: HeaderInput;
  /** The body, when it is HTML. Only the head is read. */
  html?: string | Uint8Array;
  /** Media type of the response; defaults to the `Content-Type` header. */
  contentType?: string;
}

/** Every page-level signal of one response. */
export interface PageSignals {
  /**
   * Statements about this response, for every scope: agent-scoped ones carry
   * `scope.agents`, and core's `decide()` picks those that bind the caller.
   */
  statements: Statement[];
  /**
   * Statements about the images this page references (`noimageai` on an HTML
   * page): not about the page itself, so kept apart from `statements`.
   */
  images: Statement[];
  diagnostics: Diagnostic[];
  /** Documents to fetch for more terms: RSL licences and C2PA manifests. */
  links: PageLinks;
}

/**
 * Read every page-level signal of a response: `X-Robots-Tag`, `Content-Usage`,
 * `Content-Signal` and `Link` headers, and, from the HTML head, robots metas,
 * `<link>` elements and inline RSL.
 */
export function readPage(input: PageInput, options?: PageOptions): PageSignals {
  assertArg(typeof input === 'object' && input !== null, 'input must be an object');
  const resolved = resolveOptions(options);
  const headers = input.headers ?? [];
  const contentType = input.contentType ?? headerValues(headers, 'content-type')[0];
  const response = { ...(input.url ? { url: input.url } : {}), ...(contentType ? { contentType } : {}) };
  const out: PageSignals = { statements: [], images: [], diagnostics: [], links: { rsl: [], c2pa: [] } };
  const robots = readXRobotsTag(headers, response, resolved);
  const usage = readContentUsage(headers, response, resolved);
  const signal = readContentSignal(headers, response);
  out.statements.push(...robots.statements, ...usage.statements, ...signal.statements);
  out.images.push(...robots.imageStatements);
  out.diagnostics.push(...robots.diagnostics, ...usage.diagnostics, ...signal.diagnostics);
  const linked = readLinkHeaders(headers, input.url);
  if (input.html !== undefined) {
    const html = readHtml(input.html, response, resolved);
    out.statements.push(...html.statements);
    out.images.push(...html.imageStatements);
    out.diagnostics.push(...html.diagnostics);
    for (const kind of ['rsl', 'c2pa'] as const)
      for (const href of html.links[kind]) addLink(linked, kind, href);
  }
  out.links = linked;
  return out;
}
