// SIGNALS.md section 1.8, one test per worked example.

import { decide } from '@optout/core';
import { describe, expect, it } from 'vitest';
import { cascade, parsePolicy, parseTdmrepFile, readPdf, readTdmHeaders, readTdmHtml } from '../src/index.js';
import { pdfWithXmp, xmpPacket } from './builders.js';

const URL_A = 'https://example.org/a/b';

describe('SIGNALS §1.8 worked examples', () => {
  it('1: a site-wide rule reserves /a/b; the source is rule 0 of the file, no policy', () => {
    const file = parseTdmrepFile('[{"location":"/","tdm-reservation":1}]', {
      url: 'https://example.org/.well-known/tdmrep.json',
    });
    const result = cascade({ file: file.lookup(URL_A), header: readTdmHeaders({}).value });
    expect(result.reservation).toBe(1);
    expect(result.reservationSource).toBe('tdmrep.file');
    expect(result.statements[0]?.evidence.pointer).toBe('/0');
    expect(result.policy).toBeUndefined();
    expect(result.policyStatus).toBe('none');
  });

  it('2: first match gives 0 (rule 0), longest match gives 1, and the disagreement is reported', () => {
    const text = '[{"location":"/","tdm-reservation":0},{"location":"/premium/","tdm-reservation":1}]';
    const first = parseTdmrepFile(text).match('https://example.org/premium/x');
    expect(first.value?.reservation).toBe(0);
    expect(first.rule?.pointer).toBe('/0');
    expect(first.diagnostics.map((d) => d.code)).toEqual(['tdmrep.rule-order-ambiguity']);
    const longest = parseTdmrepFile(text, { order: 'longest' }).lookup('https://example.org/premium/x');
    expect(longest?.reservation).toBe(1);
  });

  it('3: header reserves; the policy fetch failed, which is not an error and changes nothing', () => {
    const header = readTdmHeaders({ 'tdm-reservation': '1', 'tdm-policy': 'https://p.example/pol.json' });
    const before = cascade({ header: header.value });
    const after = cascade({ header: header.value }, { policy: { status: 'unavailable', error: 'HTTP 500' } });
    expect(after.reservation).toBe(1);
    expect(after.policyStatus).toBe('unavailable');
    expect(after.statements).toEqual(before.statements);
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('4: meta 0 supersedes a file 1 in spec mode; conservative keeps 1; both values reported', () => {
    const file = parseTdmrepFile('[{"location":"/news/","tdm-reservation":1}]');
    const html = readTdmHtml('<html><head><meta name="tdm-reservation" content="0"></head></html>');
    const steps = { file: file.lookup('https://example.org/news/today'), embedded: html.value };
    const spec = cascade(steps);
    expect(spec.reservation).toBe(0);
    expect(spec.statements.map((s) => [s.source, s.value, s.supersededBy])).toEqual([
      ['tdmrep.file', 'disallow', 'tdmrep.html'],
      ['tdmrep.html', 'allow', undefined],
    ]);
    const conservative = cascade(steps, { mode: 'conservative' });
    expect(conservative.reservation).toBe(1);
    expect(conservative.statements.map((s) => [s.source, s.value, s.supersededBy])).toEqual([
      ['tdmrep.file', 'disallow', undefined],
      ['tdmrep.html', 'allow', 'tdmrep.file'],
    ]);
    expect(conservative.diagnostics.map((d) => d.code)).toContain('tdmrep.conservative');
  });

  it('5: header "yes" is a protocol error: unset with an invalid-value warning', () => {
    const reading = readTdmHeaders({ 'tdm-reservation': 'yes' });
    expect(reading.value).toBeUndefined();
    expect(reading.diagnostics).toMatchObject([{ code: 'tdmrep.invalid-value', severity: 'warning' }]);
    expect(cascade({ header: reading.value }).reservation).toBeUndefined();
  });

  it('6: PDF XMP tdm:reservation=1 (slash namespace) wins over a file 0', () => {
    const file = parseTdmrepFile('[{"location":"/","tdm-reservation":0}]');
    const pdf = readPdf(pdfWithXmp(xmpPacket('<tdm:reservation>1</tdm:reservation>')));
    const result = cascade({ file: file.lookup('https://example.org/doc.pdf'), embedded: pdf.value });
    expect(result.reservation).toBe(1);
    expect(result.reservationSource).toBe('tdmrep.pdf');
    const decision = decide({
      url: 'https://example.org/doc.pdf',
      agent: 'x',
      purpose: 'tdm',
      statements: result.statements,
    });
    expect(decision.status).toBe('disallowed');
  });

  it('7: {"tdm-reservation": true} root: strict leaves it unset, lenient reads 1 with a root-not-array warning', () => {
    const text = '{"tdm-reservation": true}';
    const strict = parseTdmrepFile(text);
    expect(strict.lookup('https://example.org/')).toBeUndefined();
    expect(strict.valid).toBe(false);
    expect(strict.diagnostics).toMatchObject([{ code: 'tdmrep.root-not-array', severity: 'error' }]);
    const lenient = parseTdmrepFile(text, { mode: 'lenient' });
    expect(lenient.lookup('https://example.org/any')?.reservation).toBe(1);
    expect(lenient.valid).toBe(false);
    expect(lenient.diagnostics.map((d) => [d.code, d.severity])).toContainEqual([
      'tdmrep.root-not-array',
      'warning',
    ]);
  });

  it('a policy that cannot be parsed is reported and leaves the reservation as it was', () => {
    const header = readTdmHeaders({
      'tdm-reservation': '1',
      'tdm-policy': 'https://p.example/pol.json',
    }).value;
    const report = parsePolicy('{ not json');
    expect(report.valid).toBe(false);
    const result = cascade({ header }, { policy: { status: 'parsed', report } });
    expect(result.reservation).toBe(1);
    expect(result.policyStatus).toBe('invalid');
    expect(result.statements).toEqual(cascade({ header }).statements);
  });
});
