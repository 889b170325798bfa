import { type AiTxt, parseAiTxt } from '@optout/aitxt';
import { copyWith, type DecisionError, type Statement } from '@optout/core';
import { parseRsl, type RslDocument, rslTerms } from '@optout/page/rsl';
import { parseRobots, type Robots, type RobotsOptions } from '@optout/robots';
import { cascade, parseTdmrepFile, type TdmrepFile } from '@optout/tdmrep/file';
import type { OriginFile, Retrieval } from './http.js';
import { type FileOutcome, outcomeOf } from './outcome.js';
import type { PolicyRecord } from './stores/types.js';

/** One origin file as the gate read it: the retrieval, what it meant, and the parsed file. */
export interface OriginFileReading {
  retrieval: Retrieval;
  outcome: FileOutcome;
}

/** How a policy is read from its files. */
export interface PolicyRules {
  token: string;
  robotsAuthDenied: 'unavailable' | 'unreachable';
  originFileFailure: 'unknown' | 'reserved';
  robots: Omit<RobotsOptions, 'url' | 'maxBytes'>;
  tdmrep: 'spec' | 'conservative';
}

/**
 * Everything the gate knows about one origin: its files with their retrieval
 * records and errors, the parsed signals, and when it goes stale. This is
 * what `gate.policy(origin)` returns, for `optout audit` and `filter`.
 */
export interface OriginPolicy {
  origin: string;
  /** Epoch ms the files were retrieved. */
  fetchedAt: number;
  /** Epoch ms the policy stops being fresh. */
  expiresAt: number;
  /** The stored form: retrievals with bodies. */
  record: PolicyRecord;
  /** Each file read, by name; `aitxt-wellknown` only when `/ai.txt` gave nothing; `rsl`: the last licence document. */
  files: Partial<Record<OriginFile, OriginFileReading>>;
  robots?: Robots;
  /** The RSL licence documents robots.txt names, parsed (an unreachable one is left out: its error is in `errors`). */
  rsl: RslDocument[];
  aitxt?: AiTxt;
  tdmrep?: TdmrepFile;
  /** TDMRep cascade mode the policy was built for. */
  tdmrepMode: 'spec' | 'conservative';
  /** Statements made by the gate itself, for every URL of the origin (robots.txt unreachable, strict failures). */
  fixed: Statement[];
  /** Errors met while reading the files. */
  errors: DecisionError[];
  /** Ids of the retrievals this policy was built from (for the evidence log). */
  retrievalIds: string[];
}

const UNREACHABLE_NOTE =
  'robots.txt unreachable (RFC 9309 §2.3.1.4: 5xx, 429, timeout or network error): complete disallow assumed';

function failureStatement(
  source: 'robots' | 'tdmrep.file' | 'aitxt',
  category: 'crawl' | 'tdm' | 'train-ai',
  retrieval: Retrieval,
  error: DecisionError,
  note: string,
): Statement {
  return {
    category,
    value: 'disallow',
    source,
    scope: {},
    evidence: { raw: error.message, url: retrieval.url, retrievedAt: retrieval.retrievedAt },
    note,
  };
}

/** The statement with when and what was retrieved (time, SHA-256) added to its evidence. */
export function withRetrieval(statement: Statement, retrieval: Retrieval): Statement {
  if (!retrieval.sha256 || statement.evidence.sha256) return statement;
  const evidence = copyWith(statement.evidence, {
    retrievedAt: retrieval.retrievedAt,
    sha256: retrieval.sha256,
  });
  return copyWith(statement, { evidence });
}

/** The statement with its evidence stamped, when it came from one of the policy's files (see `withRetrieval`). */
export function stampedBy(policy: OriginPolicy, statement: Statement): Statement {
  const url = statement.evidence.url;
  const retrieval = url ? policy.record.retrievals.find((r) => r.url === url) : undefined;
  return retrieval ? withRetrieval(statement, retrieval) : statement;
}

/** robots.txt as a policy reads it: the rules' parser options, the file's URL as evidence. */
export function robotsOf(text: string, retrieval: Retrieval, rules: PolicyRules): Robots {
  return parseRobots(text, { ...rules.robots, url: retrieval.url });
}

