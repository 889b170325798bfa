import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  genDataCodeV0,
  genImageCodeV0,
  genInstanceCodeV0,
  genIsccCodeV0,
  genMetaCodeV0,
  genTextCodeV0,
  htmlToText,
  imagePixels,
} from '../src/index.js';
import { decodeImage, detectMediaType, isccForFile, loadRegistryFile } from '../src/node.js';
import { drawImage, toJpeg, toPng } from './helpers/images.js';

const dir = mkdtempSync(join(tmpdir(), 'optout-iscc-'));
function file(name: string, content: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const TEXT = 'Rights reserved. No text and data mining of this work.\n'.repeat(40);

describe('isccForFile', () => {
  it('plain text: Text-Code of the decoded text, Data and Instance of the bytes, composed into the ISCC-CODE', async () => {
    const result = await isccForFile(file('work.txt', TEXT));
    const bytes = new TextEncoder().encode(TEXT);
    const units = [genTextCodeV0(TEXT).iscc, genDataCodeV0(bytes).iscc, genInstanceCodeV0(bytes).iscc];
    expect(result.mediaType).toBe('text/plain');
    expect(result.units.content).toEqual(genTextCodeV0(TEXT));
    expect(result.units.instance).toEqual(genInstanceCodeV0(bytes));
    expect(result.iscc).toBe(genIsccCodeV0(units).iscc);
    expect(result.diagnostics).toEqual([]);
  });

  it('HTML: tags, scripts and styles stripped, so the text code equals that of the visible text', async () => {
    const html = `<!doctype html><html><head><title>t</title><style>p{}</style></head><body><script>var x = 1;</script><p>${TEXT.replace(/\n/g, '</p><p>')}</p><!-- note --></body></html>`;
    const result = await isccForFile(file('page.html', html));
    expect(result.mediaType).toBe('text/html');
    expect(result.units.content?.iscc).toBe(genTextCodeV0(TEXT).iscc);
  });

  it('htmlToText decodes character references and drops comments', () => {
    expect(htmlToText('<p>caf&eacute; &amp; &#233;t&#xE9;<!-- x --></p>').trim()).toBe('caf&eacute; & été');
  });

  it('PNG and JPEG: Image-Code of the decoded pixels; detected by magic bytes whatever the name', async () => {
    const image = drawImage(5);
    const expected = genImageCodeV0(imagePixels(image)).iscc;
    const png = await isccForFile(file('image.bin', toPng(image)));
    expect(png.mediaType).toBe('image/png');
    expect(png.units.content?.iscc).toBe(expected);
    const jpegBytes = toJpeg(image, 90);
    const jpg = await isccForFile(file('photo', jpegBytes));
    expect(jpg.mediaType).toBe('image/jpeg');
    expect(jpg.units.content?.iscc).toBe(
      genImageCodeV0(imagePixels(decodeImage(jpegBytes, 'image/jpeg')!)).iscc,
    );
  });

  it('a stream gives the same result as the path; a file: URL works too', async () => {
    const path = file('stream.txt', TEXT);
    const fromStream = await isccForFile(
      Readable.from([Buffer.from(TEXT.slice(0, 100)), Buffer.from(TEXT.slice(100))]),
      {
        mediaType: 'text/plain',
      },
    );
    expect(fromStream).toEqual(await isccForFile(path));
    expect((await isccForFile(pathToFileURL(path))).iscc).toBe(fromStream.iscc);
  });

  it('other bytes: Data and Instance only (ISCC-CODE SubType SUM); a name adds a Meta-Code', async () => {
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff);
    const path = file('blob.dat', bytes);
    const result = await isccForFile(path);
    expect(result.units.content).toBeUndefined();
    expect(result.iscc).toBe(genIsccCodeV0([genDataCodeV0(bytes).iscc, genInstanceCodeV0(bytes).iscc]).iscc);
    const named = await isccForFile(path, { name: 'A blob' });
    expect(named.units.meta).toEqual(genMetaCodeV0('A blob'));
  });

  it('an undecodable image or a file over the cap gets no Content-Code and says why', async () => {
    const broken = await isccForFile(file('broken.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])));
    expect(broken.units.content).toBeUndefined();
    expect(broken.diagnostics.map((d) => d.code)).toEqual(['iscc.content-undecodable']);
    const big = await isccForFile(file('big.txt', TEXT), { maxContentBytes: 100 });
    expect(big.diagnostics.map((d) => d.code)).toEqual(['iscc.content-too-large']);
  });

  it('detectMediaType: magic bytes first, then the extension', () => {
    expect(detectMediaType(new Uint8Array([0xff, 0xd8, 0xff]), 'x.txt')).toBe('image/jpeg');
    expect(detectMediaType(new Uint8Array([0x3c]), 'x.HTM')).toBe('text/html');
    expect(detectMediaType(new Uint8Array([0x3c]))).toBeUndefined();
  });
});

describe('loadRegistryFile', () => {
  it('streams a JSONL file into a registry; diagnostics keep their line numbers; url defaults to the file URL', async () => {
    const work = await isccForFile(file('declared.txt', TEXT));
    const path = file(
      'declarations.jsonl',
      `# registry\n${JSON.stringify({ iscc: work.iscc, 'train-ai': 'false' })}\r\n{broken\n`,
    );
    const { registry, diagnostics } = await loadRegistryFile(path);
    expect(registry.size).toBe(1);
    expect(diagnostics.map((d) => [d.line, d.code])).toEqual([[3, 'iscc.registry.invalid-json']]);
    expect(registry.nearest(work.iscc)).toMatchObject({ exact: true, registry: pathToFileURL(path).href });
  });
});
