import { readMedia, readMediaStream } from '@optout/media';
import { describe, expect, test } from 'vitest';
import { cat, id3, png, store, tdm } from './build.js';
import { c2paRows, fixture } from './helpers.js';

/** Yield `bytes` in chunks, counting how many bytes the reader pulled. */
function chunked(bytes: Uint8Array, size: number, pulled: { bytes: number }): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      for (let o = 0; o < bytes.length; o += size) {
        const chunk = bytes.subarray(o, o + size);
        pulled.bytes += chunk.length;
        yield chunk;
      }
    },
  };
}

const STORE = store({
  assertions: [tdm('cawg.training-mining', { 'cawg.ai_training': { use: 'notAllowed' } })],
});

describe('readMediaStream', () => {
  test.each(c2paRows().map((r) => r.file))('gives the same report as readMedia for %s', async (file) => {
    const bytes = fixture(`c2pa/${file}`);
    const report = await readMediaStream(chunked(bytes, 1000, { bytes: 0 }));
    expect(report).toEqual(readMedia(bytes));
  });

  test('JPEG: stops at the first start-of-scan, not reading the image data', async () => {
    const bytes = fixture('c2pa/generated/tdm-cawg-constrained.jpg');
    const pulled = { bytes: 0 };
    const report = await readMediaStream(chunked(bytes, 4096, pulled));
    expect(report.statements).toHaveLength(4);
    expect(pulled.bytes).toBeLessThan(bytes.length);
  });

  test('MP3: stops at the end of the ID3 tag', async () => {
    const bytes = cat(id3(4, STORE), new Uint8Array(500_000));
    const pulled = { bytes: 0 };
    const report = await readMediaStream(chunked(bytes, 4096, pulled));
    expect(report.manifest?.trainingMining).toHaveLength(1);
    expect(pulled.bytes).toBeLessThan(20_000);
  });

  test('maxBytes caps what is read, and says so', async () => {
    const bytes = cat(png(undefined), new Uint8Array(100_000));
    const report = await readMediaStream(chunked(bytes, 4096, { bytes: 0 }), { maxBytes: 10_000 });
    expect(report.diagnostics.map((d) => d.code)).toContain('media.stream-capped');
  });

  test('a web ReadableStream is accepted', async () => {
    const bytes = png(STORE);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    expect((await readMediaStream(stream)).manifest?.trainingMining).toHaveLength(1);
  });
});
