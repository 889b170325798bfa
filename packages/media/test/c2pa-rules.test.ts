import { readMedia } from '@optout/media';
import { describe, expect, test } from 'vitest';
import { jpeg, type ManifestSpec, png, store, tdm } from './build.js';

const read = (...manifests: ManifestSpec[]) => readMedia(png(store(...manifests)));
const ACTIONS = { label: 'c2pa.actions', data: { actions: [{ action: 'c2pa.created' }] } };
const codes = (r: ReturnType<typeof readMedia>) => r.diagnostics.map((d) => d.code);
const brief = (r: ReturnType<typeof readMedia>) => r.statements.map((s) => `${s.category}=${s.value}`).sort();

describe('training-mining assertion (WORKS §1.1)', () => {
  test('CAWG label with cawg.* keys: each entry maps to its category', () => {
    const r = read({
      assertions: [
        ACTIONS,
        tdm('cawg.training-mining', {
          'cawg.ai_training': { use: 'notAllowed' },
          'cawg.ai_generative_training': { use: 'notAllowed' },
          'cawg.ai_inference': { use: 'allowed' },
          'cawg.data_mining': { use: 'notAllowed' },
        }),
      ],
    });
    expect(brief(r)).toEqual(['ai-input=allow', 'tdm=disallow', 'train-ai=disallow', 'train-genai=disallow']);
    expect(r.statements.every((s) => s.source === 'c2pa')).toBe(true);
  });

  test('C2PA 1.x label c2pa.training-mining with c2pa.* keys is read too', () => {
    const r = read({
      assertions: [tdm('c2pa.training-mining', { 'c2pa.ai_training': { use: 'notAllowed' } })],
    });
    expect(r.statements[0]).toMatchObject({
      category: 'train-ai',
      value: 'disallow',
      label: 'notAllowed',
      evidence: { path: 'c2pa.training-mining/c2pa.ai_training', raw: '{"use":"notAllowed"}' },
    });
  });

  test('key namespaces can mix: normalised on the suffix after the dot', () => {
    const r = read({
      assertions: [tdm('cawg.training-mining', { 'c2pa.data_mining': { use: 'notAllowed' } })],
    });
    expect(brief(r)).toEqual(['tdm=disallow']);
  });

  test('C2PA label rules: an instance suffix (__1) is the same assertion type', () => {
    const r = read({
      assertions: [
        tdm('cawg.training-mining', { 'cawg.ai_inference': { use: 'allowed' } }),
        tdm('cawg.training-mining__1', { 'cawg.ai_training': { use: 'notAllowed' } }),
      ],
    });
    expect(r.manifest?.trainingMining.map((a) => a.label)).toEqual([
      'cawg.training-mining',
      'cawg.training-mining__1',
    ]);
    expect(brief(r)).toEqual(['ai-input=allow', 'train-ai=disallow']);
  });

  test('C2PA 1.4 CDDL form: entries at the top level beside metadata', () => {
    const r = read({
      assertions: [
        {
          label: 'c2pa.training-mining',
          data: { 'c2pa.ai_generative_training': { use: 'notAllowed' }, metadata: { dateTime: 'x' } },
        },
      ],
    });
    expect(brief(r)).toEqual(['train-genai=disallow']);
  });

  test('constrained reads as disallow and keeps constraint_info', () => {
    const r = read({
      assertions: [
        tdm('cawg.training-mining', {
          'cawg.ai_training': { use: 'constrained', constraint_info: 'Licence at https://x.example/l' },
        }),
      ],
    });
    expect(r.statements[0]).toMatchObject({ category: 'train-ai', value: 'disallow', label: 'constrained' });
    expect(r.statements[0]!.note).toContain('Licence at https://x.example/l');
    expect(r.manifest?.trainingMining[0]?.entries[0]?.constraintInfo).toBe('Licence at https://x.example/l');
  });

  test('the prose spelling constraints_info is accepted too', () => {
    const r = read({
      assertions: [
        tdm('cawg.training-mining', { 'cawg.ai_training': { use: 'constrained', constraints_info: 'ask' } }),
      ],
    });
    expect(r.manifest?.trainingMining[0]?.entries[0]?.constraintInfo).toBe('ask');
  });

  test('a missing entry is unknown, not allowed: no statement for it', () => {
    const r = read({
      assertions: [tdm('cawg.training-mining', { 'cawg.ai_inference': { use: 'notAllowed' } })],
    });
    expect(r.statements.map((s) => s.category)).toEqual(['ai-input']);
  });

  test('a custom entry key is kept in the summary but gives no statement', () => {
    const r = read({
      assertions: [tdm('cawg.training-mining', { 'com.example.ocr': { use: 'notAllowed' } })],
    });
    expect(r.statements).toEqual([]);
    expect(r.manifest?.trainingMining[0]?.entries[0]).toMatchObject({
      key: 'com.example.ocr',
      use: 'notAllowed',
    });
    expect(codes(r)).toContain('c2pa.training-mining-custom');
  });

  test('an unknown use value is a warning and no statement', () => {
    const r = read({ assertions: [tdm('cawg.training-mining', { 'cawg.ai_training': { use: 'maybe' } })] });
    expect(r.statements).toEqual([]);
    expect(codes(r)).toContain('c2pa.training-mining-value');
  });

  test('an entry without "use" is malformed', () => {
    const r = read({ assertions: [tdm('cawg.training-mining', { 'cawg.ai_training': 'notAllowed' })] });
    expect(r.statements).toEqual([]);
    expect(codes(r)).toContain('c2pa.training-mining-malformed');
  });

  test('a CBOR map with integer keys (legal CBOR) still decodes', () => {
    const r = read({
      assertions: [
        tdm(
          'cawg.training-mining',
          { 'cawg.ai_training': { use: 'notAllowed' } },
          { metadata: new Map([[1, 'x']]) },
        ),
      ],
    });
    expect(brief(r)).toEqual(['train-ai=disallow']);
  });

  test('a JSON content box is read like CBOR', () => {
    const r = read({
      assertions: [
        {
          label: 'cawg.training-mining',
          json: true,
          data: { entries: { 'cawg.data_mining': { use: 'notAllowed' } } },
        },
      ],
    });
    expect(brief(r)).toEqual(['tdm=disallow']);
  });

  test('both labels present and disagreeing: both are reported (most restrictive wins in decide)', () => {
    const r = read({
      assertions: [
        tdm('c2pa.training-mining', { 'c2pa.ai_training': { use: 'allowed' } }),
        tdm('cawg.training-mining', { 'cawg.ai_training': { use: 'notAllowed' } }),
      ],
    });
    expect(brief(r)).toEqual(['train-ai=allow', 'train-ai=disallow']);
    expect(codes(r)).toContain('media.conflict');
  });

  test('other assertions whose label merely contains training-mining are ignored', () => {
    const r = read({
      assertions: [tdm('com.example.training-mining', { 'cawg.ai_training': { use: 'notAllowed' } })],
    });
    expect(r.manifest?.trainingMining).toEqual([]);
  });
});

