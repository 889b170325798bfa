// Time per call of the origin and response signal parsers (ai.txt, TDMRep,
// page signals). No npm package reads these signals, so there is no baseline
// row: the figures are for the READMEs and for spotting regressions.
// Run: pnpm bench signals
import { readFileSync } from 'node:fs';
import { parseAiTxt } from '@optout/aitxt';
import { parseRsl, readPage } from '@optout/page';
import { cascade, parseTdmrepFile, readPdf, readTdmHeaders, readTdmHtml } from '@optout/tdmrep';
import { pdfWithXmp, xmpPacket } from '../packages/tdmrep/test/builders.js';
import { type Row, report, row, timeIt } from './lib/measure.js';

const fixture = (path: string) => readFileSync(new URL(`../packages/${path}`, import.meta.url));

/** A row for `runs` calls of `fn`, timed per call. */
function perCall(scenario: string, runs: number, fn: (i: number) => unknown): Row {
  return row(
    scenario,
    'optout',
    timeIt(() => {
      let last: unknown;
      for (let i = 0; i < runs; i++) last = fn(i);
      return last;
    }, runs),
  );
}

function aitxtRows(): Row[] {
  const generated = fixture('aitxt/test/fixtures/images-allowed-ai.txt');
  const aitxt = parseAiTxt(generated);
  const crafted = 'User-Agent: *\n' + 'Disallow: /*a*a*a*a*a*a*a*a*b\n'.repeat(17_000);
  const hostile = parseAiTxt(crafted);
  const longPath = '/' + 'a'.repeat(2000);
  return [
    perCall('ai.txt: parse the generator file (134 rules)', 200, () => parseAiTxt(generated)),
    perCall('ai.txt: statements() per URL', 200_000, (i) => aitxt.statements(`/g/cat${i}.png`)),
    perCall('ai.txt: parse 500 KiB of wildcard rules', 3, () => parseAiTxt(crafted)),
    perCall('ai.txt: explain() on it, 2,000-char path', 3, () => hostile.explain(longPath)),
  ];
}

function tdmrepRows(): Row[] {
  const rules = Array.from({ length: 50 }, (_, i) => ({
    location: `/section-${i}/*.html$`,
    'tdm-reservation': i % 2,
  }));
  rules.push({ location: '/', 'tdm-reservation': 1 });
  const json = JSON.stringify(rules);
  const file = parseTdmrepFile(json);
  const urls = Array.from({ length: 1000 }, (_, i) => `https://example.org/section-${i % 60}/page-${i}.html`);
  const headers = { 'tdm-reservation': '1', 'tdm-policy': 'https://example.org/p.json' };
  const page = `<html><head><meta name="tdm-reservation" content="1"></head><body>${'<p>x</p>'.repeat(10_000)}`;
  const pdf = pdfWithXmp(xmpPacket('<tdm:reservation>1</tdm:reservation>'));
  const steps = { file: file.lookup('/x'), header: readTdmHeaders(headers).value };
  return [
    perCall('tdmrep.json: parse 51 rules', 2000, () => parseTdmrepFile(json)),
    perCall('tdmrep.json: lookup, 51 rules', 200_000, (i) => file.lookup(urls[i % urls.length]!)),
    perCall('tdmrep.json: match (both orders)', 200_000, (i) => file.match(urls[i % urls.length]!)),
    perCall('tdmrep: headers', 200_000, () => readTdmHeaders(headers)),
    perCall('tdmrep: HTML meta, 90 KB page', 2000, () => readTdmHtml(page)),
    perCall('tdmrep: PDF XMP, tiny PDF', 5000, () => readPdf(pdf)),
    perCall('tdmrep: cascade, two steps', 200_000, () => cascade(steps)),
  ];
}

function pageRows(): Row[] {
  const html = fixture('page/test/fixtures/html/tdm-meta-reserved.html');
  const big = `<html><head>${'<meta name="x" content="y">'.repeat(50)}</head><body>${'<p>x</p>'.repeat(500_000)}`;
  const headers: [string, string][] = [
    ['X-Robots-Tag', 'googlebot: noindex, noai'],
    ['Content-Usage', 'train-ai=n, search=y'],
    ['Content-Signal', 'ai-train=no, search=yes'],
    ['Link', '</l.xml>; rel="license"; type="application/rsl+xml"'],
  ];
  const rsl = fixture('page/test/fixtures/rsl/multi-content.xml');
  const url = 'https://s.example/';
  return [
    perCall('page: headers only', 20_000, () => readPage({ url, headers })),
    perCall('page: fixture HTML + headers', 2000, () => readPage({ url, headers, html })),
    perCall('page: 4 MB HTML (cut at the head)', 20, () => readPage({ html: big })),
    perCall('page: RSL document, 4 contents', 2000, () =>
      parseRsl(rsl, { target: 'https://publisher.example/press/x' }),
    ),
  ];
}

report('signals', [...aitxtRows(), ...tdmrepRows(), ...pageRows()]);
