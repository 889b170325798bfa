// Tiny EPUB, PDF and XMP inputs built in memory, so that the tests show what they contain.

import { strToU8, type Zippable, zipSync, zlibSync } from 'fflate';

/** An XMP packet whose rdf:Description declares `tdm:` for `ns` and holds `body`. */
export function xmpPacket(body: string, ns = 'http://www.w3.org/ns/tdmrep/', attributes = ''): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `  <rdf:Description rdf:about="" xmlns:tdm="${ns}" ${attributes}>`,
    `   ${body}`,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** A minimal PDF whose catalog points at an uncompressed XML metadata stream per packet. */
export function pdfWithXmp(...packets: string[]): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>',
    '<< /Type /Pages /Kids [] /Count 0 >>',
  ];
  for (const packet of packets) {
    const bytes = strToU8(packet);
    objects.push(`<< /Type /Metadata /Subtype /XML /Length ${bytes.length} >>\nstream\n${packet}\nendstream`);
  }
  let body = '%PDF-1.7\n%\xE2\xE3\xCF\xD3\n';
  objects.forEach((object, i) => {
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  body += `trailer\n<< /Root 1 0 R /Size ${objects.length + 1} >>\n%%EOF\n`;
  return strToU8(body);
}

/** A minimal PDF whose metadata stream is zlib-compressed (`/Filter /FlateDecode`). */
export function pdfWithCompressedXmp(packet: string): Uint8Array {
  const data = zlibSync(strToU8(packet));
  const head = strToU8(
    '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>\nendobj\n' +
      '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
      `3 0 obj\n<< /Length ${data.length} /Filter /FlateDecode /Type /Metadata /Subtype /XML >>\nstream\r\n`,
  );
  const tail = strToU8('\r\nendstream\nendobj\ntrailer\n<< /Root 1 0 R /Size 4 >>\n%%EOF\n');
  return new Uint8Array([...head, ...data, ...tail]);
}

/** The container.xml that points at `opfPath`. */
export function containerXml(opfPath: string): string {
  return (
    '<?xml version="1.0"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n' +
    `<rootfiles><rootfile full-path="${opfPath}" media-type="application/oebps-package+xml"/></rootfiles>\n</container>`
  );
}

/** An EPUB 2 OPF with `metas` in its metadata. */
export function opf2(metas: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">\n' +
    '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n<dc:title>T</dc:title>\n' +
    `${metas}\n</metadata>\n<manifest/>\n<spine/>\n</package>`
  );
}

/** An EPUB 3 OPF with `prefix` on the package and `metas` in its metadata. */
export function opf3(metas: string, prefix = 'tdm: http://www.w3.org/ns/tdmrep#'): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" prefix="${prefix}">\n` +
    '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n<dc:title>T</dc:title>\n' +
    `${metas}\n</metadata>\n<manifest/>\n<spine/>\n</package>`
  );
}

/** An EPUB zip: mimetype stored first, then the given files (deflated). */
export function epubZip(files: Record<string, string | Uint8Array>): Uint8Array {
  const zippable: Zippable = { mimetype: [strToU8('application/epub+zip'), { level: 0 }] };
  for (const [name, content] of Object.entries(files)) {
    zippable[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(zippable);
}
