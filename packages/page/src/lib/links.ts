import { type HeaderInput, headerValues } from '@optout/core';

/** Licence and provenance documents a response points at. */
export interface PageLinks {
  /** RSL licence documents (`rel="license"` with `type="application/rsl+xml"`). */
  rsl: string[];
  /** C2PA manifests (`rel="c2pa-manifest"`). */
  c2pa: string[];
}

/** One link: target and lower-cased parameters. */
export interface Link {
  href: string;
  params: Record<string, string>;
}

/**
 * Split Link field values (RFC 8288 §3) into links. Commas and semicolons
 * inside `<…>` or quoted strings do not split. Malformed members are skipped.
 */
export function parseLinkHeader(value: string): Link[] {
  const out: Link[] = [];
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('<', i);
    if (open < 0) break;
    const close = value.indexOf('>', open + 1);
    if (close < 0) break;
    const link: Link = { href: value.slice(open + 1, close).trim(), params: {} };
    i = readParams(value, close + 1, link.params);
    out.push(link);
  }
  return out;
}

// Reads `; name=value` or `; name="quoted"` parameters up to the next comma
// outside quotes; returns the index after it. The first occurrence of a
// parameter wins (RFC 8288 §3.3 for rel).
function readParams(value: string, from: number, params: Record<string, string>): number {
  let i = from;
  while (i < value.length) {
    while (i < value.length && /[\s;]/.test(value[i]!)) i++;
    if (i >= value.length || value[i] === ',') return i + 1;
    const nameEnd = value.slice(i).search(/[=;,\s]/);
    const name = value.slice(i, nameEnd < 0 ? value.length : i + nameEnd).toLowerCase();
    i = nameEnd < 0 ? value.length : i + nameEnd;
    while (i < value.length && /\s/.test(value[i]!)) i++;
    let param = '';
    if (value[i] === '=') {
      i++;
      while (i < value.length && /\s/.test(value[i]!)) i++;
      if (value[i] === '"') {
        i++;
        while (i < value.length && value[i] !== '"') {
          if (value[i] === '\\') i++;
          param += value[i] ?? '';
          i++;
        }
        i++;
      } else {
        const end = value.slice(i).search(/[;,]/);
        param = value.slice(i, end < 0 ? value.length : i + end).trim();
        i = end < 0 ? value.length : i + end;
      }
    }
    if (name && !(name in params)) params[name] = param;
  }
  return i;
}

/** Resolve a link target against the response URL; keep it as written when that fails. */
export function resolveHref(href: string, base: string | undefined): string {
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

/** Which kind of document a link with these `rel` and `type` values points at. */
export function classifyLink(rel: string, type: string | undefined): keyof PageLinks | undefined {
  const rels = rel.toLowerCase().split(/\s+/);
  if (rels.includes('c2pa-manifest')) return 'c2pa';
  const media = (type ?? '').split(';')[0]!.trim().toLowerCase();
  if (rels.includes('license') && media === 'application/rsl+xml') return 'rsl';
  return undefined;
}

/** Add a URL to a list once. */
export function addLink(links: PageLinks, kind: keyof PageLinks, href: string): void {
  if (!links[kind].includes(href)) links[kind].push(href);
}

/** RSL and C2PA links from every `Link` field line. */
export function readLinkHeaders(headers: HeaderInput, url?: string): PageLinks {
  const links: PageLinks = { rsl: [], c2pa: [] };
  for (const value of headerValues(headers, 'link')) {
    for (const link of parseLinkHeader(value)) {
      const kind = classifyLink(link.params.rel ?? '', link.params.type);
      if (kind) addLink(links, kind, resolveHref(link.href, url));
    }
  }
  return links;
}