/** An ai.txt as a policy reads it, with the file's URL as evidence (Spawning format or not). */
export function aiTxtOf(text: string, retrieval: Retrieval): AiTxt {
  return parseAiTxt(text, { url: retrieval.url });
}

/**
 * Files of a record the caller parsed already while fetching (with `robotsOf`
 * and `aiTxtOf`): robots.txt, and the ai.txt at `/ai.txt`.
 */
export interface ParsedFiles {
  robots?: Robots;
  aitxt?: AiTxt;
}

/**
 * Build the queryable policy of an origin from its stored record. Pure: no
 * I/O. What `parsed` holds is not parsed a second time.
 */
export function compilePolicy(
  record: PolicyRecord,
  rules: PolicyRules,
  parsed: ParsedFiles = {},
): OriginPolicy {
  const policy: OriginPolicy = {
    origin: record.origin,
    fetchedAt: record.fetchedAt,
    expiresAt: record.expiresAt,
    record,
    files: {},
    rsl: [],
    fixed: [],
    tdmrepMode: rules.tdmrep,
    errors: [],
    retrievalIds: record.retrievals.map((r) => r.id),
  };
  for (const retrieval of record.retrievals) {
    const outcome = outcomeOf(retrieval, rules);
    policy.files[retrieval.file] = { retrieval, outcome };
    if (outcome.kind === 'failed' || outcome.kind === 'not-a-file') policy.errors.push(outcome.error);
    readFile(policy, retrieval, outcome, rules, parsed);
  }
  return policy;
}

function readFile(
  policy: OriginPolicy,
  retrieval: Retrieval,
  outcome: FileOutcome,
  rules: PolicyRules,
  parsed: ParsedFiles,
): void {
  const strict = rules.originFileFailure === 'reserved';
  switch (retrieval.file) {
    case 'robots':
      if (outcome.kind === 'parse') {
        policy.robots = parsed.robots ?? robotsOf(outcome.text, retrieval, rules);
      } else if (outcome.kind === 'failed') {
        policy.fixed.push(failureStatement('robots', 'crawl', retrieval, outcome.error, UNREACHABLE_NOTE));
      }
      return;
    case 'aitxt':
    case 'aitxt-wellknown':
      if (outcome.kind === 'parse') {
        const aitxt = (retrieval.file === 'aitxt' && parsed.aitxt) || aiTxtOf(outcome.text, retrieval);
        if (aitxt.format === 'spawning') policy.aitxt = aitxt;
      } else if (outcome.kind === 'failed' && strict) {
        const note = 'strict mode: ai.txt could not be read, read as a reservation';
        policy.fixed.push(failureStatement('aitxt', 'train-ai', retrieval, outcome.error, note));
      }
      return;
    case 'rsl':
      if (outcome.kind === 'parse') policy.rsl.push(parseRsl(outcome.text, { url: retrieval.url }));
      return;
    case 'tdmrep':
      if (outcome.kind === 'parse') {
        policy.tdmrep = parseTdmrepFile(outcome.text, { url: retrieval.url });
      } else if (outcome.kind === 'failed' && strict) {
        const note = 'strict mode: tdmrep.json could not be read, read as a reservation';
        policy.fixed.push(failureStatement('tdmrep.file', 'tdm', retrieval, outcome.error, note));
      }
      return;
  }
}

/**
 * Every statement the origin's files make about a URL for the token. With
 * `tdmrep: false` the tdmrep.json rule is left out, for a caller that runs the
 * TDMRep cascade itself with the response's own steps.
 */
export function originStatements(
  policy: OriginPolicy,
  url: string,
  token: string,
  include: { tdmrep: boolean } = { tdmrep: true },
): Statement[] {
  const out: Statement[] = policy.robots ? policy.robots.statements(url, token) : [];
  if (policy.aitxt) for (const s of policy.aitxt.statements(url, token)) out.push(s);
  for (const document of policy.rsl) for (const s of rslTerms(document, url).statements) out.push(s);
  if (include.tdmrep && policy.tdmrep) {
    const file = policy.tdmrep.lookup(url);
    if (file) for (const s of cascade({ file }, { mode: policy.tdmrepMode }).statements) out.push(s);
  }
  for (const s of policy.fixed) out.push(s);
  return out;
}
