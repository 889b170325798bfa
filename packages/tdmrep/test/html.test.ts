import { describe, expect, it } from 'vitest';
import { readTdmHtml } from '../src/index.js';

describe('HTML <meta name="tdm-reservation">', () => {
  it('reads both metas from the head with line and column', () => {
    const html = [
      '<!doctype html>',
      '<html><head>',
      '  <title>x</title>',
      '  <meta name="tdm-reservation" content="1">',
      '  <meta name="tdm-policy" content="https://example.org/p.json">',
      '</head><body></body></html>',
    ].join('\n');
    const reading = readTdmHtml(html, { url: 'https://example.org/page' });
    expect(reading.value).toEqual({
      reservation: 1,
      policy: 'https://example.org/p.json',
      source: 'tdmrep.html',
      evidence: {
        raw: '<meta name="tdm-reservation" content="1">',
        url: 'https://example.org/page',
        line: 4,
        column: 3,
      },
      policyEvidence: {
        raw: '<meta name="tdm-policy" content="https://example.org/p.json">',
        url: 'https://example.org/page',
        line: 5,
        column: 3,
      },
    });
  });

  it('name is ASCII case-insensitive and content is trimmed', () => {
    expect(readTdmHtml('<head><META NAME="Tdm-Reservation" CONTENT="  0\n"></head>').value?.reservation).toBe(
      0,
    );
  });

  it('a meta in the body does not count', () => {
    expect(
      readTdmHtml('<html><head></head><body><meta name="tdm-reservation" content="1"></body></html>').value,
    ).toBe(undefined);
  });

  it('a meta after content that implicitly opened the body does not count', () => {
    expect(
      readTdmHtml('<html><head><title>t</title><p>text<meta name="tdm-reservation" content="1">').value,
    ).toBe(undefined);
  });

  it('a meta inside a comment or a script does not count', () => {
    const html =
      '<head><!-- <meta name="tdm-reservation" content="1"> --><script>"<meta name=tdm-reservation content=1>"</script></head>';
    expect(readTdmHtml(html).value).toBeUndefined();
  });

  it('a head without the <head> tag still has its metas read', () => {
    expect(readTdmHtml('<meta name="tdm-reservation" content="1"><title>x</title>').value?.reservation).toBe(
      1,
    );
  });

  it('conflicting metas leave the reservation unset', () => {
    const reading = readTdmHtml(
      '<head><meta name="tdm-reservation" content="1"><meta name="tdm-reservation" content="0"></head>',
    );
    expect(reading.value).toBeUndefined();
    expect(reading.diagnostics.map((d) => d.code)).toEqual(['tdmrep.conflict']);
  });

  it('a repeated equal meta is read, with a note', () => {
    const reading = readTdmHtml(
      '<head><meta name="tdm-reservation" content="1"><meta name="tdm-reservation" content="1"></head>',
    );
    expect(reading.value?.reservation).toBe(1);
    expect(reading.diagnostics).toMatchObject([{ code: 'tdmrep.repeated', severity: 'info' }]);
  });

  it('an invalid content is a protocol error: unset with a warning and its line', () => {
    const reading = readTdmHtml('<head>\n<meta name="tdm-reservation" content="yes"></head>');
    expect(reading.value).toBeUndefined();
    expect(reading.diagnostics).toMatchObject([{ code: 'tdmrep.invalid-value', line: 2 }]);
  });

  it('bytes are decoded as UTF-8; the body of a large document is not parsed', () => {
    const big = `<head><meta name="tdm-reservation" content="1"></head><body>${'<div>x</div>'.repeat(200_000)}</body>`;
    const started = performance.now();
    const reading = readTdmHtml(new TextEncoder().encode(big));
    expect(reading.value?.reservation).toBe(1);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a document without a body past maxBytes is cut with a note', () => {
    const reading = readTdmHtml(`<head><meta name="tdm-reservation" content="1">${' '.repeat(100)}`, {
      maxBytes: 60,
    });
    expect(reading.value?.reservation).toBe(1);
    expect(reading.diagnostics.map((d) => d.code)).toContain('tdmrep.truncated');
  });
});
