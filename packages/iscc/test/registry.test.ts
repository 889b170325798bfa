import { StatementSchema } from '@optout/core/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeComponent,
  genIsccCodeV0,
  HammingIndex,
  IsccRegistry,
  loadRegistry,
  MainType,
  matchStatements,
  parseDeclarations,
  SubType,
} from '../src/index.js';
import { random } from './helpers/images.js';

/** 8 bytes from a seed, with `flips` chosen bits inverted. */
function body(seed: number, flips: number[] = []): Uint8Array {
  const rnd = random(seed);
  const out = Uint8Array.from({ length: 8 }, () => Math.floor(rnd() * 256));
  for (const bit of flips) out[bit >> 3]! ^= 0x80 >> (bit & 7);
  return out;
}

const unit = (type: number, sub: number, bytes: Uint8Array) => encodeComponent(type, sub, 0, 64, bytes);
/** An ISCC-CODE of an image: content, data and instance units from seeds (and flipped bits). */
function imageCode(
  content: Uint8Array,
  data: Uint8Array,
  instance: Uint8Array,
  sub: number = SubType.IMAGE,
): string {
  return genIsccCodeV0([
    unit(MainType.CONTENT, sub, content),
    unit(MainType.DATA, 0, data),
    unit(MainType.INSTANCE, 0, instance),
  ]).iscc;
}

const WORK = imageCode(body(1), body(2), body(3));
const line = (record: object) => JSON.stringify(record);

describe('declarations JSONL', () => {
  it('reads the nested form, the flat TDM·AI form and the TDMRep form with their envelope', () => {
    const text = [
      line({
        iscc: WORK,
        declaration: { 'train-ai': 'false' },
        declarer: 'did:web:a.example',
        time: '2025-01-02T00:00:00Z',
        source: 'https://registry.example',
      }),
      line({ version: '1.0', iscc: WORK, all: 'false', 'ai-use': 'true', search: 'true' }),
      line({
        iscc: WORK,
        'tdm-reservation': 1,
        'tdm-policy': 'https://a.example/policy.json',
        timestamp: 1735776000000,
      }),
    ].join('\n');
    const { declarations, diagnostics } = parseDeclarations(text);
    expect(diagnostics).toEqual([]);
    expect(declarations.map((d) => [d.line, d.pointer, d.usage, d.tdmReservation])).toEqual([
      [1, '/declaration', { 'train-ai': false }, undefined],
      [2, '', { all: false, 'ai-use': true, search: true }, undefined],
      [3, '', {}, 1],
    ]);
    expect(declarations[0]).toMatchObject({
      declarer: 'did:web:a.example',
      source: 'https://registry.example',
    });
    expect(declarations[2]).toMatchObject({
      tdmPolicy: 'https://a.example/policy.json',
      time: '2025-01-02T00:00:00.000Z',
    });
  });

  it('bad lines are skipped with a diagnostic that names their line; blank and # lines are ignored', () => {
    const text = [
      '# a comment',
      '{not json',
      line({ declaration: { all: 'false' } }),
      line({ iscc: 'ISCC:NOTACODE', all: 'false' }),
      line({ iscc: WORK }),
      '',
      line({ iscc: WORK, all: 'no' }),
      line({ iscc: WORK, 'tdm-reservation': 2 }),
      '[1,2]',
      line({ iscc: WORK, all: 'false' }),
    ].join('\n');
    const { declarations, diagnostics } = parseDeclarations(text);
    expect(declarations.map((d) => d.line)).toEqual([10]);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.line, d.code])).toEqual([
      [2, 'iscc.registry.invalid-json'],
      [3, 'iscc.registry.missing-iscc'],
      [4, 'iscc.registry.invalid-iscc'],
      [5, 'iscc.registry.no-declaration'],
      [7, 'iscc.registry.invalid-usage'],
      [7, 'iscc.registry.no-declaration'],
      [8, 'iscc.registry.invalid-reservation'],
      [8, 'iscc.registry.no-declaration'],
      [9, 'iscc.registry.not-object'],
    ]);
  });

  it('lenient: boolean usage values and a string tdm-reservation load with a warning; unknown keys warn', () => {
    const { declarations, diagnostics } = parseDeclarations(
      [
        line({ iscc: WORK, 'train-genai': false, colour: 'red' }),
        line({ iscc: WORK, 'tdm-reservation': '1' }),
      ].join('\n'),
    );
    expect(declarations.map((d) => [d.usage, d.tdmReservation])).toEqual([
      [{ 'train-genai': false }, undefined],
      [{}, 1],
    ]);
    expect(diagnostics.map((d) => [d.line, d.severity, d.code])).toEqual([
      [1, 'warning', 'iscc.registry.boolean-usage'],
      [1, 'warning', 'iscc.registry.unknown-key'],
      [2, 'warning', 'iscc.registry.string-reservation'],
    ]);
  });
});

