// The directive keys robots.txt parsing recognises, and the misspellings that
// lenient parsing accepts for them. One table, so strict and lenient parsing
// differ in exactly one place.

/** What a line's key names. `other` lines are passed on with their key. */
export type KeyKind = 'user-agent' | 'allow' | 'disallow' | 'sitemap' | 'other';

const EXACT: [string, KeyKind][] = [
  ['user-agent', 'user-agent'],
  ['allow', 'allow'],
  ['disallow', 'disallow'],
  ['sitemap', 'sitemap'],
];

// Lenient (robots): frequent typos seen in real files, accepted as the key
// they were meant to be (the same list as the Google reference parser).
const TYPOS: [string, KeyKind][] = [
  ['useragent', 'user-agent'],
  ['user agent', 'user-agent'],
  ['dissallow', 'disallow'],
  ['dissalow', 'disallow'],
  ['disalow', 'disallow'],
  ['diasllow', 'disallow'],
  ['disallaw', 'disallow'],
  ['site-map', 'sitemap'],
];

/** How a key reads: its kind, and whether it was a tolerated typo. */
export interface KeyReading {
  readonly kind: KeyKind;
  readonly typo: boolean;
}

const OTHER: KeyReading = { kind: 'other', typo: false };
const read =
  (typo: boolean) =>
  ([key, kind]: [string, KeyKind]): [string, KeyReading] => [key, { kind, typo }];
const LENIENT = new Map([...EXACT.map(read(false)), ...TYPOS.map(read(true))]);

const BY_LENGTH = new Map<number, [string, KeyReading][]>();
for (const entry of LENIENT)
  BY_LENGTH.set(entry[0].length, [...(BY_LENGTH.get(entry[0].length) ?? []), entry]);

// Case-insensitive comparison in place: letters of `word` (lower case) also
// accept their upper-case form (`| 0x20`); other characters must be equal.
function sameKey(text: string, from: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = text.charCodeAt(from + i);
    const want = word.charCodeAt(i);
    if (code !== want && (want < 97 || want > 122 || (code | 0x20) !== want)) return false;
  }
  return true;
}

/**
 * The reading of the key `text[from, to)`, compared case-insensitively where
 * it stands: a file of known keys costs no string per key. Returns shared objects.
 */
export function classifyKey(text: string, from: number, to: number, lenient: boolean): KeyReading {
  const candidates = BY_LENGTH.get(to - from);
  if (!candidates) return OTHER;
  for (let i = 0; i < candidates.length; i++) {
    const [word, reading] = candidates[i]!;
    if ((lenient || !reading.typo) && sameKey(text, from, word)) return reading;
  }
  return OTHER;
}

/** Keys that other specifications define; they are not reported as unknown. */
export const KNOWN_OTHER_KEYS: ReadonlySet<string> = new Set([
  'content-usage',
  'content-signal',
  'license',
  'crawl-delay',
  'host',
  'clean-param',
  'noindex',
  'request-rate',
  'visit-time',
]);

const SUGGESTIONS = [
  'user-agent',
  'allow',
  'disallow',
  'sitemap',
  'crawl-delay',
  'content-usage',
  'content-signal',
];

// Edit distance, capped: keys are short, and anything further than `limit` is not a typo.
function withinDistance(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]! <= limit;
}

/** The directive an unknown key was probably meant to be (`desallow` → `disallow`), if any. */
export function suggestKey(key: string): string | undefined {
  if (key.length > 20) return undefined;
  return SUGGESTIONS.find((known) => withinDistance(key, known, known.length > 5 ? 2 : 1));
}