describe('manifest store (WORKS §1.3)', () => {
  test('only the active (last) manifest counts; an ingredient manifest is not merged', () => {
    const r = read(
      { assertions: [tdm('cawg.training-mining', { 'cawg.ai_training': { use: 'notAllowed' } })] },
      { assertions: [ACTIONS] },
    );
    expect(r.manifest).toMatchObject({
      manifestCount: 2,
      activeLabel: 'urn:c2pa:00000000-0000-4000-8000-000000000001',
    });
    expect(r.statements).toEqual([]);
  });

  test('the training-mining of other manifests is reported separately, without statements', () => {
    const r = read(
      { assertions: [tdm('cawg.training-mining', { 'cawg.ai_training': { use: 'notAllowed' } })] },
      { assertions: [ACTIONS] },
    );
    expect(r.manifest?.otherManifests).toMatchObject([
      {
        label: 'urn:c2pa:00000000-0000-4000-8000-000000000000',
        trainingMining: [{ label: 'cawg.training-mining' }],
      },
    ]);
    expect(r.statements).toEqual([]);
  });

  test('claim v1 lists hashed URIs under "assertions"', () => {
    const r = read({ claimVersion: 1, assertions: [tdm('c2pa.training-mining', {}), ACTIONS] });
    expect(r.manifest?.claimVersion).toBe(1);
    expect(r.integrity).toBe('hash-ok');
    expect(
      read({ claimVersion: 1, assertions: [tdm('c2pa.training-mining', {})], tamper: 'c2pa.training-mining' })
        .integrity,
    ).toBe('hash-mismatch');
  });

  test('integrity: an edited training-mining assertion is a hash mismatch by default', () => {
    const spec = {
      assertions: [tdm('cawg.training-mining', { 'cawg.ai_training': { use: 'notAllowed' } }), ACTIONS],
    };
    expect(read(spec).integrity).toBe('hash-ok');
    const r = read({ ...spec, tamper: 'cawg.training-mining' });
    expect(r.integrity).toBe('hash-mismatch');
    expect(r.manifest?.assertions).toEqual([
      { label: 'cawg.training-mining', integrity: 'hash-mismatch' },
      { label: 'c2pa.actions', integrity: 'unchecked' },
    ]);
    expect(codes(r)).toContain('c2pa.hash-mismatch');
  });

  test('a statement from an edited assertion says so', () => {
    const r = read({
      // The tamper flips the last byte: here the last letter of constraint_info.
      assertions: [
        tdm('cawg.training-mining', { 'cawg.ai_training': { use: 'notAllowed', constraint_info: 'x' } }),
      ],
      tamper: 'cawg.training-mining',
    });
    expect(r.statements[0]?.note).toContain('no longer matches its claim hash');
  });

  test('checkHashes default ("training-mining"): other assertions are not re-hashed; "all" re-hashes them', () => {
    const bytes = png(
      store({ assertions: [tdm('cawg.training-mining', {}), ACTIONS], tamper: 'c2pa.actions' }),
    );
    expect(readMedia(bytes).integrity).toBe('hash-ok');
    expect(readMedia(bytes, { checkHashes: 'training-mining' }).integrity).toBe('hash-ok');
    const all = readMedia(bytes, { checkHashes: 'all' });
    expect(all.integrity).toBe('hash-mismatch');
    expect(all.manifest?.assertions).toEqual([
      { label: 'cawg.training-mining', integrity: 'hash-ok' },
      { label: 'c2pa.actions', integrity: 'hash-mismatch' },
    ]);
    expect(readMedia(bytes, { checkHashes: 'none' }).integrity).toBe('not-checked');
  });

  test('checkHashes default, manifest without training-mining: its smallest assertion is re-hashed, integrity not-checked', () => {
    const big = { label: 'c2pa.thumbnail.claim.jpeg', data: { image: new Uint8Array(4096) } };
    const r = read({ assertions: [big, ACTIONS], tamper: 'c2pa.thumbnail.claim.jpeg' });
    expect(r.manifest?.assertions).toEqual([
      { label: 'c2pa.thumbnail.claim.jpeg', integrity: 'unchecked' },
      { label: 'c2pa.actions', integrity: 'hash-ok' },
    ]);
    // Integrity speaks for the statements' assertions; there are none here.
    expect(r.integrity).toBe('not-checked');
    expect(read({ assertions: [big, ACTIONS], tamper: 'c2pa.thumbnail.claim.jpeg' }).statements).toEqual([]);
    const all = readMedia(png(store({ assertions: [big, ACTIONS], tamper: 'c2pa.thumbnail.claim.jpeg' })), {
      checkHashes: 'all',
    });
    expect(all.integrity).toBe('hash-mismatch');
  });

  test('a pre-1.0 store (assertions hashed the old way) is rejected by default, with or without training-mining', () => {
    for (const assertions of [[ACTIONS], [tdm('cawg.training-mining', {}), ACTIONS]]) {
      const r = read({ assertions, legacyHashes: true });
      expect(r.manifest).toBeUndefined();
      expect(codes(r)).toContain('c2pa.prerelease');
      expect(r.statements).toEqual([]);
    }
  });

  test('checkHashes: an unknown scope is a programmer error', () => {
    const bytes = png(store({ assertions: [ACTIONS] }));
    expect(() => readMedia(bytes, { checkHashes: 'some' as never })).toThrow(
      expect.objectContaining({ code: 'OPTOUT_ERR_INVALID_ARG' }),
    );
  });

  test('an assertion the claim does not list is reported as not-in-claim', () => {
    const r = read({ assertions: [ACTIONS, { ...tdm('cawg.training-mining', {}), unclaimed: true }] });
    expect(r.manifest?.assertions[1]).toEqual({ label: 'cawg.training-mining', integrity: 'not-in-claim' });
  });

  test('a compressed (c2cm) manifest is reported, not read', () => {
    const r = read({ kind: 'c2cm', assertions: [ACTIONS] });
    expect(codes(r)).toContain('c2pa.compressed-manifest');
  });

  test('a store that is not a c2pa superbox gives a diagnostic and no manifest', () => {
    const r = readMedia(jpeg(new Uint8Array([0, 0, 0, 16, 0x6a, 0x75, 0x6d, 0x62, 1, 2, 3, 4, 5, 6, 7, 8])));
    expect(r.manifest).toBeUndefined();
  });
});
