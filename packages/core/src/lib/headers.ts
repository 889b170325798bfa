/**
 * Response headers in any of the shapes callers have at hand: a WHATWG
 * `Headers`, undici's `Record<string, string | string[]>`, or a list of
 * `[name, value]` pairs (which keeps repeated field lines apart).
 */
export type HeaderInput =
  | { forEach(callback: (value: string, name: string) => void): void }
  | Record<string, string | readonly string[] | undefined>
  | readonly (readonly [string, string])[];

/**
 * Every field line of `name` (case-insensitive), in order. A WHATWG `Headers`
 * joins repeated lines with ", " and gives them back as one value.
 */
export function headerValues(headers: HeaderInput, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  if (Array.isArray(headers)) {
    for (const [key, value] of headers as readonly (readonly [string, string])[]) {
      if (key.toLowerCase() === wanted) out.push(value);
    }
  } else if (typeof (headers as { forEach?: unknown }).forEach === 'function') {
    (headers as { forEach(cb: (v: string, k: string) => void): void }).forEach((value, key) => {
      if (key.toLowerCase() === wanted) out.push(value);
    });
  } else {
    for (const [key, value] of Object.entries(
      headers as Record<string, string | readonly string[] | undefined>,
    )) {
      if (key.toLowerCase() !== wanted || value === undefined) continue;
      if (typeof value === 'string') out.push(value);
      else out.push(...value);
    }
  }
  return out;
}

/**
 * Parse a raw HTTP response header block (as `curl -i` or `curl -D` prints it)
 * into `[name, value]` pairs. When redirects printed several blocks, the
 * last one wins. A status line is skipped; obsolete line folding is joined;
 * lines without a colon are ignored; a body after the block is not read.
 */
export function parseHeaderBlock(text: string): [string, string][] {
  const out: [string, string][] = [];
  let ended = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^HTTP\/\S+\s+\d{3}/i.test(line)) {
      out.length = 0;
      ended = false;
      continue;
    }
    if (ended) continue;
    if (line === '') {
      ended = out.length > 0;
      continue;
    }
    const last = out[out.length - 1];
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      const more = line.trim();
      if (more) last[1] = last[1] ? `${last[1]} ${more}` : more;
      continue;
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, Math.max(colon, 0)).trim();
    if (name) out.push([name, line.slice(colon + 1).trim()]);
  }
  return out;
}
