// Every case of the shared expected.json files, run from the data.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cascade,
  parsePolicy,
  parseTdmrepFile,
  readTdmHeaders,
  readTdmHtml,
  readXmpTdm,
  type TdmSource,
} from '../src/index.js';

const dir = new URL('./fixtures/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, dir));
const json = <T>(path: string): T => JSON.parse(read(path).toString('utf8')) as T;

// Fixture wording for error kinds -> our diagnostic codes.
const FILE_ERRORS: Record<string, string> = {
  'root-not-array': 'tdmrep.root-not-array',
  'rule 0 invalid value type (string)': 'tdmrep.invalid-value',
};
const HEADER_ERRORS: Record<string, string> = {
  'invalid-value': 'tdmrep.invalid-value',
  'multiple-values': 'tdmrep.multiple-values',
};
const POLICY_MESSAGES: Record<string, string> = {
  '@context must be the two-value array [odrl.jsonld, tdmrep.jsonld]': 'tdm-policy.context',
  '@context must be the two-value array [odrl.jsonld, tdmrep.jsonld] (2024-05-10 report; the tdm alias form was the 2024-02-02 requirement)':
    'tdm-policy.legacy-context',
  '@context uses the pre-2024-05 alias form': 'tdm-policy.legacy-context',
  '@type must be Offer': 'tdm-policy.type',
  'profile missing': 'tdm-policy.profile-missing',
  'assigner missing': 'tdm-policy.assigner-missing',
  'permission missing': 'tdm-policy.permission-missing',
  'prohibition SHOULD NOT be used': 'tdm-policy.prohibition',
  'spatial/isPartOf constraint is a best-practice extension (techniques/tdm-policies.md), not in the core report':
    'tdm-policy.geo-extension',
};
const SOURCE_NAMES: Record<string, TdmSource> = {
  'html-meta': 'tdmrep.html',
  'http-header': 'tdmrep.header',
};

interface Outcome {
  reservation: 0 | 1 | null;
  policy?: string | null;
  rule?: number;
  error?: string;
}

describe('tdmrep/expected.json', () => {
  const { cases } = json<{ cases: { file: string; url: string; spec: Outcome; longest?: Outcome }[] }>(
    'tdmrep/expected.json',
  );
  const check = (outcome: Outcome, file: ReturnType<typeof parseTdmrepFile>, url: string) => {
    const match = file.match(url);
    expect(match.value?.reservation ?? null).toBe(outcome.reservation);
    if (outcome.policy !== undefined) expect(match.value?.policy ?? null).toBe(outcome.policy);
    if (outcome.rule !== undefined) expect(match.rule?.pointer).toBe(`/${outcome.rule}`);
    if (outcome.error) expect(file.diagnostics.map((d) => d.code)).toContain(FILE_ERRORS[outcome.error]);
    expect(file.lookup(url)).toBe(match.value);
  };
  for (const c of cases) {
    it(`${c.file} ${c.url} (first match)`, () => {
      check(c.spec, parseTdmrepFile(read(`tdmrep/${c.file}`)), c.url);
    });
    if (c.longest) {
      const longest = c.longest;
      it(`${c.file} ${c.url} (longest match, disagreement reported)`, () => {
        check(longest, parseTdmrepFile(read(`tdmrep/${c.file}`), { order: 'longest' }), c.url);
        const first = parseTdmrepFile(read(`tdmrep/${c.file}`)).match(c.url);
        expect(first.diagnostics.map((d) => d.code)).toContain('tdmrep.rule-order-ambiguity');
        expect(first.alternative?.pointer).toBe(`/${longest.rule}`);
      });
    }
  }
});

describe('http/tdmrep-header-vectors.json', () => {
  const { cases } = json<{ cases: (Outcome & { headers: Record<string, string> })[] }>(
    'http/tdmrep-header-vectors.json',
  );
  for (const c of cases) {
    it(`headers ${JSON.stringify(c.headers)}`, () => {
      const reading = readTdmHeaders(c.headers);
      expect(reading.value?.reservation ?? null).toBe(c.reservation);
      if (c.policy !== undefined) expect(reading.value?.policy ?? null).toBe(c.policy);
      if (c.error) expect(reading.diagnostics.map((d) => d.code)).toContain(HEADER_ERRORS[c.error]);
    });
  }
});

describe('html/expected.json (TDMRep parts)', () => {
  const { cases } = json<{
    cases: {
      file: string;
      responseHeaders: Record<string, string>;
      tdm: { reservation: 0 | 1; policy?: string; source: string; supersedes?: string };
    }[];
  }>('html/expected.json');
  for (const c of cases) {
    it(`${c.file}: meta read from the head and cascaded over the headers`, () => {
      const html = readTdmHtml(read(`html/${c.file}`));
      const header = readTdmHeaders(c.responseHeaders);
      const result = cascade({ header: header.value, embedded: html.value });
      expect(result.reservation).toBe(c.tdm.reservation);
      expect(result.reservationSource).toBe(SOURCE_NAMES[c.tdm.source]);
      if (c.tdm.policy) expect(result.policy).toBe(c.tdm.policy);
      const superseded = result.statements.filter((s) => s.supersededBy);
      expect(superseded.map((s) => s.source)).toEqual(
        c.tdm.supersedes ? [SOURCE_NAMES[c.tdm.supersedes]] : [],
      );
    });
  }
});

describe('xmp/expected.json (TDMRep parts)', () => {
  const { cases } = json<{ cases: { file: string; tdm?: { reservation: 0 | 1; policy?: string } }[] }>(
    'xmp/expected.json',
  );
  for (const c of cases) {
    it(`${c.file}: ${c.tdm ? `tdm:reservation=${c.tdm.reservation}` : 'no TDMRep properties'}`, () => {
      const reading = readXmpTdm(read(`xmp/${c.file}`).toString('utf8'));
      expect(reading.value?.reservation).toBe(c.tdm?.reservation);
      expect(reading.value?.policy).toBe(c.tdm?.policy);
    });
  }
});

describe('tdm-policy/expected.json', () => {
  interface Expect {
    valid: boolean;
    errors?: string[];
    warnings?: string[];
  }
  const { cases } = json<{
    cases: (Expect & { file: string; summary?: Record<string, unknown>; lenient?: Expect })[];
  }>('tdm-policy/expected.json');
  const check = (report: ReturnType<typeof parsePolicy>, e: Expect) => {
    expect(report.valid).toBe(e.valid);
    const codes = (severity: string) =>
      report.diagnostics.filter((d) => d.severity === severity).map((d) => d.code);
    if (e.errors) expect(codes('error').sort()).toEqual(e.errors.map((m) => POLICY_MESSAGES[m]).sort());
    for (const w of e.warnings ?? []) expect(codes('warning')).toContain(POLICY_MESSAGES[w]);
  };
  for (const c of cases) {
    it(`${c.file} (strict)`, () => {
      const report = parsePolicy(read(`tdm-policy/${c.file}`));
      check(report, c);
      if (c.summary) expect(report.policy).toMatchObject(c.summary);
    });
    if (c.lenient) {
      const lenient = c.lenient;
      it(`${c.file} (lenient)`, () => {
        check(parsePolicy(read(`tdm-policy/${c.file}`), { mode: 'lenient' }), lenient);
      });
    }
  }
});
