import { type MediaReport, readMedia } from '@optout/media';
import { describe, expect, test } from 'vitest';
import { c2paRows, fixture, parseTdm } from './helpers.js';

// Table-driven: every C2PA fixture gives what SOURCES.md / check-results.json
// document (rows in c2pa-fixtures.json); no file is special-cased here.
const CATEGORY: Record<string, string> = {
  ai_training: 'train-ai',
  ai_generative_training: 'train-genai',
  ai_inference: 'ai-input',
  data_mining: 'tdm',
};
const VALUE: Record<string, string> = { allowed: 'allow', notAllowed: 'disallow', constrained: 'disallow' };

function tdmOf(report: MediaReport): string[] {
  return (report.manifest?.trainingMining ?? []).map((a) => {
    const entries = a.entries
      .map((e) => `${e.key.slice(e.key.indexOf('.') + 1)}=${e.use}${e.constraintInfo ? '+info' : ''}`)
      .sort();
    return `${a.label}{${entries.join(',')}}`;
  });
}

describe.each(c2paRows())('c2pa fixture $file', (row) => {
  const report = readMedia(fixture(`c2pa/${row.file}`), { fileName: row.file });

  test('the container is sniffed by content', () => {
    expect(report.format).toBe(row.format);
  });

  test('the active manifest is found, absent, or rejected as documented', () => {
    expect(report.manifest !== undefined).toBe(row.manifest === 'active');
    if (row.manifest === 'unusable')
      expect(report.diagnostics.map((d) => d.code)).toContain('c2pa.prerelease');
  });

  test('the training-mining assertions match the reference readers', () => {
    expect(tdmOf(report).sort()).toEqual([...row.tdm].sort());
  });

  test('each entry becomes one c2pa statement; missing entries stay unknown', () => {
    const expected = row.tdm.flatMap((text) => {
      const [label, entries] = parseTdm(text);
      return [...entries].map(([key, use]) => ({
        category: CATEGORY[key],
        value: VALUE[use.replace('+info', '')],
        path: label,
        key,
      }));
    });
    const c2pa = report.statements.filter((s) => s.source === 'c2pa');
    expect(c2pa).toHaveLength(expected.length);
    for (const e of expected) {
      const match = c2pa.find(
        (s) => s.evidence.path?.startsWith(`${e.path}/`) && s.evidence.path.endsWith(`.${e.key}`),
      );
      expect(match, `${e.path}/${e.key}`).toMatchObject({ category: e.category, value: e.value });
      expect(match!.evidence.url).toBe(row.file);
    }
  });

  test('integrity, checkHashes "all": every edited assertion is flagged, as the reference readers do', () => {
    const all = readMedia(fixture(`c2pa/${row.file}`), { checkHashes: 'all' });
    expect(all.integrity).toBe(row.integrity);
  });

  test('integrity by default: only the training-mining assertions are re-hashed', () => {
    // In these fixtures every edited assertion of a file with a training-mining
    // assertion is that assertion (tampered-assertion-*); the other mismatches
    // (adobe-20220124-E-uri-CA: c2pa.actions) sit in files without one.
    expect(report.integrity).toBe(row.tdm.length ? row.integrity : 'not-checked');
  });

  test('a remote manifest is returned as a reference, never fetched', () => {
    expect(report.remote?.map((r) => r.url)).toEqual(row.remote ? [row.remote] : undefined);
  });

  test('nothing is validated unless asked', () => {
    expect(report.validation).toBe('not-checked');
  });
});
