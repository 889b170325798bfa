// Property tests: whatever the bytes, the readers return diagnostics, never
// throw, and stay within their time and size limits.

import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parsePolicy,
  parseTdmrepFile,
  readEpub,
  readPdf,
  readTdmHeaders,
  readTdmHtml,
  readXmpTdm,
  type TdmReading,
} from '../src/index.js';
import { containerXml, epubZip, opf3, pdfWithCompressedXmp, pdfWithXmp, xmpPacket } from './builders.js';

const dir = new URL('./fixtures/', import.meta.url);
const filesIn = (folder: string) =>
  readdirSync(new URL(folder, dir))
    .filter((name) => name !== 'expected.json')
    .map((name) => new Uint8Array(readFileSync(new URL(`${folder}/${name}`, dir))));

const RUNS = { numRuns: 200 };

// Random edits of a seed: flipped bytes, cuts and inserted runs.
function mutated(seeds: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const edit = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('flip', 'cut', 'insert'),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  });
  return fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { maxLength: 6 })).map(([seed, edits]) => {
    let out = seed;
    for (const e of edits) {
      const at = out.length ? e.at % out.length : 0;
      if (e.kind === 'flip' && out.length) {
        out = out.slice();
        out[at] = e.bytes[0]!;
      } else if (e.kind === 'cut') out = out.subarray(0, at);
      else out = new Uint8Array([...out.subarray(0, at), ...e.bytes, ...out.subarray(at)]);
    }
    return out;
  });
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytesOrMutated = (seeds: Uint8Array[]) => fc.oneof(fc.uint8Array({ maxLength: 2048 }), mutated(seeds));

function wellFormed(reading: TdmReading): void {
  expect([0, 1, undefined]).toContain(reading.value?.reservation);
  if (reading.value)
    expect(reading.value.reservation !== undefined || reading.value.policy !== undefined).toBe(true);
  for (const d of reading.diagnostics) expect(d.code).toMatch(/^tdmrep\./);
}

function timed<T>(limitMs: number, run: () => T): T {
  const started = performance.now();
  const out = run();
  expect(performance.now() - started).toBeLessThan(limitMs);
  return out;
}

describe('robustness (fast-check)', () => {
  const tdmrepSeeds = filesIn('tdmrep');

  it('tdmrep.json: random and mutated files in both modes never throw; lookups neither', () => {
    const url = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string({ maxLength: 64 }),
    );
    fc.assert(
      fc.property(
        bytesOrMutated(tdmrepSeeds),
        fc.constantFrom('strict', 'lenient'),
        url,
        (bytes, mode, target) => {
          const file = timed(200, () => parseTdmrepFile(bytes, { mode: mode as 'strict' | 'lenient' }));
          for (const d of file.diagnostics) expect(d.code).toMatch(/^tdmrep\./);
          if (file.valid) expect(file.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
          const match = file.match(target);
          expect(file.lookup(target)).toBe(match.value);
        },
      ),
      RUNS,
    );
  });

  it('tdmrep.json: any JSON value is read without throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('strict', 'lenient'), (value, mode) => {
        const file = parseTdmrepFile(JSON.stringify(value) ?? 'null', { mode: mode as 'strict' | 'lenient' });
        for (const rule of file.rules) expect([0, 1]).toContain(rule.reservation);
      }),
      RUNS,
    );
  });

  it('tdmrep.json: a crafted 500 KiB file of wildcard rules keeps lookups fast', () => {
    const rule = JSON.stringify({ location: `/${'*a'.repeat(40)}*b$`, 'tdm-reservation': 1 });
    const rules = Array.from({ length: Math.floor(500_000 / (rule.length + 1)) }, () => rule);
    const file = parseTdmrepFile(`[${rules.join(',')}]`);
    expect(file.rules.length).toBeGreaterThan(1000);
    const url = `https://example.org/${'a'.repeat(2000)}`;
    timed(1000, () => file.match(url));
  });

  it('tdmrep.json: a 500 KiB lenient path-keyed map and deep nesting parse within limits', () => {
    const keys = Array.from({ length: 12_000 }, (_, i) => `"/p${i}/":{"tdm-reservation":true}`);
    const map = timed(1000, () => parseTdmrepFile(`{${keys.join(',')}}`, { mode: 'lenient' }));
    expect(map.rules.length).toBe(12_000);
    const deep = timed(1000, () => parseTdmrepFile(`${'['.repeat(200_000)}${']'.repeat(200_000)}`));
    expect(deep.rules).toEqual([]);
  });

  it('headers: arbitrary field lines never throw', () => {
    const pair = fc.tuple(
      fc.constantFrom('tdm-reservation', 'TDM-Reservation', 'tdm-policy', 'x-other'),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 6 }), (pairs) => wellFormed(readTdmHeaders(pairs))),
      RUNS,
    );
  });

  it('HTML: random and mutated documents never throw', () => {
    fc.assert(
      fc.property(bytesOrMutated(filesIn('html')), (bytes) =>
        wellFormed(timed(500, () => readTdmHtml(bytes))),
      ),
      RUNS,
    );
  });

  it('XMP: random and mutated packets never throw', () => {
    fc.assert(
      fc.property(bytesOrMutated(filesIn('xmp')), (bytes) =>
        wellFormed(timed(500, () => readXmpTdm(text(bytes)))),
      ),
      RUNS,
    );
  });

  it('PDF: random and mutated files never throw', () => {
    const xmp = xmpPacket('<tdm:reservation>1</tdm:reservation>');
    fc.assert(
      fc.property(bytesOrMutated([pdfWithXmp(xmp), pdfWithCompressedXmp(xmp)]), (bytes) =>
        wellFormed(timed(500, () => readPdf(bytes))),
      ),
      RUNS,
    );
  });

  it('EPUB: random and mutated zips never throw', () => {
    const epub = epubZip({
      'META-INF/container.xml': containerXml('b.opf'),
      'b.opf': opf3('<meta property="tdm:reservation">1</meta>'),
    });
    fc.assert(
      fc.property(bytesOrMutated([epub]), (bytes) => wellFormed(timed(500, () => readEpub(bytes)))),
      RUNS,
    );
  });

  it('policy: random and mutated documents and any JSON never throw', () => {
    const seeds = filesIn('tdm-policy');
    const input = fc.oneof(
      bytesOrMutated(seeds),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
    );
    fc.assert(
      fc.property(input, fc.constantFrom('strict', 'lenient'), (doc, mode) => {
        const report = timed(200, () => parsePolicy(doc, { mode: mode as 'strict' | 'lenient' }));
        expect(report.valid).toBe(!report.diagnostics.some((d) => d.severity === 'error'));
        for (const d of report.diagnostics) expect(d.code).toMatch(/^tdm-policy\./);
      }),
      RUNS,
    );
  });
});
