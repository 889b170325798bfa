// Percent-encoding normalisation shared by every path-based signal
// (RFC 9309 section 2.2.2). The same function is applied to rules and to URLs,
// so a rule and a URL that differ only in encoding compare equal.

const HEX = '0123456789ABCDEF';

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

// RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~".
function isUnreserved(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 45 ||
    code === 46 ||
    code === 95 ||
    code === 126
  );
}

// Per ASCII code: ENCODE for characters that may not appear raw in a URI
// (controls, space, `"<>\^`{|}`): browsers and URL libraries encode some of
// them and not others, so both sides are brought to the encoded form.
// PERCENT for `%`, META for the pattern characters `$` and `*`. One table
// lookup per character keeps the scan of an already-clean URL cheap.
const ENCODE = 1;
const PERCENT = 2;
const META = 4;
const CLASS = new Uint8Array(128);
for (let code = 0; code <= 32; code++) CLASS[code] = ENCODE;
for (const char of '\x7F"<>\\^`{|}') CLASS[char.charCodeAt(0)] = ENCODE;
CLASS[37] = PERCENT;
CLASS[36] = META;
CLASS[42] = META;

function mustEncode(code: number): boolean {
  return code < 128 && CLASS[code] === ENCODE;
}

function encodeByte(byte: number): string {
  return '%' + HEX[byte >> 4] + HEX[byte & 15];
}

function encodeCodePoint(cp: number): string {
  if (cp < 0x80) return encodeByte(cp);
  if (cp < 0x800) return encodeByte(0xc0 | (cp >> 6)) + encodeByte(0x80 | (cp & 63));
  if (cp < 0x10000)
    return encodeByte(0xe0 | (cp >> 12)) + encodeByte(0x80 | ((cp >> 6) & 63)) + encodeByte(0x80 | (cp & 63));
  return (
    encodeByte(0xf0 | (cp >> 18)) +
    encodeByte(0x80 | ((cp >> 12) & 63)) +
    encodeByte(0x80 | ((cp >> 6) & 63)) +
    encodeByte(0x80 | (cp & 63))
  );
}

function needsWork(text: string, literalMeta: boolean): boolean {
  const flags = literalMeta ? ENCODE | PERCENT | META : ENCODE | PERCENT;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || (CLASS[code]! & flags) !== 0) return true;
  }
  return false;
}

function normalise(text: string, literalMeta: boolean): string {
  if (!needsWork(text, literalMeta)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 37) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) {
        out += '%';
        continue;
      }
      const byte = (hi << 4) | lo;
      out += isUnreserved(byte) ? String.fromCharCode(byte) : encodeByte(byte);
      i += 2;
    } else if (code >= 128) {
      const cp = text.codePointAt(i)!;
      // A lone surrogate has no UTF-8 form: it becomes U+FFFD, as TextEncoder does.
      const isLone = cp >= 0xd800 && cp <= 0xdfff;
      out += encodeCodePoint(isLone ? 0xfffd : cp);
      if (cp > 0xffff) i++;
    } else if (mustEncode(code) || (literalMeta && (code === 36 || code === 42))) {
      out += encodeByte(code);
    } else {
      out += text[i];
    }
  }
  return out;
}

/**
 * Normalise a path pattern (robots.txt rule, tdmrep.json location, ai.txt
 * glob): encode non-ASCII as UTF-8, upper-case hex digits, decode escaped
 * unreserved characters, keep reserved characters encoded. `*` and `$` keep
 * their pattern meaning.
 */
export function normalizePattern(pattern: string): string {
  return normalise(pattern, false);
}

/**
 * Normalise a URL path (with its query) for matching: the pattern rules, plus
 * a literal `$` or `*` becomes `%24` / `%2A` (RFC 9309 section 2.2.3), so it
 * can only be matched by a pattern that spells it encoded.
 */
export function normalizeTarget(path: string): string {
  return normalise(path, true);
}

/** What `cleanTargetMask` returns for a path that `normalizeTarget` would change. */
export const NEEDS_NORMALIZING = 2 ** 32;

/**
 * The `charMask` of a path that `normalizeTarget` leaves as it is, or
 * NEEDS_NORMALIZING (not an int32, so never a mask) when it would change it.
 * URLs to match are nearly always clean already: one scan then does the work
 * of the two that normalising and masking would each make.
 */
export function cleanTargetMask(path: string): number {
  let mask = 0;
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code >= 128 || CLASS[code] !== 0) return NEEDS_NORMALIZING;
    mask |= 1 << (code & 31);
  }
  return mask;
}

/**
 * The part of a URL that path patterns match: path plus query, fragment
 * dropped, a bare `?` kept, `/` when the path is empty. Accepts absolute URLs,
 * `//authority/...` and paths; works on the raw string, so no encoding is
 * changed before normalisation.
 */
export function pathAndQuery(url: string | URL): string {
  if (typeof url !== 'string') return pathAndQuery(url.href);
  let start = 0;
  if (url.charCodeAt(0) === 47) {
    if (url.charCodeAt(1) === 47) start = authorityEnd(url, 2);
  } else {
    const colon = schemeEnd(url);
    if (colon > 0 && url.charCodeAt(colon + 1) === 47 && url.charCodeAt(colon + 2) === 47) {
      start = authorityEnd(url, colon + 3);
    }
  }
  let end = url.indexOf('#', start);
  if (end < 0) end = url.length;
  if (url.charCodeAt(start) !== 47) return '/' + url.slice(start, end);
  return start === 0 && end === url.length ? url : url.slice(start, end);
}

// The index of the `:` ending an RFC 3986 scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), or -1.
function schemeEnd(url: string): number {
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    const lower = code | 0x20;
    if (lower >= 97 && lower <= 122) continue;
    if (i > 0 && ((code >= 48 && code <= 57) || code === 43 || code === 45 || code === 46)) continue;
    return code === 58 && i > 0 ? i : -1;
  }
  return -1;
}

function authorityEnd(url: string, from: number): number {
  for (let i = from; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code === 47 || code === 63 || code === 35) return i;
  }
  return url.length;
}
