import { parseHeaderBlock } from '@optout/core';
import { describe, expect, test } from 'vitest';
import { htmlHead, readHtml, readPage } from '../src/index.js';
import { fixture, fixtureJson, verdict } from './helpers.js';

interface HtmlCase {
  file: string;
  responseHeaders: Record<string, string>;
  robotsMeta?: string[];
  rslLinks?: string[];
}
const { cases } = fixtureJson<{ cases: HtmlCase[] }>('html/expected.json');

describe('fixtures/html/expected.json (non-TDMRep parts)', () => {
  test.each(cases)('$file', (c) => {
    const url = 'https://publisher.example/article';
    const signals = readPage({ url, headers: c.responseHeaders, html: fixture(`html/${c.file}`) });
    // Unscoped robots directives read from <meta name="robots">, page and images together.
    const unscoped = [...signals.statements, ...signals.images]
      .filter((s) => s.source === 'meta-robots' && !s.scope.agents)
      .map((s) => s.label);
    expect([...new Set(unscoped)]).toEqual(c.robotsMeta ?? []);
    expect(signals.links.rsl).toEqual(c.rslLinks ?? []);
    // TDMRep meta is @optout/tdmrep's: no statement here comes from it.
    expect(signals.statements.every((s) => !s.source.startsWith('tdmrep'))).toBe(true);
  });

  test('tdm-meta-overrides-header.html: "googlebot" meta binds Googlebot only; max-snippet says nothing', () => {
    const { statements } = readHtml(fixture('html/tdm-meta-overrides-header.html'));
    expect(statements.map((s) => [s.label, s.scope])).toEqual([
      ['noai', { agents: ['googlebot'] }],
      ['noai', { agents: ['googlebot'] }],
    ]);
    expect(verdict(statements, 'train-ai', 'Googlebot')).toBe('disallow');
    expect(verdict(statements, 'train-ai', 'mybot')).toBe('unknown');
  });
});

describe('real files (healsdata/ai-training-opt-out)', () => {
  test('headers.txt: noai on the response; noimageai about images when the type is unknown', () => {
    const headers = parseHeaderBlock(fixture('healsdata_headers.txt').toString('utf8'));
    const signals = readPage({ headers });
    expect(verdict(signals.statements, 'train-ai')).toBe('disallow');
    expect(signals.images.map((s) => s.label)).toContain('noimageai');
  });

  test('meta-tags.html (no <head>): robots noai, noimageai read; CCBot nofollow says nothing', () => {
    const signals = readPage({ html: fixture('healsdata_meta-tags.html') });
    expect(signals.statements.map((s) => [s.label, s.category])).toEqual([
      ['noai', 'train-ai'],
      ['noai', 'ai-input'],
    ]);
    expect(signals.statements[0]!.evidence).toMatchObject({
      raw: '<meta name="robots" content="noai, noimageai">',
      line: 5,
      column: 1,
    });
  });
});

describe('HTML head reading', () => {
  test('only the head is read: a robots meta in the body is ignored', () => {
    const html = '<html><head><title>t</title></head><body><meta name="robots" content="noai"></body></html>';
    expect(readHtml(html).statements).toEqual([]);
  });

  test('the head ends at <body> when </head> is missing', () => {
    expect(htmlHead('<meta name=robots content=noai><body><p>x').head).toBe(
      '<meta name=robots content=noai>',
    );
  });

  test('meta names and directives are case-insensitive; content is trimmed', () => {
    const { statements } = readHtml('<head><META NAME="ROBOTS" CONTENT=" NoAI "></head>');
    expect(verdict(statements, 'train-ai')).toBe('disallow');
  });

  test('agent-named meta (<meta name="gptbot" content="noai">) is scoped to that agent', () => {
    const { statements } = readHtml('<head><meta name="GPTBot" content="noai"></head>');
    expect(statements[0]!.scope).toEqual({ agents: ['GPTBot'] });
    expect(verdict(statements, 'train-ai', 'gptbot')).toBe('disallow');
    expect(verdict(statements, 'train-ai', 'ClaudeBot')).toBe('unknown');
  });

  test('other meta names (description) are not read as crawler names', () => {
    expect(readHtml('<head><meta name="description" content="noai"></head>').statements).toEqual([]);
  });

  test('<link> to RSL (resolved against the page URL) and to a C2PA manifest', () => {
    const html =
      '<head><link rel="license" type="application/rsl+xml" href="/license.xml">' +
      '<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">' +
      '<link rel="c2pa-manifest" href="https://cdn.example/m.c2pa"></head>';
    expect(readHtml(html, { url: 'https://s.example/a/b' }).links).toEqual({
      rsl: ['https://s.example/license.xml'],
      c2pa: ['https://cdn.example/m.c2pa'],
    });
  });

  test('inline <script type="application/rsl+xml"> is read for the page URL', () => {
    const html = `<head>
<script type="application/rsl+xml">
<rsl xmlns="https://rslstandard.org/rsl"><content url="/"><license>
<prohibits type="usage">ai-train</prohibits></license></content></rsl>
</script></head>`;
    const { statements } = readHtml(html, { url: 'https://s.example/x' });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ source: 'rsl', category: 'train-ai', value: 'disallow' });
    expect(statements[0]!.evidence.line).toBe(4);
  });

  test('a document without an end of head is cut at maxHtmlBytes, with a warning', () => {
    const html = '<head>' + ' '.repeat(2000) + '<meta name="robots" content="noai">';
    const reading = readHtml(html, {}, { maxHtmlBytes: 1000 });
    expect(reading.statements).toEqual([]);
    expect(reading.diagnostics.map((d) => d.code)).toEqual(['page.html-truncated']);
  });

  test('contentType from the Content-Type header decides whether noimageai binds the response', () => {
    const signals = readPage({ headers: { 'content-type': 'image/webp', 'x-robots-tag': 'noimageai' } });
    expect(verdict(signals.statements, 'train-ai')).toBe('disallow');
    expect(signals.images).toEqual([]);
  });
});
