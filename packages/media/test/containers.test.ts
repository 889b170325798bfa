import { readMedia, sniff } from '@optout/media';
import { describe, expect, test } from 'vitest';
import {
  ascii,
  bmff,
  box,
  cat,
  gif,
  heifXmpItem,
  id3,
  jpeg,
  png,
  riff,
  store,
  svg,
  tdm,
  tiff,
  u32,
  xmpApp1,
  xmpExtApp1,
  xmpPacket,
} from './build.js';

const STORE = store({
  assertions: [tdm('cawg.training-mining', { 'cawg.ai_training': { use: 'notAllowed' } })],
});
const XMP = xmpPacket(
  '<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED</plus:DataMining>',
  'xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/"',
);

function expectBoth(bytes: Uint8Array, format: string, xmpLocation: string) {
  const r = readMedia(bytes);
  expect(r.format).toBe(format);
  expect(r.manifest?.trainingMining[0]?.label).toBe('cawg.training-mining');
  expect(r.integrity).toBe('hash-ok');
  expect(r.xmp?.locations).toEqual([xmpLocation]);
  expect(r.xmp?.dataMining?.code).toBe('DMI-PROHIBITED');
  expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
}

describe('one handler per container (WORKS §1.2, SIGNALS §8.2)', () => {
  test('PNG: caBX store and iTXt XML:com.adobe.xmp', () => expectBoth(png(STORE, XMP), 'png', 'png-itxt'));
  test('WebP: RIFF C2PA chunk and XMP chunk', () => expectBoth(riff('WEBP', STORE, XMP), 'webp', 'riff-xmp'));
  test('WAV: RIFF C2PA chunk and _PMX chunk', () => expectBoth(riff('WAVE', STORE, XMP), 'wav', 'riff-xmp'));
  test('MP4: C2PA uuid box after ftyp, XMP uuid box', () =>
    expectBoth(bmff('isom', STORE, XMP), 'mp4', 'bmff-uuid'));
  test('HEIF brand heic', () => expectBoth(bmff('heic', STORE, XMP), 'heif', 'bmff-uuid'));
  test('AVIF brand avif', () => expectBoth(bmff('avif', STORE, XMP), 'avif', 'bmff-uuid'));
  test('HEIF/AVIF: XMP mime item located through iinf and iloc (file offset)', () =>
    expectBoth(heifXmpItem('avif', STORE, XMP), 'avif', 'heif-item'));
  test('HEIF: XMP mime item stored in idat (construction method 1)', () =>
    expectBoth(heifXmpItem('heic', STORE, XMP, true), 'heif', 'heif-item'));
  test('MP4 without item tables: XMP in moov/udta is found; a packet inside mdat is media data, not metadata', () => {
    const other = XMP.replace('DMI-PROHIBITED', 'DMI-ALLOWED');
    const ftyp = box('ftyp', ascii('isom'), u32(0), ascii('isom'));
    const inMoov = readMedia(
      cat(ftyp, box('moov', box('udta', box('XMP_', ascii(XMP)))), box('mdat', ascii(other))),
    );
    expect(inMoov.xmp?.locations).toEqual(['scan']);
    expect(inMoov.xmp?.dataMining?.code).toBe('DMI-PROHIBITED');
    expect(readMedia(cat(ftyp, box('mdat', ascii(other)))).xmp).toBeUndefined();
  });
  test('HEIF: an iloc extent past the end of the file yields no packet and no exception', () => {
    const bytes = heifXmpItem('heic', STORE, XMP);
    const r = readMedia(bytes.subarray(0, bytes.length - 20));
    expect(r.xmp).toBeUndefined();
  });
  test('MP3 ID3v2.3: GEOB application/c2pa and PRIV XMP', () =>
    expectBoth(id3(3, STORE, XMP), 'mp3', 'id3-priv'));
  test('MP3 ID3v2.4: syncsafe frame sizes', () => expectBoth(id3(4, STORE, XMP), 'mp3', 'id3-priv'));
  test('TIFF little-endian: tags 52545 and 700', () =>
    expectBoth(tiff(true, STORE, XMP), 'tiff', 'tiff-700'));
  test('TIFF big-endian', () => expectBoth(tiff(false, STORE, XMP), 'tiff', 'tiff-700'));
  test('SVG: Base64 store in c2pa:manifest, XMP in metadata', () =>
    expectBoth(svg(STORE, { xmp: XMP }), 'svg', 'svg-metadata'));
  test('JPEG: APP11 store and APP1 XMP', () =>
    expectBoth(jpeg(STORE, { app1: [xmpApp1(XMP)] }), 'jpeg', 'jpeg-app1'));

  test('sidecar .c2pa: the file is the store', () => {
    const r = readMedia(STORE);
    expect(r.format).toBe('c2pa');
    expect(r.manifest?.from).toBe('sidecar');
  });

  test('MP3: the older MIME application/x-c2pa-manifest-store is accepted', () => {
    const r = readMedia(id3(3, STORE, undefined, 'application/x-c2pa-manifest-store'));
    expect(r.manifest?.trainingMining).toHaveLength(1);
  });

  test('SVG: the c2pa prefix is looked up from its namespace declaration', () => {
    expect(readMedia(svg(STORE, { prefix: 'cr' })).manifest?.trainingMining).toHaveLength(1);
  });

  describe('SVG: the Base64 store decodes the same however it is laid out', () => {
    const text = new TextDecoder().decode(svg(STORE));
    const b64 = /<c2pa:manifest>([^<]*)</.exec(text)![1]!.replace(/\s/g, '');
    const withBody = (body: string) => ascii(text.replace(/(<c2pa:manifest>)[^<]*/, `$1${body}`));
    test.each([
      ['on one line', b64],
      ['wrapped at 64 with CRLF', b64.replace(/(.{64})/g, '$1\r\n')],
      ['a space every 3 characters (across groups of four)', b64.replace(/(.{3})/g, '$1 ')],
      ['tabs around it', `\t${b64}\t`],
    ])('%s', (_, body) => {
      const r = readMedia(withBody(body));
      expect(r.manifest?.trainingMining[0]?.label).toBe('cawg.training-mining');
      expect(r.integrity).toBe('hash-ok');
    });
    test('the first closing tag ends the element, even before where the store length says it ends', () => {
      const close = '</c2pa:manifest>';
      const cut = `${b64.slice(0, 100)}${close}${b64.slice(100 + close.length)}`;
      const early = readMedia(withBody(cut)); // a second closing tag sits where LBox says the text ends
      const only = readMedia(withBody(`${b64.slice(0, 100)}${close}`));
      expect(early.manifest).toBeUndefined();
      expect(early.diagnostics).toEqual(only.diagnostics);
    });
    test('a stray byte inside the Base64 is reported, not decoded', () => {
      const r = readMedia(withBody(`${b64.slice(0, 41)}*${b64.slice(41)}`));
      expect(r.manifest).toBeUndefined();
      expect(r.diagnostics.map((d) => d.message)).toContain('SVG: C2PA manifest element is not valid Base64');
    });
  });

  test('SVG: rdf:RDF directly inside metadata is read as XMP', () => {
    const rdf = XMP.slice(XMP.indexOf('<rdf:RDF'), XMP.indexOf('</x:xmpmeta>'));
    expect(readMedia(svg(undefined, { xmp: rdf })).xmp?.dataMining?.code).toBe('DMI-PROHIBITED');
  });

  test('PDF: XMP metadata stream found; embedded C2PA reported as unsupported', () => {
    const pdf = ascii(
      `%PDF-1.7\n1 0 obj <</Type/Metadata/Subtype/XML>> stream\n${XMP}\nendstream endobj\n/AFRelationship /C2PA_Manifest\n%%EOF`,
    );
    const r = readMedia(pdf);
    expect(r.format).toBe('pdf');
    expect(r.xmp).toMatchObject({ locations: ['pdf-metadata'], dataMining: { code: 'DMI-PROHIBITED' } });
    expect(r.diagnostics.map((d) => d.code)).toContain('c2pa.unsupported-container');
  });

  test('GIF: C2PA_GIF application extension over 255-byte sub-blocks; XMP by packet scan', () =>
    expectBoth(gif(STORE, XMP), 'gif', 'scan'));

  test('unknown containers fall back to an XMP scan', () => {
    const r = readMedia(cat(ascii('FOOBAR'), new Uint8Array(20), ascii(XMP)));
    expect(r.format).toBe('unknown');
    expect(r.xmp?.locations).toEqual(['scan']);
  });

  test('the format is sniffed by content, never by file name', () => {
    const r = readMedia(png(STORE), { fileName: 'photo.jpg' });
    expect(r.format).toBe('png');
    expect(sniff(jpeg())?.format).toBe('jpeg');
    expect(sniff(ascii('hello'))).toBeUndefined();
  });
});

