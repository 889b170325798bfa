import { decide } from '@optout/core';
import { DATA_MINING_CODES, readMedia } from '@optout/media';
import { describe, expect, test } from 'vitest';
import { ascii, jpeg, png, xmpApp1, xmpPacket } from './build.js';
import { fixture, json } from './helpers.js';

interface XmpCase {
  file: string;
  dataMining: string;
  otherConstraints?: string;
  tdm?: { reservation: number; policy: string };
  'train-ai': 'allow' | 'disallow';
}
interface VocabularyEntry {
  code: string;
  label: string;
  reading: Record<string, string>;
}

const PLUS_NS = 'xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/"';
const readXmp = (xmp: string) => readMedia(png(undefined, xmp));
const verdict = (r: ReturnType<typeof readMedia>, purpose: 'train-ai' | 'train-genai' | 'tdm' | 'search') =>
  decide({ url: 'file:x', agent: 'AnyBot', purpose, statements: r.statements }).status;

describe.each(json<{ cases: XmpCase[] }>('./fixtures/xmp/expected.json').cases)('XMP fixture $file', (c) => {
  // The packets are fed as bytes of an unknown container: the fallback scan finds them.
  const r = readMedia(fixture(`xmp/${c.file}`), { fileName: c.file });

  test('plus:DataMining is read by namespace URI, whatever the prefix or value form', () => {
    expect(r.xmp?.dataMining?.code).toBe(c.dataMining);
  });

  test('plus:OtherConstraints text is reported', () => {
    expect(r.xmp?.otherConstraints).toBe(c.otherConstraints);
  });

  test('TDMRep tdm:reservation / tdm:policy are read', () => {
    if (c.tdm) expect(r.xmp?.tdm).toMatchObject(c.tdm);
    else expect(r.xmp?.tdm).toBeUndefined();
  });

  test('combined train-ai result (most restrictive across iptc and tdmrep.xmp)', () => {
    expect(verdict(r, 'train-ai')).toBe(`${c['train-ai']}ed`);
  });

  test('a disagreement between signals is reported as a conflict', () => {
    const values = new Map<string, Set<string>>();
    for (const s of r.statements) values.set(s.category, (values.get(s.category) ?? new Set()).add(s.value));
    const conflicting = [...values.values()].some((v) => v.size > 1);
    expect(r.diagnostics.some((d) => d.code === 'media.conflict')).toBe(conflicting);
  });

  test('statements carry evidence: the property as written and the file', () => {
    for (const s of r.statements) {
      expect(['iptc', 'tdmrep.xmp']).toContain(s.source);
      expect(s.evidence.path).toMatch(/:(DataMining|reservation)$/);
      expect(s.evidence.url).toBe(c.file);
    }
  });
});

describe('PLUS Data Mining vocabulary (SIGNALS §8.1)', () => {
  const vocabulary = json<{ values: VocabularyEntry[] }>(
    './fixtures/xmp/iptc-plus-datamining-vocabulary.json',
  ).values;

  test('all nine codes are known, with the vocabulary labels', () => {
    expect(vocabulary).toHaveLength(9);
    for (const v of vocabulary) expect(DATA_MINING_CODES[v.code]?.label).toBe(v.label);
  });

  test.each(vocabulary)('$code reads as the vocabulary suggests', (v) => {
    const r = readXmp(
      xmpPacket('', `${PLUS_NS} plus:DataMining="http://ns.useplus.org/ldf/vocab/${v.code}"`),
    );
    for (const [category, reading] of Object.entries(v.reading)) {
      if (category === 'details') continue;
      const purposes =
        category === 'all' ? (['tdm', 'train-ai', 'train-genai'] as const) : [category as 'tdm'];
      // "disallow (conservative) / unknown (strict)": we read strictly.
      const want = reading.startsWith('disallow (conservative)') ? 'unknown' : reading;
      for (const p of purposes) {
        expect(verdict(r, p), `${v.code} ${p}`).toBe(want === 'unknown' ? 'unknown' : `${want}ed`);
      }
    }
  });

  test('"see ..." codes point at where the details are, with the OtherConstraints text', () => {
    const r = readXmp(
      xmpPacket(
        '<plus:DataMining>DMI-PROHIBITED-SEECONSTRAINT</plus:DataMining><plus:OtherConstraints><rdf:Alt><rdf:li xml:lang="de">Nur Forschung</rdf:li><rdf:li xml:lang="x-default">Research only</rdf:li></rdf:Alt></plus:OtherConstraints>',
        PLUS_NS,
      ),
    );
    expect(r.statements[0]?.note).toBe('details in plus:OtherConstraints: Research only');
  });

  test('value forms: bare code and ExifTool label are accepted', () => {
    expect(
      readXmp(xmpPacket('<plus:DataMining>DMI-PROHIBITED-AIMLTRAINING</plus:DataMining>', PLUS_NS)).xmp
        ?.dataMining?.code,
    ).toBe('DMI-PROHIBITED-AIMLTRAINING');
    const label = readXmp(
      xmpPacket('<plus:DataMining>Prohibited for Generative AI/ML training</plus:DataMining>', PLUS_NS),
    );
    expect(label.xmp?.dataMining?.code).toBe('DMI-PROHIBITED-GENAIMLTRAINING');
  });

  test('an unknown value is a warning, no statement', () => {
    const r = readXmp(xmpPacket('<plus:DataMining>DMI-WHATEVER</plus:DataMining>', PLUS_NS));
    expect(r.statements).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toContain('iptc.unknown-value');
  });

  test('a prefix bound to another namespace is not PLUS', () => {
    const r = readXmp(
      xmpPacket(
        '<plus:DataMining>DMI-PROHIBITED</plus:DataMining>',
        'xmlns:plus="http://example.com/other/"',
      ),
    );
    expect(r.xmp?.dataMining).toBeUndefined();
  });
});

