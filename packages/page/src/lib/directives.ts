/** One robots directive as found in `X-Robots-Tag` or a robots `<meta>`. */
export interface Directive {
  /** Lower-cased directive name (`noai`, `max-snippet`, ...). */
  name: string;
  /** The product token it is scoped to, as written; absent for everyone. */
  agent?: string;
}

// Directives that take a value after a colon: `max-snippet:50` is a directive,
// not a user-agent prefix (img2dataset gets this wrong, SIGNALS §7.3).
const VALUED = new Set(['max-snippet', 'max-image-preview', 'max-video-preview', 'unavailable_after']);

// A product token: letters, digits and the punctuation seen in real tokens.
const AGENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._\-/ ]*$/;

// The rest of an RFC 850 / RFC 822 date after its comma (`unavailable_after:
// Saturday, 01-Jul-23 15:00:00 PST`): part of the previous directive, and its
// `15:` must not be taken for a user-agent.
const DATE_REST = /^\d{1,2}[- ][A-Za-z]{3}[- ]\d{2,4}/;

/**
 * Split one header line (or one meta content) into directives, per SIGNALS
 * §7.3: split on commas; an item `name: rest` whose name is not a valued
 * directive opens a user-agent scope covering `rest` and the following items
 * up to the next prefix; items before any prefix bind everyone.
 */
export function parseDirectives(value: string, initialAgent?: string): Directive[] {
  const out: Directive[] = [];
  let agent = initialAgent;
  let previous = '';
  for (const piece of value.split(',')) {
    let item = piece.trim();
    if (previous === 'unavailable_after' && DATE_REST.test(item)) continue;
    const colon = item.indexOf(':');
    if (colon > 0) {
      const name = item.slice(0, colon).trim();
      if (!VALUED.has(name.toLowerCase()) && AGENT_NAME.test(name)) {
        agent = name;
        item = item.slice(colon + 1).trim();
      }
    }
    const directive = directiveName(item);
    previous = directive;
    if (directive === '') continue;
    out.push(agent === undefined ? { name: directive } : { name: directive, agent });
  }
  return out;
}

function directiveName(item: string): string {
  const colon = item.indexOf(':');
  return (colon >= 0 ? item.slice(0, colon) : item).trim().toLowerCase();
}
