import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readEpub, readOpf } from '../src/index.js';
import { containerXml, epubZip, opf2, opf3 } from './builders.js';

const EPUB2_METAS =
  '<meta name="tdm:reservation" content="1"/>\n<meta name="tdm:policy" content="https://publisher.example/p.json"/>';
const EPUB3_METAS =
  '<meta property="tdm:reservation">1</meta>\n<meta property="tdm:policy">https://publisher.example/p.json</meta>';

describe('EPUB', () => {
  it('EPUB 2: meta name/content in the OPF found through container.xml', () => {
    const epub = epubZip({
      'META-INF/container.xml': containerXml('OEBPS/content.opf'),
      'OEBPS/content.opf': opf2(EPUB2_METAS),
    });
    const reading = readEpub(epub, { url: 'book.epub' });
    expect(reading.opfPath).toBe('OEBPS/content.opf');
    expect(reading.value).toMatchObject({
      reservation: 1,
      policy: 'https://publisher.example/p.json',
      source: 'tdmrep.epub',
      evidence: { url: 'book.epub', path: 'OEBPS/content.opf', line: 5 },
    });
    expect(reading.diagnostics).toEqual([]);
  });

  it('EPUB 3: meta property with the tdm prefix declared on the package', () => {
    const epub = epubZip({
      'META-INF/container.xml': containerXml('book.opf'),
      'book.opf': opf3(EPUB3_METAS),
    });
    const reading = readEpub(epub);
    expect(reading.value).toMatchObject({ reservation: 1, policy: 'https://publisher.example/p.json' });
    expect(reading.diagnostics).toEqual([]);
  });

  it('EPUB 3: the prefix is resolved through the package, not taken by name', () => {
    const other = opf3(
      '<meta property="t:reservation">0</meta>',
      'dc: http://purl.org/dc/terms/ t: http://www.w3.org/ns/tdmrep#',
    );
    expect(readOpf(other).value?.reservation).toBe(0);
    const foreign = opf3('<meta property="tdm:reservation">1</meta>', 'tdm: http://example.org/not-tdmrep#');
    expect(readOpf(foreign).value).toBeUndefined();
  });

  it('EPUB 3: an undeclared tdm prefix is read with a warning', () => {
    const reading = readOpf(
      opf3('<meta property="tdm:reservation">1</meta>', 'dc: http://purl.org/dc/terms/'),
    );
    expect(reading.value?.reservation).toBe(1);
    expect(reading.diagnostics.map((d) => d.code)).toEqual(['tdmrep.epub-undeclared-prefix']);
  });

  it('EPUB 3: a meta that refines another element is not about the publication', () => {
    const reading = readOpf(opf3('<meta property="tdm:reservation" refines="#c1">1</meta>'));
    expect(reading.value).toBeUndefined();
    expect(reading.diagnostics.map((d) => d.code)).toEqual(['tdmrep.epub-refines']);
  });

  it('EPUB 3 with EPUB 2 metas for compatibility: equal values are read once', () => {
    const reading = readOpf(opf3(`${EPUB3_METAS}\n${EPUB2_METAS}`));
    expect(reading.value?.reservation).toBe(1);
  });

  it('an invalid value in the OPF is a protocol error', () => {
    const reading = readOpf(opf2('<meta name="tdm:reservation" content="true"/>'));
    expect(reading.value).toBeUndefined();
    expect(reading.diagnostics).toMatchObject([{ code: 'tdmrep.invalid-value', line: 5 }]);
  });

  it.each([
    ['not a zip', strToU8('hello'), 'tdmrep.epub-not-zip'],
    ['no container.xml', epubZip({ 'content.opf': opf2(EPUB2_METAS) }), 'tdmrep.epub-no-container'],
    [
      'a container without rootfile',
      epubZip({ 'META-INF/container.xml': '<container/>' }),
      'tdmrep.epub-no-rootfile',
    ],
    ['a missing OPF', epubZip({ 'META-INF/container.xml': containerXml('x.opf') }), 'tdmrep.epub-no-opf'],
    [
      'a malformed OPF',
      epubZip({ 'META-INF/container.xml': containerXml('x.opf'), 'x.opf': '<package><metadata></package>' }),
      'tdmrep.invalid-xml',
    ],
  ])('an EPUB with %s is reported, never thrown', (_what, bytes, code) => {
    const reading = readEpub(bytes);
    expect(reading.value).toBeUndefined();
    expect(reading.diagnostics.map((d) => d.code)).toContain(code);
  });

  it('zip bomb: an OPF that inflates past the limit is refused early', () => {
    const huge = opf2(`${EPUB2_METAS}<!--${' '.repeat(8 << 20)}-->`);
    const epub = zipSync(
      { 'META-INF/container.xml': strToU8(containerXml('x.opf')), 'x.opf': strToU8(huge) },
      { level: 9 },
    );
    expect(epub.length).toBeLessThan(200_000);
    const started = performance.now();
    const reading = readEpub(epub);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(reading.value).toBeUndefined();
    expect(reading.diagnostics[0]?.message).toMatch(/inflates to more than/);
  });

  it('a stored (uncompressed) OPF is read too', () => {
    const epub = zipSync(
      { 'META-INF/container.xml': strToU8(containerXml('x.opf')), 'x.opf': strToU8(opf2(EPUB2_METAS)) },
      { level: 0 },
    );
    expect(readEpub(epub).value?.reservation).toBe(1);
  });
});
