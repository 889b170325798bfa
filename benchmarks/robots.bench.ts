// @optout/robots against robots-parser 3.0.1, side by side in one process, on
// the inputs of ROBOTS.md "Speed of the incumbents": a realistic ~6 KB file, a
// ~500 KiB file, 10,000 random URL strings (75% known agents), and adversarial
// files of wildcard rules checked against a 2,000-character path.
// Run: pnpm bench robots
import { parseRobots } from '@optout/robots';
import robotsParserModule from 'robots-parser';
import { type Row, report, row, sink, timeIt } from './lib/measure.js';
import { picker, seededRandom } from './lib/random.js';

interface Baseline {
  isAllowed(url: string, ua?: string): boolean | undefined;
}
// The package's type declarations describe no callable default export under NodeNext.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Baseline;

const ORIGIN = 'https://www.example.com';
const ROBOTS_URL = `${ORIGIN}/robots.txt`;

const rand = seededRandom(9309);
const pick = picker(rand);

const AGENTS = [
  'Googlebot',
  'Bingbot',
  'GPTBot',
  'ClaudeBot',
  'CCBot',
  'Google-Extended',
  'Applebot',
  'Applebot-Extended',
  'PerplexityBot',
  'Bytespider',
  'Amazonbot',
  'YandexBot',
  'Baiduspider',
  'DuckDuckBot',
  'facebookexternalhit',
  'Slurp',
  'AhrefsBot',
  'SemrushBot',
  'MJ12bot',
  'DotBot',
  'OAI-SearchBot',
  'ChatGPT-User',
  'meta-externalagent',
  'cohere-ai',
  'Diffbot',
  'omgili',
  'ImagesiftBot',
  'Timpibot',
  'YouBot',
];
const SEGMENTS = [
  'search',
  'admin',
  'cart',
  'account',
  'api',
  'wp-admin',
  'tag',
  'print',
  'private',
  'cgi-bin',
  'news',
  'img',
];

function rulePattern(prefix: string): string {
  const a = pick(SEGMENTS);
  const b = pick(SEGMENTS);
  switch (Math.floor(rand() * 6)) {
    case 0:
      return `${prefix}/${a}/`;
    case 1:
      return `${prefix}/*/${a}*.php$`;
    case 2:
      return `${prefix}/*?${b}=`;
    case 3:
      return `${prefix}/${a}/*/${b}`;
    case 4:
      return `${prefix}/*.${pick(['pdf', 'gif', 'json', 'xml'])}$`;
    default:
      return `${prefix}/${a}?sort=*&page=`;
  }
}

/** 20 groups, 30 user-agent lines, 204 rules (with `*`, `$`, queries), crawl delays, sitemaps. */
function syntheticFile(copy = 0): string {
  const prefix = copy === 0 ? '' : `/c${copy}`;
  const lines: string[] = [`# synthetic robots.txt ${copy}`];
  let agentIndex = 0;
  let rules = 0;
  for (let g = 0; g < 20; g++) {
    const agentCount = g < 10 ? 2 : 1;
    lines.push('');
    for (let i = 0; i < agentCount; i++)
      lines.push(`User-agent: ${g === 19 ? '*' : AGENTS[agentIndex++ % AGENTS.length]}`);
    const ruleCount = g < 4 ? 11 : 10;
    for (let r = 0; r < ruleCount; r++, rules++)
      lines.push(`${rand() < 0.3 ? 'Allow' : 'Disallow'}: ${rulePattern(prefix)}`);
    if (g % 5 === 0) lines.push(`Crawl-delay: ${1 + (g % 4)}`);
  }
  lines.push('', `Sitemap: ${ORIGIN}/sitemap${copy}.xml`, `Sitemap: ${ORIGIN}/news-sitemap${copy}.xml`);
  if (copy === 0 && rules !== 204) throw new Error(`expected 204 rules, built ${rules}`);
  return lines.join('\n') + '\n';
}

function randomUrls(count: number): { url: string; agent: string }[] {
  const out: { url: string; agent: string }[] = [];
  for (let i = 0; i < count; i++) {
    const depth = 1 + Math.floor(rand() * 4);
    let path = '';
    for (let d = 0; d < depth; d++)
      path += '/' + (rand() < 0.7 ? pick(SEGMENTS) : Math.floor(rand() * 1e6).toString(36));
    if (rand() < 0.3) path += pick(['.php', '.pdf', '.html', '.gif']);
    if (rand() < 0.3) path += `?${pick(SEGMENTS)}=${Math.floor(rand() * 100)}&sort=asc&page=2`;
    const agent = rand() < 0.75 ? pick(AGENTS.slice(0, 20)) : `UnknownBot${Math.floor(rand() * 50)}`;
    out.push({ url: ORIGIN + path, agent });
  }
  return out;
}

