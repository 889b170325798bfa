import { decide } from '@optout/core';
import { StatementSchema } from '@optout/core/schema';
import { describe, expect, it } from 'vitest';
import { cascade, parsePolicy, type TdmStep } from '../src/index.js';

// A step as the readers build it: a reservation, a policy, or both.
const step = (source: TdmStep['source'], reservation?: 0 | 1, policy?: string): TdmStep => {
  const evidence = { raw: `${source} ${reservation ?? ''} ${policy ?? ''}` };
  if (reservation === undefined) return { source, evidence, policy: policy! };
  return policy === undefined ? { source, evidence, reservation } : { source, evidence, reservation, policy };
};

describe('TDMRep cascade (spec mode)', () => {
  it('nothing anywhere: unset, no statements', () => {
    expect(cascade({})).toEqual({ policyStatus: 'none', statements: [], diagnostics: [] });
  });

  it('a later step overrides the reservation; the earlier one stays, superseded by the winner', () => {
    const result = cascade({ file: step('tdmrep.file', 1), header: step('tdmrep.header', 0) });
    expect(result.reservation).toBe(0);
    expect(result.reservationSource).toBe('tdmrep.header');
    expect(result.statements.map((s) => [s.source, s.label, s.supersededBy])).toEqual([
      ['tdmrep.file', 'tdm-reservation=1', 'tdmrep.header'],
      ['tdmrep.header', 'tdm-reservation=0', undefined],
    ]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['tdmrep.superseded']);
  });

  it('absence at a later step resets nothing', () => {
    const result = cascade({
      file: step('tdmrep.file', 1, 'https://e.org/p'),
      header: undefined,
      embedded: undefined,
    });
    expect(result).toMatchObject({ reservation: 1, policy: 'https://e.org/p', policyStatus: 'not-fetched' });
  });

  it('a policy-only step replaces the policy and keeps the earlier reservation', () => {
    const result = cascade({
      file: step('tdmrep.file', 1, 'https://e.org/file-policy'),
      header: step('tdmrep.header', undefined, 'https://e.org/header-policy'),
    });
    expect(result).toMatchObject({
      reservation: 1,
      reservationSource: 'tdmrep.file',
      policy: 'https://e.org/header-policy',
      policySource: 'tdmrep.header',
    });
    expect(result.statements).toHaveLength(1);
    expect(result.statements[0]?.supersededBy).toBeUndefined();
  });

  it('a reservation-only step keeps the earlier policy', () => {
    const result = cascade({
      file: step('tdmrep.file', 1, 'https://e.org/p'),
      embedded: step('tdmrep.html', 1),
    });
    expect(result).toMatchObject({
      reservation: 1,
      reservationSource: 'tdmrep.html',
      policy: 'https://e.org/p',
    });
  });

  it('statements are core statements: category tdm, disallow for 1, allow for 0, the policy in the note', () => {
    const result = cascade({
      header: step('tdmrep.header', 1, 'https://e.org/p'),
      embedded: step('tdmrep.pdf', 0),
    });
    for (const statement of result.statements) expect(StatementSchema.parse(statement)).toEqual(statement);
    expect(result.statements[0]).toMatchObject({
      category: 'tdm',
      value: 'disallow',
      note: 'tdm-policy: https://e.org/p',
    });
    expect(result.statements[1]).toMatchObject({ category: 'tdm', value: 'allow', source: 'tdmrep.pdf' });
  });

  it('decide() ignores the superseded statements', () => {
    const result = cascade({ file: step('tdmrep.file', 1), embedded: step('tdmrep.html', 0) });
    const decision = decide({
      url: 'https://e.org/',
      agent: 'bot',
      purpose: 'train-ai',
      statements: result.statements,
    });
    expect(decision.status).toBe('allowed');
  });

  it('a policy next to a 0 (or with no reservation) is not processed', () => {
    expect(cascade({ header: step('tdmrep.header', 0, 'https://e.org/p') }).policyStatus).toBe('ignored');
    const policyOnly = cascade({ header: step('tdmrep.header', undefined, 'https://e.org/p') });
    expect(policyOnly.reservation).toBeUndefined();
    expect(policyOnly.policyStatus).toBe('ignored');
    expect(policyOnly.diagnostics.map((d) => d.code)).toEqual(['tdmrep.policy-ignored']);
  });

  it('the policy check sets the status, never the reservation', () => {
    const steps = { header: step('tdmrep.header', 1, 'https://e.org/p') };
    const valid = parsePolicy(
      JSON.stringify({
        '@context': ['http://www.w3.org/ns/odrl.jsonld', 'http://www.w3.org/ns/tdmrep.jsonld'],
        '@type': 'Offer',
        profile: 'http://www.w3.org/ns/tdmrep',
        uid: 'https://e.org/p',
        assigner: { 'vcard:fn': 'E' },
        permission: [{ action: 'tdm:mine' }],
      }),
    );
    expect(valid.valid).toBe(true);
    expect(cascade(steps, { policy: { status: 'parsed', report: valid } }).policyStatus).toBe('valid');
    expect(cascade(steps, { policy: { status: 'human' } }).policyStatus).toBe('human');
    for (const check of [
      { status: 'parsed' as const, report: parsePolicy('<html>') },
      { status: 'unavailable' as const },
    ]) {
      expect(cascade(steps, { policy: check }).reservation).toBe(1);
    }
  });
});

describe('TDMRep cascade (conservative mode)', () => {
  it('any 1 seen wins over a later 0, and the difference is a warning', () => {
    const result = cascade(
      { file: step('tdmrep.file', 0), header: step('tdmrep.header', 1), embedded: step('tdmrep.html', 0) },
      { mode: 'conservative' },
    );
    expect(result.reservation).toBe(1);
    expect(result.reservationSource).toBe('tdmrep.header');
    expect(result.statements.map((s) => s.supersededBy)).toEqual([
      'tdmrep.header',
      undefined,
      'tdmrep.header',
    ]);
    expect(result.diagnostics.map((d) => d.code)).toContain('tdmrep.conservative');
  });

  it('without any 1 it agrees with the spec', () => {
    const steps = { file: step('tdmrep.file', 0), header: step('tdmrep.header', 0) };
    expect(cascade(steps, { mode: 'conservative' })).toEqual(cascade(steps));
  });

  it('an unknown mode is a programmer error', () => {
    expect(() => cascade({}, { mode: 'strict' as 'spec' })).toThrow(/mode/);
  });
});