describe('JPEG specifics', () => {
  test('a store over several APP11 segments is joined; continuations repeat LBox/TBox', () => {
    const big = store({
      assertions: [
        { label: 'c2pa.thumbnail.claim.jpeg', data: { pad: new Uint8Array(5000) } },
        tdm('cawg.training-mining', { 'cawg.data_mining': { use: 'notAllowed' } }),
      ],
    });
    const r = readMedia(jpeg(big, { chunk: 1000 }));
    expect(r.integrity).toBe('hash-ok');
    expect(r.statements.map((s) => s.category)).toEqual(['tdm']);
  });

  test('two separate stores (different En): all invalid', () => {
    const one = jpeg(STORE, { en: 1 });
    const two = jpeg(STORE, { en: 2 });
    const both = cat(one.subarray(0, one.length - 9), two.subarray(2));
    const r = readMedia(both);
    expect(r.manifest).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toContain('c2pa.multiple-stores');
  });

  test('extended XMP is reassembled from its chunks (any order) using the GUID the main packet names', () => {
    const guid = '0123456789ABCDEF0123456789ABCDEF';
    const main = xmpPacket(
      '',
      `xmlns:xmpNote="http://ns.adobe.com/xmp/note/" xmpNote:HasExtendedXMP="${guid}"`,
    );
    const ext = ascii(
      xmpPacket('<tdm:reservation>1</tdm:reservation>', 'xmlns:tdm="http://www.w3.org/ns/tdmrep/"'),
    );
    const half = Math.floor(ext.length / 2);
    const bytes = jpeg(undefined, {
      app1: [
        xmpApp1(main),
        xmpExtApp1(guid, ext.length, half, ext.subarray(half)),
        xmpExtApp1(guid, ext.length, 0, ext.subarray(0, half)),
      ],
    });
    const r = readMedia(bytes);
    expect(r.xmp?.locations).toEqual(['jpeg-app1', 'jpeg-app1-extended']);
    expect(r.xmp?.tdm?.reservation).toBe(1);
  });
});
