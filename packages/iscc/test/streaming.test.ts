import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Blake3,
  blake3,
  DataHasher,
  genDataCodeV0,
  genInstanceCodeV0,
  InstanceHasher,
} from '../src/index.js';
import { random } from './helpers/images.js';

function bytes(seed: number, n: number): Uint8Array {
  const rnd = random(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
}

function* chunks(data: Uint8Array, sizes: number[]): Generator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < data.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield data.subarray(at, at + size);
    at += size;
  }
}

describe('streaming Data-Code and Instance-Code', () => {
  const data = bytes(1, 300_000);

  it('any chunking gives the same codes as the whole buffer (sync iterable)', () => {
    const whole = { data: genDataCodeV0(data, 256), instance: genInstanceCodeV0(data, 256) };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 8 }), (sizes) => {
        expect(genDataCodeV0(chunks(data, sizes), 256)).toEqual(whole.data);
        expect(genInstanceCodeV0(chunks(data, sizes), 256)).toEqual(whole.instance);
      }),
      { numRuns: 40 },
    );
  });

  it('an async stream gives the same codes and returns a promise', async () => {
    async function* stream() {
      yield* chunks(data, [65_536]);
    }
    const pending = genDataCodeV0(stream());
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual(genDataCodeV0(data));
    expect(await genInstanceCodeV0(stream())).toEqual(genInstanceCodeV0(data));
  });

  it('constant memory: the Data hasher never holds more than one maximal chunk (8 KiB) between pushes', () => {
    const hasher = new DataHasher();
    let most = 0;
    for (let i = 0; i < 64 * 16; i++) {
      hasher.push(bytes(i, 65_536).subarray(0, 4_096 + (i % 7) * 9_000));
      most = Math.max(most, hasher.pending);
    }
    expect(most).toBeLessThanOrEqual(8192);
    expect(hasher.result().iscc).toMatch(/^ISCC:GAA/);
  });

  it('interleaved Instance hashers (one shared WASM BLAKE3) each get their own digest', () => {
    const a = new InstanceHasher();
    const b = new InstanceHasher();
    const other = bytes(2, 100_000);
    for (let at = 0; at < 100_000; at += 10_000) {
      a.push(data.subarray(at, at + 10_000));
      blake3(other); // a one-shot hash in between must not disturb either
      b.push(other.subarray(at, at + 10_000));
    }
    expect(a.result(256)).toEqual(genInstanceCodeV0(data.subarray(0, 100_000), 256));
    expect(b.result(256)).toEqual(genInstanceCodeV0(other, 256));
  });

  it('BLAKE3 of "abc" is the published test value', () => {
    const hex = Buffer.from(new Blake3().update(new TextEncoder().encode('abc')).digest()).toString('hex');
    expect(hex).toBe('6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85');
  });
});