describe('TDMRep in XMP', () => {
  test('both namespace forms: http://www.w3.org/ns/tdmrep/ and ...#', () => {
    for (const ns of ['http://www.w3.org/ns/tdmrep/', 'http://www.w3.org/ns/tdmrep#']) {
      const r = readXmp(xmpPacket('<t:reservation>1</t:reservation>', `xmlns:t="${ns}"`));
      expect(r.statements).toMatchObject([{ category: 'tdm', value: 'disallow', source: 'tdmrep.xmp' }]);
      expect(r.xmp?.tdm?.namespace).toBe(ns);
    }
  });

  test('reservation 0 is an allow; the policy is kept', () => {
    const r = readXmp(
      xmpPacket(
        '',
        'xmlns:tdm="http://www.w3.org/ns/tdmrep/" tdm:reservation="0" tdm:policy="https://p.example/policy"',
      ),
    );
    expect(r.statements).toMatchObject([
      { category: 'tdm', value: 'allow', note: 'tdm-policy: https://p.example/policy' },
    ]);
  });

  test('a reservation other than 0 or 1 is invalid: diagnostic, no statement', () => {
    const r = readXmp(
      xmpPacket('<tdm:reservation>yes</tdm:reservation>', 'xmlns:tdm="http://www.w3.org/ns/tdmrep/"'),
    );
    expect(r.statements).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toContain('tdmrep.invalid-value');
  });
});

describe('dcterms:provenance (C2PA §11.5 remote manifest)', () => {
  const prov = (uri: string) =>
    xmpPacket('', `xmlns:dcterms="http://purl.org/dc/terms/" dcterms:provenance="${uri}"`);

  test('a remote URI without an embedded store is returned as a reference', () => {
    const r = readMedia(jpeg(undefined, { app1: [xmpApp1(prov('https://m.example/store.c2pa'))] }));
    expect(r.remote).toEqual([{ url: 'https://m.example/store.c2pa', via: 'xmp' }]);
    expect(r.manifest).toBeUndefined();
  });

  test('a self#jumbf= URI points into the file itself: no remote reference', () => {
    const r = readMedia(jpeg(undefined, { app1: [xmpApp1(prov('self#jumbf=/c2pa/x/c2pa.claim'))] }));
    expect(r.remote).toBeUndefined();
  });
});

describe('XMP parsing safety', () => {
  test('a DOCTYPE (entity expansion) is refused', () => {
    const bomb = `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>${xmpPacket('<plus:DataMining>&b;</plus:DataMining>', PLUS_NS)}`;
    const r = readMedia(png(undefined, bomb));
    expect(r.diagnostics.map((d) => d.code)).toContain('xmp.doctype');
    expect(r.statements).toEqual([]);
  });

  test('malformed XML gives no exception', () => {
    const broken =
      '<x:xmpmeta xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/"><plus:DataMining <<<< </x:xmpmeta>';
    expect(() => readMedia(ascii(broken))).not.toThrow();
  });
});
