import { parseHeaderBlock } from '@optout/core';
import { describe, expect, it } from 'vitest';
import { readTdmHeaders } from '../src/index.js';

describe('tdm-reservation / tdm-policy headers', () => {
  it('reads both with evidence naming the header', () => {
    const reading = readTdmHeaders(
      [
        ['TDM-Reservation', '1'],
        ['tdm-policy', ' https://example.org/p.json '],
      ],
      { url: 'https://example.org/x' },
    );
    expect(reading.value).toEqual({
      reservation: 1,
      policy: 'https://example.org/p.json',
      source: 'tdmrep.header',
      evidence: { raw: 'tdm-reservation: 1', header: 'tdm-reservation', url: 'https://example.org/x' },
      policyEvidence: {
        raw: 'tdm-policy:  https://example.org/p.json ',
        header: 'tdm-policy',
        url: 'https://example.org/x',
      },
    });
    expect(reading.diagnostics).toEqual([]);
  });

  it('two field lines, even equal ones, leave the reservation unset with a diagnostic', () => {
    for (const lines of [
      ['1', '1'],
      ['1', '0'],
    ]) {
      const reading = readTdmHeaders(lines.map((v) => ['tdm-reservation', v] as [string, string]));
      expect(reading.value).toBeUndefined();
      expect(reading.diagnostics.map((d) => d.code)).toEqual(['tdmrep.multiple-values']);
    }
  });

  it('a WHATWG Headers object that joined two lines is read as two values', () => {
    const headers = new Headers();
    headers.append('tdm-reservation', '1');
    headers.append('tdm-reservation', '0');
    expect(readTdmHeaders(headers).value).toBeUndefined();
  });

  it('a raw header block works through parseHeaderBlock', () => {
    const block = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\ntdm-reservation: 0\r\n\r\n';
    expect(readTdmHeaders(parseHeaderBlock(block)).value?.reservation).toBe(0);
  });

  it('a policy-only header is a policy-only step', () => {
    const reading = readTdmHeaders({ 'tdm-policy': 'https://example.org/p.json' });
    expect(reading.value).toMatchObject({ policy: 'https://example.org/p.json', source: 'tdmrep.header' });
    expect(reading.value?.reservation).toBeUndefined();
    expect(reading.value?.evidence.header).toBe('tdm-policy');
  });

  it('a policy with a comma inside the URL is one value', () => {
    const reading = readTdmHeaders({ 'tdm-reservation': '1', 'tdm-policy': 'https://example.org/p?a=1,2' });
    expect(reading.value?.policy).toBe('https://example.org/p?a=1,2');
  });

  it('a relative tdm-policy is dropped with a warning; the reservation stands', () => {
    const reading = readTdmHeaders({ 'tdm-reservation': '1', 'tdm-policy': '/policy.json' });
    expect(reading.value).toMatchObject({ reservation: 1 });
    expect(reading.value?.policy).toBeUndefined();
    expect(reading.diagnostics.map((d) => d.code)).toEqual(['tdmrep.invalid-policy']);
  });

  it.each(['01', '1.0', 'yes', 'true', '+1', '１', '\u00A01'])(
    'only exact 0/1 tokens: %s is invalid',
    (value) => {
      const reading = readTdmHeaders({ 'tdm-reservation': value });
      expect(reading.value).toBeUndefined();
      expect(reading.diagnostics.map((d) => d.code)).toEqual(['tdmrep.invalid-value']);
    },
  );

  it('no TDMRep headers: nothing, and no diagnostics', () => {
    expect(readTdmHeaders({ 'content-type': 'text/html' })).toEqual({ diagnostics: [] });
  });
});
