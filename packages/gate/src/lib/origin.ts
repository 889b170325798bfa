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
    if (c === 47 || c === 63 || c === 35) return j;
  }
  return len;
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