describe('robustness', () => {
  it('a line longer than 1 MiB is skipped with a diagnostic, not parsed', () => {
    const code = imageCode(body(1), body(2), body(3));
    const long = JSON.stringify({ iscc: code, all: 'false', summary: 'x'.repeat(1 << 20) });
    const { declarations, diagnostics } = parseDeclarations([
      long,
      JSON.stringify({ iscc: code, all: 'false' }),
    ]);
    expect(declarations).toHaveLength(1);
    expect(declarations[0]!.line).toBe(2);
    expect(diagnostics).toMatchObject([{ code: 'iscc.registry.line-too-long', severity: 'error', line: 1 }]);
    expect(diagnostics[0]!.raw!.length).toBeLessThan(300);
  });

  it('parseDeclarations never throws, whatever the lines hold', () => {
    const base32 = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.split('')),
      maxLength: 70,
    });
    const value = fc.oneof(
      fc.string(),
      base32.map((c) => `ISCC:${c}`),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const record = fc.dictionary(
      fc.constantFrom('iscc', 'all', 'train-ai', 'tdm-reservation', 'declaration', 'time', 'intent'),
      value,
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.jsonValue().map((v) => JSON.stringify(v)),
            record.map((r) => JSON.stringify(r)),
          ),
        ),
        (lines) => {
          const registry = new IsccRegistry();
          expect(() => registry.load(lines)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('registry matching', () => {
  const near = imageCode(body(1, [3, 17, 40]), body(20), body(30)); // content 3 bits away, other units unrelated
  const far = imageCode(body(1, [0, 5, 9, 14, 22, 27, 33, 38, 44, 49, 55, 60]), body(21), body(31)); // 12 bits away
  const { registry, diagnostics } = loadRegistry(
    [
      line({ iscc: WORK, declaration: { 'train-genai': 'false' }, declarer: 'did:web:a.example' }),
      line({ iscc: imageCode(body(7), body(8), body(9)), all: 'false' }),
      line({ iscc: imageCode(body(1), body(12), body(13), SubType.TEXT), all: 'false' }),
    ].join('\n'),
    { url: 'file:///registry.jsonl' },
  );

  it('loads every good line', () => {
    expect(diagnostics).toEqual([]);
    expect(registry.size).toBe(3);
  });

  it('exact: the declared ISCC-CODE matches with distance 0 (in any spelling)', () => {
    const [match, ...rest] = registry.match(WORK.toLowerCase().replace('iscc:', ''));
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ exact: true, distance: 0, declaration: { line: 1 } });
    expect(match!.units.map((u) => [u.unit, u.distance])).toEqual([
      ['CONTENT-IMAGE', 0],
      ['DATA', 0],
      ['INSTANCE', 0],
    ]);
  });

  it('near: a Content-Code 3 bits away matches on that unit only; a text code with the same bits does not', () => {
    const matches = registry.match(near);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({
      exact: false,
      distance: 3,
      units: [{ unit: 'CONTENT-IMAGE', distance: 3 }],
    });
  });

  it('far: 12 bits away is beyond the default threshold (10) but found with a threshold of 12', () => {
    expect(registry.match(far)).toEqual([]);
    expect(registry.nearest(far, { thresholds: { CONTENT: 12 } })).toMatchObject({ distance: 12 });
  });

  it('exact lookups also work for declared codes too short (32 bits) to index by similarity', () => {
    const short = `ISCC:${encodeComponent(MainType.META, 0, 0, 32, body(77))}`;
    const { registry: reg } = loadRegistry([
      line({ iscc: short, all: 'false' }),
      line({ iscc: WORK, all: 'false' }),
    ]);
    expect(reg.match(short).map((m) => [m.exact, m.declaration.line])).toEqual([[true, 1]]);
    expect(reg.match(WORK).map((m) => [m.exact, m.declaration.line])).toEqual([[true, 2]]);
  });

  it('a query that is not an ISCC, or a threshold outside 0–64, is a programmer error', () => {
    expect(() => registry.match('not a code')).toThrow(/not an ISCC/);
    expect(() => registry.match(WORK, { thresholds: { CONTENT: -1 } })).toThrow(/bad CONTENT threshold/);
    expect(() => registry.match(WORK, { thresholds: { DATA: 2.5 } })).toThrow(/bad DATA threshold/);
  });

  it('units can be queried on their own, and unlisted unit types are not compared', () => {
    const instance = unit(MainType.INSTANCE, 0, body(3));
    expect(registry.match(instance)[0]).toMatchObject({
      declaration: { line: 1 },
      units: [{ unit: 'INSTANCE' }],
    });
    expect(registry.match(instance, { thresholds: { CONTENT: 10 } })).toEqual([]);
  });

  it('statements: the declaration mapped onto categories, with the line, pointer, registry and distance as evidence', () => {
    const statements = matchStatements(registry.match(near));
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(StatementSchema.parse(statement)).toEqual(statement);
    expect(statement).toMatchObject({
      category: 'train-genai',
      value: 'disallow',
      source: 'iscc-registry',
      scope: {},
      label: 'train-genai=false',
      evidence: { line: 1, pointer: '/declaration/train-genai', url: 'file:///registry.jsonl' },
    });
    expect(statement!.evidence.raw).toContain('did:web:a.example');
    expect(statement!.note).toMatch(/similarity match: CONTENT-IMAGE distance 3\/64 .*did:web:a\.example/);
  });

  it('statements: every usage key and tdm-reservation map onto optout categories', () => {
    const reg = new IsccRegistry();
    reg.load(
      [
        line({
          iscc: WORK,
          all: 'false',
          'train-ai': 'false',
          'train-genai': 'false',
          'ai-use': 'true',
          search: 'true',
        }),
        line({ iscc: WORK, 'tdm-reservation': 1, 'tdm-policy': 'https://a.example/p' }),
        line({ iscc: WORK, 'tdm-reservation': 0 }),
      ].join('\n'),
    );
    const statements = matchStatements(reg.match(WORK));
    expect(statements.map((s) => `${s.category}:${s.value}`)).toEqual([
      'tdm:disallow',
      'train-ai:disallow',
      'train-genai:disallow',
      'ai-input:allow',
      'search:allow',
      'tdm:disallow',
      'tdm:allow',
    ]);
    expect(statements[5]!.note).toContain('TDM policy https://a.example/p');
  });
});

describe('updates, supersession and revocation (TDM·AI intent + reference)', () => {
  const first = line({ id: 'd1', iscc: WORK, 'train-ai': 'false', declarer: 'did:web:a.example' });

  it('a later declaration by the same declarer marks the referenced one superseded; its statements never decide', () => {
    const { registry, diagnostics } = loadRegistry(
      [
        first,
        line({
          id: 'd2',
          intent: 'update',
          reference: 'd1',
          iscc: WORK,
          'train-ai': 'true',
          declarer: 'did:web:a.example',
        }),
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    const statements = matchStatements(registry.match(WORK));
    expect(statements.map((s) => [s.value, s.supersededBy])).toEqual([
      ['disallow', 'd2'],
      ['allow', undefined],
    ]);
    expect(statements[0]!.note).toContain('superseded by d2');
  });

  it('a declaration by someone else cannot supersede it', () => {
    const { registry } = loadRegistry(
      [
        first,
        line({
          id: 'x',
          intent: 'supersede',
          reference: 'd1',
          iscc: WORK,
          all: 'true',
          declarer: 'did:web:other.example',
        }),
      ].join('\n'),
    );
    expect(registry.match(WORK).map((m) => m.supersededBy)).toEqual([undefined, undefined]);
  });

  it('revoke: a line with no usage keys is valid and withdraws the referenced declaration', () => {
    const { registry, diagnostics } = loadRegistry(
      [first, line({ intent: 'revoke', reference: 'd1', iscc: WORK, declarer: 'did:web:a.example' })].join(
        '\n',
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(matchStatements(registry.match(WORK)).map((s) => s.supersededBy)).toEqual(['line 2']);
  });

  it('an unknown intent, or a replacing intent without reference, is a warning', () => {
    const { diagnostics } = parseDeclarations(
      [
        line({ iscc: WORK, all: 'false', intent: 'erase' }),
        line({ iscc: WORK, all: 'false', intent: 'update' }),
      ].join('\n'),
    );
    expect(diagnostics.map((d) => [d.line, d.code])).toEqual([
      [1, 'iscc.registry.invalid-intent'],
      [2, 'iscc.registry.missing-reference'],
    ]);
  });
});

describe('multi-index hashing', () => {
  it('finds exactly what a linear scan finds, for thresholds 0 to 24', () => {
    const rnd = random(42);
    const index = new HammingIndex();
    const codes: [number, number][] = [];
    for (let i = 0; i < 5000; i++) {
      // Clusters: many codes are a few bits from an earlier one, as near-duplicate works are.
      const base: [number, number] =
        i > 0 && rnd() < 0.5 ? codes[Math.floor(rnd() * codes.length)]! : [rnd() * 2 ** 32, rnd() * 2 ** 32];
      const hi = (base[0] ^ (rnd() < 0.5 ? 1 << Math.floor(rnd() * 32) : 0)) >>> 0;
      const lo = (base[1] ^ (rnd() < 0.5 ? 1 << Math.floor(rnd() * 32) : 0)) >>> 0;
      codes.push([hi, lo]);
      index.add(hi, lo, i);
    }
    for (const threshold of [0, 1, 3, 4, 7, 10, 15, 24]) {
      for (let q = 0; q < 30; q++) {
        const [hi, lo] = codes[Math.floor(rnd() * codes.length)]!;
        const queryHi = (hi ^ (1 << Math.floor(rnd() * 32))) >>> 0;
        const found: string[] = [];
        const scanned: string[] = [];
        index.search(queryHi, lo, threshold, (id, d) => found.push(`${id}:${d}`));
        index.scan(queryHi, lo, threshold, (id, d) => scanned.push(`${id}:${d}`));
        expect(found.sort()).toEqual(scanned.sort());
      }
    }
  });

  it('registry.match and registry.matchByScan agree', () => {
    const reg = new IsccRegistry();
    for (let i = 0; i < 500; i++) {
      reg.load(
        [line({ iscc: imageCode(body(i % 50, [i % 64]), body(1000 + i), body(2000 + i)), all: 'false' })],
        i + 1,
      );
    }
    for (let q = 0; q < 20; q++) {
      const query = imageCode(body(q, [q, (q * 7) % 64]), body(1000 + q), body(5000 + q));
      expect(reg.match(query)).toEqual(reg.matchByScan(query));
    }
  });
});
