import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  genAudioCodeV0,
  genDataCodeV0,
  genImageCodeV0,
  genInstanceCodeV0,
  genIsccCodeV0,
  genMetaCodeV0,
  genMixedCodeV0,
  genTextCodeV0,
  genVideoCodeV0,
} from '../src/index.js';

// iscc-core conformance vectors (ISO 24138), see fixtures/SOURCES.md.
const data = JSON.parse(readFileSync(new URL('./fixtures/data.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, { inputs: unknown[]; outputs: Record<string, unknown> }>
>;

// "stream:<hex>" inputs are fed as a stream of small chunks, as the reference reads them.
async function* stream(hex: string): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(hex, 'hex');
  for (let at = 0; at < bytes.length; at += 1000) yield new Uint8Array(bytes.subarray(at, at + 1000));
}

const arg = (value: unknown): unknown =>
  typeof value === 'string' && value.startsWith('stream:') ? stream(value.slice('stream:'.length)) : value;

type Fn = (...args: never[]) => unknown;
const FUNCTIONS: Record<string, Fn> = {
  gen_meta_code_v0: genMetaCodeV0,
  gen_text_code_v0: genTextCodeV0,
  gen_image_code_v0: genImageCodeV0,
  gen_audio_code_v0: genAudioCodeV0,
  gen_video_code_v0: genVideoCodeV0,
  gen_mixed_code_v0: genMixedCodeV0,
  gen_data_code_v0: genDataCodeV0,
  gen_instance_code_v0: genInstanceCodeV0,
  gen_iscc_code_v0: genIsccCodeV0,
};

describe('ISO 24138 conformance vectors (iscc-core data.json)', () => {
  const cases = Object.entries(data)
    .filter(([name]) => name !== '_metadata')
    .flatMap(([fn, vectors]) => Object.entries(vectors).map(([name, v]) => ({ fn, name, ...v })));

  it('covers all 50 vectors of 9 functions', () => {
    expect(cases).toHaveLength(50);
    expect(new Set(cases.map((c) => c.fn))).toEqual(new Set(Object.keys(FUNCTIONS)));
  });

  it.each(cases)('$fn $name', async ({ fn, inputs, outputs }) => {
    const run = FUNCTIONS[fn]!;
    const result = await run(...(inputs.map(arg) as never[]));
    expect(result).toStrictEqual(outputs);
  });
});
