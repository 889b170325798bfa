// Rough timings for the README and reports:
//   node --conditions=@optout/source --import tsx packages/aitxt/scripts/measure.ts
import { readFileSync } from 'node:fs';
import { parseAiTxt } from '../src/index.js';

const time = <T>(runs: number, fn: () => T): number => {
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - start) / runs;
};

const generated = readFileSync(new URL('../test/fixtures/images-allowed-ai.txt', import.meta.url));
const aitxt = parseAiTxt(generated);
const crafted = 'User-Agent: *\n' + 'Disallow: /*a*a*a*a*a*a*a*a*b\n'.repeat(17_000);
const hostile = parseAiTxt(crafted);
let n = 0;
console.log({
  'parse generator file (134 rules), ms': time(200, () => parseAiTxt(generated)).toFixed(3),
  'statements() per URL on it, µs': (
    time(200_000, () => aitxt.statements(`/g/cat${n++}.png`)) * 1000
  ).toFixed(2),
  'parse 500 KiB of wildcard rules, ms': time(5, () => parseAiTxt(crafted)).toFixed(1),
  'explain() on it, 2000-char path, ms': time(5, () => hostile.explain('/' + 'a'.repeat(2000))).toFixed(1),
});
