import { describe, expect, it } from 'vitest';
import { parsePolicy, policyKind } from '../src/index.js';

const base = {
  '@context': ['http://www.w3.org/ns/odrl.jsonld', 'http://www.w3.org/ns/tdmrep.jsonld'],
  '@type': 'Offer',
  profile: 'http://www.w3.org/ns/tdmrep',
  uid: 'https://e.org/policy/1',
  assigner: {
    'vcard:fn': 'E',
    'vcard:hasEmail': 'mailto:r@e.org',
    'vcard:hasAddress': {
      'street-address': '1 Rue',
      'postal-code': '75001',
      locality: 'Paris',
      'country-name': 'FR',
    },
  },
  permission: [{ action: 'tdm:mine' }],
};
const codes = (input: unknown) => parsePolicy(JSON.stringify(input)).diagnostics.map((d) => d.code);

describe('TDM policy', () => {
  it('a minimal conforming Offer is valid and summarised', () => {
    const report = parsePolicy(JSON.stringify(base));
    expect(report.diagnostics).toEqual([]);
    expect(report.policy).toEqual({
      uid: 'https://e.org/policy/1',
      profile: 'http://www.w3.org/ns/tdmrep',
      contact: {
        name: 'E',
        email: 'mailto:r@e.org',
        address: {
          'street-address': '1 Rue',
          'postal-code': '75001',
          locality: 'Paris',
          'country-name': 'FR',
        },
      },
      permissions: [{ action: 'tdm:mine', duties: [], purpose: null, constraints: [] }],
    });
  });

  it('the context file terms and full IRIs mean the same as tdm:mine', () => {
    for (const action of ['mine', 'http://www.w3.org/ns/tdmrep#mine', { '@id': 'tdm:mine' }]) {
      expect(codes({ ...base, permission: [{ action }] })).toEqual([]);
    }
  });

  it('an action other than tdm:mine is an error', () => {
    expect(codes({ ...base, permission: [{ action: 'use' }] })).toEqual(['tdm-policy.action']);
  });

  it('obligation and prohibition are warnings, the policy stays valid', () => {
    const report = parsePolicy(JSON.stringify({ ...base, obligation: [{ action: 'compensate' }] }));
    expect(report.valid).toBe(true);
    expect(report.diagnostics.map((d) => d.code)).toEqual(['tdm-policy.obligation']);
  });

  it('unknown duties, odd vCard values and bad ISO codes are warnings', () => {
    const input = {
      ...base,
      assigner: { 'vcard:hasEmail': 'r@e.org', 'vcard:hasTelephone': '+33 1' },
      permission: [
        {
          action: 'tdm:mine',
          duty: [{ action: 'attribute' }],
          constraint: [{ leftOperand: 'spatial', operator: 'isPartOf', rightOperand: ['France'] }],
        },
      ],
    };
    const report = parsePolicy(JSON.stringify(input));
    expect(report.valid).toBe(true);
    expect(report.diagnostics.map((d) => d.code).sort()).toEqual(
      [
        'tdm-policy.duty',
        'tdm-policy.geo-extension',
        'tdm-policy.spatial-value',
        'tdm-policy.vcard',
        'tdm-policy.vcard',
      ].sort(),
    );
    expect(report.policy?.permissions[0]?.spatial).toEqual(['France']);
  });

  it('a purpose outside research / non-research is a warning', () => {
    const permission = [
      { action: 'tdm:mine', constraint: [{ leftOperand: 'purpose', operator: 'eq', rightOperand: 'ads' }] },
    ];
    expect(codes({ ...base, permission })).toEqual(['tdm-policy.purpose']);
  });

  it('a single permission object is read, with a warning that it should be an array', () => {
    const report = parsePolicy(JSON.stringify({ ...base, permission: { action: 'tdm:mine' } }));
    expect(report.policy?.permissions).toHaveLength(1);
    expect(report.diagnostics.map((d) => d.code)).toEqual(['tdm-policy.permission-shape']);
  });

  it.each([
    ['HTML', '<!doctype html><title>Licensing</title>', 'tdm-policy.not-json'],
    ['broken JSON', '{"@type":', 'tdm-policy.invalid-json'],
    ['an array', '[]', 'tdm-policy.not-object'],
  ])('a policy that is %s is invalid with no summary', (_what, text, code) => {
    const report = parsePolicy(text);
    expect(report).toMatchObject({ valid: false, diagnostics: [{ code }] });
    expect(report.policy).toBeUndefined();
  });

  it('an over-long policy is refused', () => {
    expect(parsePolicy(JSON.stringify(base), { maxBytes: 20 }).diagnostics.map((d) => d.code)).toEqual([
      'tdm-policy.truncated',
    ]);
  });
});

describe('policyKind', () => {
  it.each([
    ['text/html; charset=utf-8', undefined, 'human'],
    ['application/xhtml+xml', undefined, 'human'],
    ['application/pdf', undefined, 'human'],
    ['application/json', undefined, 'machine'],
    ['application/ld+json', undefined, 'machine'],
    ['APPLICATION/LD+JSON; profile=x', undefined, 'machine'],
    ['text/plain', ' {"@type":"Offer"}', 'machine'],
    [undefined, '<html></html>', 'human'],
    [null, undefined, 'human'],
  ])('%s with body %s is %s', (type, body, kind) => {
    expect(policyKind(type, body)).toBe(kind);
  });
});
