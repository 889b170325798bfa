import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeBase32,
  decodeHeader,
  decodeUnits,
  encodeBase32,
  encodeHeader,
  encodeUnits,
  genDataCodeV0,
  genInstanceCodeV0,
  genIsccCodeV0,
  isccDecode,
  isccDecompose,
  isccNormalize,
  MainType,
  parseIscc,
  SubType,
  typeName,
} from '../src/index.js';
import { CDC_GEAR, CORE_OPTIONS, MPA, MPB, WTA_VIDEO_ID_PERMUTATIONS } from '../src/lib/constants.js';

describe('base32 (RFC 4648, no padding)', () => {
  it('RFC 4648 §10 test vectors, padding stripped', () => {
    const vectors = {
      '': '',
      f: 'MY',
      fo: 'MZXQ',
      foo: 'MZXW6',
      foob: 'MZXW6YQ',
      fooba: 'MZXW6YTB',
      foobar: 'MZXW6YTBOI',
    };
    for (const [plain, encoded] of Object.entries(vectors)) {
      expect(encodeBase32(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(decodeBase32(encoded))).toBe(plain);
    }
  });

  it('round trip: decode(encode(bytes)) = bytes for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
      }),
    );
  });

  it('decoding accepts lower case and padding, rejects foreign characters and impossible lengths', () => {
    expect(decodeBase32('mzxw6ytboi======')).toEqual(new TextEncoder().encode('foobar'));
    expect(decodeBase32('MZXW1')).toBeUndefined();
    expect(decodeBase32('MZX')).toBeUndefined();
  });
});

describe('header varnibbles', () => {
  it('round trip across every varnibble range boundary (0, 7, 8, 71, 72, 583, 584, 4679)', () => {
    for (const value of [0, 7, 8, 71, 72, 583, 584, 4679]) {
      const header = decodeHeader(encodeHeader(value, 0, 0, value));
      expect(header).toMatchObject({ mainType: value, subType: 0, version: 0, length: value });
    }
  });

  it('round trip: any four fields below 4680', () => {
    const field = fc.integer({ min: 0, max: 4679 });
    fc.assert(
      fc.property(field, field, field, field, (mt, st, v, ln) => {
        expect(decodeHeader(encodeHeader(mt, st, v, ln))).toMatchObject({
          mainType: mt,
          subType: st,
          version: v,
          length: ln,
        });
      }),
    );
  });

  it('a Meta-Code of 64 bits has the header bytes 0x00 0x01 (MT 0, ST 0, V 0, length 64/32-1)', () => {
    expect([...encodeHeader(MainType.META, 0, 0, 1)]).toEqual([0x00, 0x01]);
  });

  it('values beyond 4679 are programmer errors', () => {
    expect(() => encodeHeader(4680, 0, 0, 0)).toThrow(/out of range/);
  });

  it('ISCC-CODE unit table: bit 2 META, bit 1 SEMANTIC, bit 0 CONTENT', () => {
    for (let index = 0; index < 8; index++) expect(encodeUnits(decodeUnits(index))).toBe(index);
    expect(encodeUnits([MainType.META, MainType.CONTENT])).toBe(5);
  });
});

describe('ISCC strings', () => {
  const code = 'ISCC:KACYPXW445FTYNJ3CYSXHAFJMA2HUWULUNRFE3BLHRSCXYH2M5AEGQY';

  it('decompose splits an ISCC-CODE into its 64-bit units, and genIsccCodeV0 puts them back together', () => {
    const units = isccDecompose(code);
    expect(units.map((u) => typeName(isccDecode(u).mainType, isccDecode(u).subType))).toEqual([
      'META',
      'CONTENT-TEXT',
      'DATA',
      'INSTANCE',
    ]);
    expect(units.every((u) => isccDecode(u).bits === 64)).toBe(true);
    expect(genIsccCodeV0(units).iscc).toBe(code);
  });

  it('decompose of a wide ISCC-CODE gives the 128-bit prefixes of its Data and Instance units', () => {
    const bytes = new TextEncoder().encode('wide codes keep 128 bits of data and instance');
    const data = genDataCodeV0(bytes, 256).iscc;
    const instance = genInstanceCodeV0(bytes, 256).iscc;
    const wide = genIsccCodeV0([data, instance], true).iscc;
    expect(isccDecode(wide)).toMatchObject({
      mainType: MainType.ISCC,
      subType: SubType.ISCC_WIDE,
      bits: 256,
    });
    const [dataUnit, instanceUnit] = isccDecompose(wide);
    expect(isccDecode(dataUnit!).body).toEqual(isccDecode(data).body.subarray(0, 16));
    expect(isccDecode(instanceUnit!).body).toEqual(isccDecode(instance).body.subarray(0, 16));
    expect(genIsccCodeV0([data, instance]).iscc).not.toBe(wide); // not asked for: SUM of 64-bit prefixes
  });

  it('decompose of concatenated units returns each unit', () => {
    const units = ['AAAYPXW445FTYNJ3', 'EAARMJLTQCUWAND2'];
    const joined = encodeBase32(new Uint8Array([...decodeBase32(units[0]!)!, ...decodeBase32(units[1]!)!]));
    expect(isccDecompose(joined)).toEqual(units);
  });

  it('normalise: prefix added, case, dashes and white space removed', () => {
    expect(isccNormalize(' iscc:kacy-pxw445ftynj3cysxhafjma2huwulunrfe3blhrscxyh2m5aegqy ')).toBe(code);
    expect(isccNormalize(code.slice(5))).toBe(code);
  });

  it('an ISCC-ID v1 (the iscc-hub draft example) decodes as 64 bits: length field 0 means 64 + 8·0', () => {
    expect(isccDecompose('ISCC:MAIGHFECJMOPMIAB')).toEqual(['MAIGHFECJMOPMIAB']);
    expect(isccDecode('ISCC:MAIGHFECJMOPMIAB')).toMatchObject({
      mainType: MainType.ID,
      subType: 0,
      version: 1,
      length: 0,
      bits: 64,
    });
  });

  it('parseIscc never throws, and every unit it accepts normalises to a code of the same length', () => {
    const base32 = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567-'.split('')),
      maxLength: 80,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          base32,
          base32.map((c) => `ISCC:${c}`),
        ),
        (code) => {
          const parsed = parseIscc(code);
          if (parsed.ok && parsed.value.mainType !== MainType.ISCC)
            expect(isccDecode(isccNormalize(code)).bits).toBe(parsed.value.bits);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('parseIscc reports what is wrong instead of throwing', () => {
    expect(parseIscc('hello world')).toMatchObject({ ok: false });
    expect(parseIscc('ISCC:KACYPXW445FTYNJ3')).toMatchObject({
      ok: false,
      message: /body has 64 bits, header says 256/,
    });
    expect(parseIscc(code)).toMatchObject({ ok: true, value: { mainType: MainType.ISCC, bits: 256 } });
  });
});

describe('constants module', () => {
  it('src/lib/constants.ts holds exactly the tables of fixtures/constants.json (regenerate with scripts/gen-constants.mjs)', () => {
    const json = JSON.parse(readFileSync(new URL('./fixtures/constants.json', import.meta.url), 'utf8'));
    expect(MPA).toEqual(json.minhash.MPA);
    expect(MPB).toEqual(json.minhash.MPB);
    expect(CDC_GEAR).toEqual(json.cdc_gear);
    expect(WTA_VIDEO_ID_PERMUTATIONS).toEqual(json.wta_video_id_permutations);
    expect(CORE_OPTIONS).toEqual(json.core_options_defaults);
  });
});
