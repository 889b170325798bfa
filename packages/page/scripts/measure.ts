// Rough timings for the README and reports:
//   node --conditions=@optout/source --import tsx packages/page/scripts/measure.ts
import { readFileSync } from 'node:fs';
import { parseRsl, readPage } from '../src/index.js';

const time = <T>(runs: number, fn: () => T): number => {
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - start) / runs;
};

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url));
const html = fixture('html/tdm-meta-reserved.html');
const big = `<html><head>${'<meta name="x" content="y">'.repeat(50)}</head><body>${'<p>x</p>'.repeat(500_000)}`;
const headers: [string, string][] = [
  ['X-Robots-Tag', 'googlebot: noindex, noai'],
  ['Content-Usage', 'train-ai=n, search=y'],
  ['Content-Signal', 'ai-train=no, search=yes'],
  ['Link', '</l.xml>; rel="license"; type="application/rsl+xml"'],
];
const rsl = fixture('rsl/multi-content.xml');
console.log({
  'readPage, headers only, µs': (
    time(20_000, () => readPage({ url: 'https://s.example/', headers })) * 1000
  ).toFixed(1),
  'readPage, fixture HTML + headers, ms': time(2_000, () =>
    readPage({ url: 'https://s.example/', headers, html }),
  ).toFixed(3),
  'readPage, 4 MB HTML (head cut), ms': time(50, () => readPage({ html: big })).toFixed(2),
  'parseRsl, 4-content fixture, ms': time(2_000, () =>
    parseRsl(rsl, { target: 'https://publisher.example/press/x' }),
  ).toFixed(3),
});
