// The directive keys robots.txt parsing recognises, and the misspellings that
// lenient parsing accepts for them. One table, so strict and lenient parsing
// differ in exactly one place.

/** What a line's key names. `other` lines are passed on with their key. */
export type KeyKind = 'user-agent' | 'allow' | 'disallow' | 'sitemap' | 'other';

const EXACT: Record<string, KeyKind> = {
  'user-agent': 'user-agent',
  allow: 'allow',
  disallow: 'disallow',
  sitemap: 'sitemap',
};

// Lenient (robots): frequent typos seen in real files, accepted as the key
// they were meant to be (the same list as the Google reference parser).
const TYPOS: Record<string, KeyKind> = {
  useragent: 'user-agent',
  'user agent': 'user-agent',
  dissallow: 'disallow',
  dissalow: 'disallow',
  disalow: 'disallow',
  diasllow: 'disallow',
  disallaw: 'disallow',
  'site-map': 'sitemap',
};

/** The kind of a key (already lower-cased), and whether it was a tolerated typo. */
export function classifyKey(key: string, lenient: boolean): { kind: KeyKind; typo: boolean } {
  const exact = EXACT[key];
  if (exact) return { kind: exact, typo: false };
  const typo = lenient ? TYPOS[key] : undefined;
  return typo ? { kind: typo, typo: true } : { kind: 'other', typo: false };
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
