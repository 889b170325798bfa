import { OptoutError } from '@optout/core';

/**
 * End of the `scheme://authority` prefix of an absolute http(s) URL, or -1
 * when the string is not one. A scan of char codes: this runs on every check,
 * so no regular expression and no `URL` object.
 */
export function prefixEnd(url: string): number {
  // "http://" or "https://", any case.
  let i = 0;
  const len = url.length;
  while (i < len && i < 6) {
    const c = url.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    i++;
  }
  if (i < 4 || url.charCodeAt(i) !== 58 || url.charCodeAt(i + 1) !== 47 || url.charCodeAt(i + 2) !== 47)
    return -1;
  for (let j = i + 3; j < len; j++) {
    const c = url.charCodeAt(j);
    // `\` ends the authority too: the WHATWG parser reads it as `/` in http(s) URLs.
    if (c === 47 || c === 63 || c === 35 || c === 92) return j;
  }
  return len;
}

/** Does the authority of `url` end at `at` (a `/`, `?`, `#` or `\` there, or the end)? As `prefixEnd` reads it. */
export function endsAuthority(url: string, at: number): boolean {
  if (at >= url.length) return at === url.length;
  const c = url.charCodeAt(at);
  return c === 47 || c === 63 || c === 35 || c === 92;
}

function endsSegment(url: string, at: number): boolean {
  const c = url.charCodeAt(at);
  return at >= url.length || c === 47 || c === 63 || c === 35;
}

// Characters `isPlainPath` must look at; every other ASCII character is passed by one table read.
const CONTROL = 1;
const NOTABLE = 2;
const NOTABLE_CHARS = new Uint8Array(128);
for (let code = 0; code <= 32; code++) NOTABLE_CHARS[code] = CONTROL;
NOTABLE_CHARS[127] = CONTROL;
for (const char of '#?\\%/') NOTABLE_CHARS[char.charCodeAt(0)] = NOTABLE;

/**
 * True when the part of `url` from `from` on is exactly what a client would
 * request: no control characters or spaces (stripped or encoded by URL
 * parsers), and in the path no `\` (read as `/`), no `.` / `..` segments
 * (resolved away) and no `%2e` (which may spell one). Only such URLs are matched as written; others
 * are first normalised with the WHATWG parser, so a crafted spelling cannot
 * slip past a rule.
 */
export function isPlainPath(url: string, from: number): boolean {
  let inQuery = false;
  for (let i = from; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c >= 128) continue;
    const kind = NOTABLE_CHARS[c];
    if (kind === 0) continue;
    // Tabs and newlines are stripped anywhere, even in the query.
    if (kind === CONTROL) return false;
    if (c === 35) return true;
    if (c === 63) inQuery = true;
    if (inQuery) continue;
    if (c === 92) return false;
    if (c === 37 && url.charCodeAt(i + 1) === 50 && (url.charCodeAt(i + 2) | 0x20) === 101) return false;
    if (c === 47 && url.charCodeAt(i + 1) === 46) {
      if (endsSegment(url, i + 2)) return false;
      if (url.charCodeAt(i + 2) === 46 && endsSegment(url, i + 3)) return false;
    }
  }
  return true;
}

/** The URL as a client would request it (WHATWG serialisation). Throws `OPTOUT_ERR_INVALID_URL`. */
export function normalizeUrl(url: string): string {
  originOf(url);
  return new URL(url).href;
}

/** The parts of a URL the gate needs: its canonical origin and the URL with that origin. */
export interface OriginParts {
  /** `scheme://host[:port]`: lower case, IDN hosts in ASCII (punycode), default ports dropped, IPv6 in brackets. */
  origin: string;
  scheme: 'http:' | 'https:';
  /** Host in ASCII form, without brackets for IPv6. */
  hostname: string;
  /** Port as a number (the scheme's default when none is given). */
  port: number;
}

/**
 * Canonical origin of an http(s) URL (slow path: uses the WHATWG URL parser,
 * which handles IDN, IPv6, user info and default ports). Throws
 * `OPTOUT_ERR_INVALID_URL` for anything else.
 */
export function originOf(url: string): OriginParts {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new OptoutError('OPTOUT_ERR_INVALID_URL', `not an absolute URL: ${url}`, { cause });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new OptoutError('OPTOUT_ERR_INVALID_URL', `only http and https URLs are checked: ${url}`);
  }
  const hostname = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  return {
    origin: parsed.origin,
    scheme: parsed.protocol,
    hostname,
    port: parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80,
  };
}
