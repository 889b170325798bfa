import { OptoutError } from '@optout/core';
import { describe, expect, it } from 'vitest';
import { genMetaCodeV0 } from '../src/index.js';

describe('Meta-Code edge cases (iscc-core code_meta.py semantics)', () => {
  it('an empty metadata object or string counts as no metadata, as Python "if meta:" does', () => {
    const plain = genMetaCodeV0('Hello', 'World');
    expect(genMetaCodeV0('Hello', 'World', {})).toStrictEqual(plain);
    expect(genMetaCodeV0('Hello', 'World', '')).toStrictEqual(plain);
  });

  it('a percent-encoded data URL is hashed by its decoded bytes, the same as its base64 form', () => {
    const base64 = genMetaCodeV0('Hello', '', `data:application/json;base64,${btoa('{"a":1}')}`);
    const percent = genMetaCodeV0('Hello', '', 'data:application/json,%7B%22a%22%3A1%7D');
    expect(percent.iscc).toBe(base64.iscc);
    expect(percent.metahash).toBe(base64.metahash);
  });

  it('a name that is empty after normalisation, or metadata over 128,000 bytes, is an invalid argument', () => {
    expect(() => genMetaCodeV0(' \u0000\t ')).toThrow(OptoutError);
    expect(() => genMetaCodeV0('x', '', { big: 'a'.repeat(128_001) })).toThrow(/exceeds 128000 bytes/);
  });
});
