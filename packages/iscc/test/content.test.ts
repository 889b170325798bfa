import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { genAudioCodeV0, genMixedCodeV0, genVideoCodeV0, isccDecode, textTrim } from '../src/index.js';

describe('Video-Code', () => {
  const frame = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 380, maxLength: 380 });

  it('depends on the set of distinct frames only: order and repeats do not matter', () => {
    fc.assert(
      fc.property(fc.array(frame, { minLength: 1, maxLength: 6 }), (frames) => {
        const shuffled = [...frames].reverse();
        expect(genVideoCodeV0([...shuffled, frames[0]!], 256)).toEqual(genVideoCodeV0(frames, 256));
      }),
      { numRuns: 30 },
    );
  });

  it('needs at least one frame', () => {
    expect(() => genVideoCodeV0([])).toThrow(/at least one frame/);
  });
});

describe('Audio-Code', () => {
  it('shorter codes are prefixes of longer ones (parts are concatenated, then cut to the bits)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 50 }),
        (values) => {
          const body = (bits: number) => isccDecode(genAudioCodeV0(values, bits).iscc).body;
          expect(body(256).subarray(0, 8)).toEqual(body(64));
          expect(body(256).subarray(0, 16)).toEqual(body(128));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('Mixed-Code', () => {
  it('rejects fewer than two codes, non-Content-Codes and codes shorter than the bits asked for', () => {
    expect(() => genMixedCodeV0(['EUA6GIKXN42IQV3S'])).toThrow(/at least two/);
    expect(() => genMixedCodeV0(['EUA6GIKXN42IQV3S', 'AAAYPXW445FTYNJ3'])).toThrow(/not a Content-Code/);
    expect(() => genMixedCodeV0(['EUA6GIKXN42IQV3S', 'EIAUKMOUIOYZCKA5'], 128)).toThrow(/shorter than 128/);
  });
});

describe('textTrim (Python encode → cut → decode "ignore" → strip)', () => {
  it('keeps at most n UTF-8 bytes, never splits a character, and returns a prefix of the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.integer({ min: 0, max: 80 }),
        (text, n) => {
          const trimmed = textTrim(text, n);
          expect(new TextEncoder().encode(trimmed).length).toBeLessThanOrEqual(n);
          expect(text.trimStart().startsWith(trimmed) || trimmed === '').toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
