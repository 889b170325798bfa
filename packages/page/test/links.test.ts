import { describe, expect, test } from 'vitest';
import { parseLinkHeader, readLinkHeaders, readPage } from '../src/index.js';

describe('Link header (RFC 8288)', () => {
  test('SIGNALS §6.1: rel="license" with type application/rsl+xml is an RSL licence', () => {
    const links = readLinkHeaders({
      Link: '<https://p.example/license.xml>; rel="license"; type="application/rsl+xml"',
    });
    expect(links).toEqual({ rsl: ['https://p.example/license.xml'], c2pa: [] });
  });

  test('rel="license" without the RSL type is not RSL (a Creative Commons link)', () => {
    expect(readLinkHeaders({ Link: '<https://cc.example/by/4.0/>; rel=license' }).rsl).toEqual([]);
  });

  test('several links on one line, commas inside quotes and URLs, several field lines', () => {
    const links = readLinkHeaders(
      [
        [
          'Link',
          '<https://a.example/x,y.xml>; rel="license"; type="application/rsl+xml", </m.c2pa>; rel="c2pa-manifest"',
        ],
        [
          'link',
          '<https://b.example/l.xml>; title="a, b; c"; rel="alternate license"; type="APPLICATION/RSL+XML"',
        ],
      ],
      'https://s.example/p',
    );
    expect(links).toEqual({
      rsl: ['https://a.example/x,y.xml', 'https://b.example/l.xml'],
      c2pa: ['https://s.example/m.c2pa'],
    });
  });

  test('parameters: names lower-cased, first occurrence wins, unquoted values', () => {
    expect(parseLinkHeader('<u>; REL=license; rel=other; type=text/xml')).toEqual([
      { href: 'u', params: { rel: 'license', type: 'text/xml' } },
    ]);
  });

  test("SIGNALS §6.3 #4: a licence link is reported in links; fetching it is not the parser's job", () => {
    const signals = readPage({
      url: 'https://s.example/a',
      headers: [['Link', '<https://s.example/missing.xml>; rel="license"; type="application/rsl+xml"']],
    });
    expect(signals.links.rsl).toEqual(['https://s.example/missing.xml']);
    expect(signals.statements).toEqual([]);
  });

  test('Link headers and <link> elements are merged without duplicates', () => {
    const signals = readPage({
      url: 'https://s.example/a',
      headers: { link: '</l.xml>; rel="license"; type="application/rsl+xml"' },
      html: '<head><link rel="license" type="application/rsl+xml" href="https://s.example/l.xml"></head>',
    });
    expect(signals.links.rsl).toEqual(['https://s.example/l.xml']);
  });
});
