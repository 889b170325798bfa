// Rough figures for the report: node --conditions=@optout/source --import tsx packages/tdmrep/test/perf.ts

import { cascade, parseTdmrepFile, readPdf, readTdmHeaders, readTdmHtml } from '../src/index.js';
import { pdfWithXmp, xmpPacket } from './builders.js';

function measure(label: string, runs: number, run: (i: number) => unknown): void {
  for (let i = 0; i < Math.min(runs, 1000); i++) run(i);
  const started = performance.now();
  for (let i = 0; i < runs; i++) run(i);
  const perCall = ((performance.now() - started) * 1000) / runs;
  console.log(`${label}: ${perCall.toFixed(2)} µs/call (${runs} runs)`);
}

const rules = Array.from({ length: 50 }, (_, i) => ({
  location: `/section-${i}/*.html$`,
  'tdm-reservation': i % 2,
}));
rules.push({ location: '/', 'tdm-reservation': 1 });
const file = parseTdmrepFile(JSON.stringify(rules));
const urls = Array.from(
  { length: 1000 },
  (_, i) => `https://example.org/section-${i % 60}/page-${i}.html?x=${i}`,
);
measure('parseTdmrepFile, 51 rules', 2000, () => parseTdmrepFile(JSON.stringify(rules)));
measure('lookup, 51 rules', 1_000_000, (i) => file.lookup(urls[i % urls.length]!));
measure('match (both orders), 51 rules', 200_000, (i) => file.match(urls[i % urls.length]!));
const headers = { 'tdm-reservation': '1', 'tdm-policy': 'https://example.org/p.json' };
measure('readTdmHeaders', 200_000, () => readTdmHeaders(headers));
const page = `<html><head><meta name="tdm-reservation" content="1"><title>t</title></head><body>${'<p>x</p>'.repeat(10_000)}</body></html>`;
measure('readTdmHtml, 90 KB page', 2000, () => readTdmHtml(page));
const pdf = pdfWithXmp(xmpPacket('<tdm:reservation>1</tdm:reservation>'));
measure('readPdf, tiny PDF', 5000, () => readPdf(pdf));
const steps = { file: file.lookup('/x'), header: readTdmHeaders(headers).value };
measure('cascade, two steps', 200_000, () => cascade(steps));