const small = syntheticFile();
const large = Array.from({ length: 82 }, (_, copy) => syntheticFile(copy)).join('\n');
const urls = randomUrls(10_000);

const rows: Row[] = [];
const ratio = (baseline: number, ours: number) => (baseline / ours).toFixed(1) + 'x';

// Parsing.
for (const [name, text] of [
  ['parse ~6 KB (20 groups, 204 rules)', small],
  ['parse ~500 KiB (synthetic x82)', large],
] as const) {
  const ops = text === small ? 200 : 3;
  const ours = timeIt(() => {
    let last: unknown;
    for (let i = 0; i < ops; i++) last = parseRobots(text);
    return last;
  }, ops);
  const theirs = timeIt(() => {
    let last: unknown;
    for (let i = 0; i < ops; i++) last = robotsParser(ROBOTS_URL, text);
    return last;
  }, ops);
  const extra = { bytes: text.length };
  rows.push(row(name, '@optout/robots', ours, { ...extra, speedup: ratio(theirs, ours) }));
  rows.push(row(name, 'robots-parser 3.0.1', theirs, extra));
}

// Checks on URL strings: the per-call cost with the file already parsed.
for (const [name, text] of [
  ['isAllowed, 10,000 URLs, ~6 KB file', small],
  ['isAllowed, 10,000 URLs, ~500 KiB file', large],
] as const) {
  const ours = parseRobots(text);
  const theirs = robotsParser(ROBOTS_URL, text);
  let disagree = 0;
  let disallowed = 0;
  for (const { url, agent } of urls) {
    const a = ours.isAllowed(url, agent);
    if (a !== theirs.isAllowed(url, agent)) disagree++;
    if (!a) disallowed++;
  }
  // One loop per subject, so neither call site sees the other's objects (a
  // shared loop would be polymorphic and slow both down).
  const nsOurs = timeIt(() => {
    let allowed = 0;
    for (let i = 0; i < urls.length; i++) if (ours.isAllowed(urls[i]!.url, urls[i]!.agent)) allowed++;
    return allowed;
  }, urls.length);
  const nsTheirs = timeIt(
    () => {
      let allowed = 0;
      for (let i = 0; i < urls.length; i++) if (theirs.isAllowed(urls[i]!.url, urls[i]!.agent)) allowed++;
      return allowed;
    },
    urls.length,
    text === small ? 9 : 3,
    1,
  );
  const extra = { disallowed: `${((disallowed / urls.length) * 100).toFixed(1)}%`, disagreements: disagree };
  rows.push(row(name, '@optout/robots', nsOurs, { ...extra, speedup: ratio(nsTheirs, nsOurs) }));
  rows.push(row(name, 'robots-parser 3.0.1', nsTheirs));
}

// Adversarial: 5,000 rules of 49 wildcards, against a 2,000-character path.
// The third file is aimed at this library's own shortcuts: distinct rules made
// only of the letters the path contains (so the character mask rejects none),
// each failing only after its last piece is searched through the whole path.
const wild = '/' + '*a'.repeat(48) + '*b';
const identical = Array.from({ length: 5000 }, () => `Disallow: ${wild}`);
const distinct = Array.from({ length: 5000 }, (_, i) => `Disallow: ${wild}${i.toString(36)}`);
const binary = (i: number) => i.toString(2).replace(/0/g, 'a').replace(/1/g, 'b');
const hostile = Array.from({ length: 5000 }, (_, i) => `Disallow: ${wild}${binary(i)}`);
const longPath = `${ORIGIN}/${'a'.repeat(2000)}`;
const hostilePath = `${ORIGIN}/b${'a'.repeat(1999)}`;
for (const [name, rules, path] of [
  ['adversarial: 5,000 identical wildcard rules', identical, longPath],
  ['adversarial: 5,000 distinct wildcard rules', distinct, longPath],
  ['adversarial: 5,000 distinct a/b rules, path "/baaa…"', hostile, hostilePath],
] as const) {
  const text = `User-agent: *\n${rules.join('\n')}\n`;
  const ours = parseRobots(text);
  sink(ours.isAllowed(path, 'bot'));
  const nsOurs = timeIt(() => ours.isAllowed(path, 'bot'), 1, 9, 2);
  const theirs = robotsParser(ROBOTS_URL, text);
  // robots-parser takes seconds here: one measured call.
  const start = process.hrtime.bigint();
  sink(theirs.isAllowed(path, 'bot'));
  const nsTheirs = Number(process.hrtime.bigint() - start);
  const extra = { bytes: text.length, 'rules read': ours.truncated ? 'to 500 KiB' : 'all' };
  rows.push(row(name, '@optout/robots', nsOurs, { ...extra, speedup: ratio(nsTheirs, nsOurs) }));
  rows.push(row(name, 'robots-parser 3.0.1 (1 call)', nsTheirs));
}

report('robots', rows);
