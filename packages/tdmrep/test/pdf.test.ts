import { strToU8, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readPdf, readXmpTdm, TDMREP_HASH_NS } from '../src/index.js';
import { pdfWithCompressedXmp, pdfWithXmp, xmpPacket } from './builders.js';

describe('PDF and XMP', () => {
  it('reads tdm:reservation and tdm:policy elements in the slash namespace', () => {
    const xmp = xmpPacket(
      '<tdm:reservation>1</tdm:reservation><tdm:policy>https://example.org/p.json</tdm:policy>',
    );
    const reading = readPdf(pdfWithXmp(xmp), { url: 'doc.pdf' });
    expect(reading.value).toMatchObject({
      reservation: 1,
      policy: 'https://example.org/p.json',
      source: 'tdmrep.pdf',
    });
    expect(reading.value?.evidence.path).toMatch(
      /^xmp@\d+\/\{http:\/\/www\.w3\.org\/ns\/tdmrep\/\}reservation$/,
    );
    expect(reading.value?.evidence.url).toBe('doc.pdf');
  });

  it('accepts the hash namespace too, with a note for PDFs', () => {
    const reading = readPdf(pdfWithXmp(xmpPacket('<tdm:reservation>0</tdm:reservation>', TDMREP_HASH_NS)));
    expect(reading.value?.reservation).toBe(0);
    expect(reading.diagnostics.map((d) => d.code)).toContain('tdmrep.xmp-hash-namespace');
  });

  it('reads the attribute form', () => {
    const reading = readXmpTdm(
      xmpPacket('', undefined, 'tdm:reservation="1" tdm:policy="https://example.org/p"'),
    );
    expect(reading.value).toMatchObject({
      reservation: 1,
      policy: 'https://example.org/p',
      source: 'tdmrep.xmp',
    });
  });

  it('resolves by namespace URI, not by prefix', () => {
    const renamed = xmpPacket(
      '<t:reservation xmlns:t="http://www.w3.org/ns/tdmrep/">1</t:reservation>',
      'urn:other',
    );
    expect(readXmpTdm(renamed).value?.reservation).toBe(1);
    const wrongNs = xmpPacket('<tdm:reservation>1</tdm:reservation>', 'http://example.org/tdmrep/');
    expect(readXmpTdm(wrongNs).value).toBeUndefined();
  });

  it('reads a policy given as rdf:resource', () => {
    const xmp = xmpPacket(
      '<tdm:reservation>1</tdm:reservation><tdm:policy rdf:resource="https://example.org/p"/>',
    );
    expect(readXmpTdm(xmp).value?.policy).toBe('https://example.org/p');
  });

  it('several packets: the last one carrying TDMRep wins and a disagreement is reported', () => {
    const pdf = pdfWithXmp(
      xmpPacket('<tdm:reservation>0</tdm:reservation>'),
      xmpPacket('<tdm:reservation>1</tdm:reservation>'),
    );
    const reading = readPdf(pdf);
    expect(reading.value?.reservation).toBe(1);
    expect(reading.diagnostics.map((d) => d.code)).toContain('tdmrep.pdf-multiple-xmp');
  });

  it('packets without TDMRep properties say nothing', () => {
    const dc = xmpPacket('').replace(
      'xmlns:tdm="http://www.w3.org/ns/tdmrep/"',
      'xmlns:dc="http://purl.org/dc/elements/1.1/"',
    );
    expect(readPdf(pdfWithXmp(dc))).toEqual({ diagnostics: [] });
  });

  it('an x:xmpmeta without xpacket wrapper is found too', () => {
    const bare = xmpPacket('<tdm:reservation>1</tdm:reservation>').replace(/<\?xpacket[^>]*>/g, '');
    expect(readPdf(pdfWithXmp(bare)).value?.reservation).toBe(1);
  });

  it('a FlateDecode metadata stream is inflated and read', () => {
    const reading = readPdf(pdfWithCompressedXmp(xmpPacket('<tdm:reservation>1</tdm:reservation>')));
    expect(reading.value?.reservation).toBe(1);
    expect(reading.diagnostics).toEqual([]);
  });

  it('a compressed metadata bomb is stopped at the packet limit', () => {
    const bomb = xmpPacket(`<tdm:reservation>1</tdm:reservation><!--${' '.repeat(8 << 20)}-->`);
    const pdf = pdfWithCompressedXmp(bomb);
    expect(pdf.length).toBeLessThan(100_000);
    const started = performance.now();
    const reading = readPdf(pdf);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(reading.value).toBeUndefined();
    expect(reading.diagnostics.map((d) => d.code)).toContain('tdmrep.xmp-unreadable');
  });

  it('a compressed stream that is not /Type /Metadata is left alone', () => {
    const data = zlibSync(strToU8(xmpPacket('<tdm:reservation>1</tdm:reservation>')));
    const pdf = new Uint8Array([
      ...strToU8(`%PDF-1.7\n4 0 obj\n<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`),
      ...data,
      ...strToU8('\nendstream\nendobj\n/Metadata\n%%EOF'),
    ]);
    expect(readPdf(pdf).value).toBeUndefined();
  });

  it('no XMP: a note, nothing else', () => {
    const reading = readPdf(strToU8('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF'));
    expect(reading.value).toBeUndefined();
    expect(reading.diagnostics.map((d) => d.code)).toEqual(['tdmrep.pdf-no-xmp']);
  });

  it('an unterminated packet is skipped within the packet limit', () => {
    const cut = strToU8(
      `%PDF-1.4\n<?xpacket begin="" id="x"?><x:xmpmeta xmlns:x="adobe:ns:meta/">${'a'.repeat(5000)}`,
    );
    const reading = readPdf(cut, { maxPacketBytes: 1000 });
    expect(reading.diagnostics.map((d) => d.code)).toContain('tdmrep.xmp-unterminated');
  });

  it('a file that is not a PDF is still scanned, with a warning', () => {
    const reading = readPdf(strToU8(xmpPacket('<tdm:reservation>1</tdm:reservation>')));
    expect(reading.value?.reservation).toBe(1);
    expect(reading.diagnostics.map((d) => d.code)).toContain('tdmrep.not-pdf');
  });

  it('malformed XMP is an error diagnostic, not a throw', () => {
    const reading = readXmpTdm('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>');
    expect(reading.value).toBeUndefined();
    expect(reading.diagnostics.map((d) => d.code)).toContain('tdmrep.invalid-xml');
  });

  it('entities declared in a DOCTYPE are not expanded (no billion laughs)', () => {
    const xmp =
      '<!DOCTYPE x [<!ENTITY a "1"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      '<x:xmpmeta xmlns:x="adobe:ns:meta/" xmlns:tdm="http://www.w3.org/ns/tdmrep/"><tdm:reservation>&b;</tdm:reservation></x:xmpmeta>';
    expect(readXmpTdm(xmp).value).toBeUndefined();
  });
});
