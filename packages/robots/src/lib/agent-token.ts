// How a `User-agent:` value is matched against a caller's product token.
//
// RFC 9309 section 2.2.1: product tokens are `[A-Za-z_-]+` and match
// case-insensitively and exactly. 12% of real files name agents that are not
// valid tokens (`AI2Bot`, `Crawl4AI`, `ChatGPT Agent`, `CCBot/2.0`), so the
// policy for those is deliberate: a group applies when the caller's token
// equals either the whole value (lower-cased, a `/version` suffix stripped)
// or the value's leading `[A-Za-z_-]+` prefix (the Google reference's reading).
// This obeys more groups than either reading alone, which fails closed.

/** Is this `User-agent` value the global `*`? */
export function isGlobalAgent(value: string): boolean {
  if (value === '*') return true;
  // Lenient (robots): `* comment-like text` is still the global agent, as in the Google reference.
  return value.charCodeAt(0) === 42 && (value.charCodeAt(1) === 32 || value.charCodeAt(1) === 9);
}

/** Is the value a valid RFC 9309 product token? */
export function isValidToken(value: string): boolean {
  return value !== '' && tokenPrefixLength(value) === value.length;
}

function tokenPrefixLength(value: string): number {
  let end = 0;
  while (end < value.length && isTokenChar(value.charCodeAt(end))) end++;
  return end;
}

/** The lower-case keys under which a group naming `value` is found (one or two). */
export function agentKeys(value: string): string[] {
  if (isValidToken(value)) return [value.toLowerCase()];
  const slash = value.indexOf('/');
  const full = (slash >= 0 ? value.slice(0, slash) : value).trim().toLowerCase();
  const prefix = value.slice(0, tokenPrefixLength(value)).toLowerCase();
  const keys: string[] = [];
  if (full !== '') keys.push(full);
  if (prefix !== '' && prefix !== full) keys.push(prefix);
  return keys;
}

function isTokenChar(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 97 && lower <= 122) || code === 45 || code === 95;
}
