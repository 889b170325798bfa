import type { DecisionError, Statement } from '@optout/core';
import { parseRsl, type RslDocument, rslTerms } from '@optout/page/rsl';
import { LRUCache } from 'lru-cache';
import type { Retrieval } from './http.js';
import { type OutcomeRules, outcomeOf } from './outcome.js';
import { withRetrieval } from './policy.js';

/** One licence document as read: parsed, or why it could not be. */
interface LicenseReading {
  retrieval: Retrieval;
  document?: RslDocument;
  error?: DecisionError;
}

/** What the licences a response links to say about its URL. */
export interface LinkedTerms {
  statements: Statement[];
  /** Licences that could not be read (missing ones too: SIGNALS §6.3 #4). */
  errors: DecisionError[];
  /** Ids of the retrievals behind them, for the evidence log. */
  retrievalIds: string[];
}

// Licences read per response: a page may link any number, each a request.
const MAX_LINKED = 3;
// Documents remembered: a site usually links one licence from every page.
const MAX_DOCUMENTS = 1000;

/**
 * The RSL licence documents responses link to (a `Link` header or an HTML
 * `<link>` with `rel="license"` and `type="application/rsl+xml"`, SIGNALS
 * §6.1), each read once (single-flight) and kept for `ttl` ms, or
 * `failureTtl` ms when it could not be read.
 */
export class LinkedLicenses {
  readonly #documents = new LRUCache<string, Promise<LicenseReading>>({ max: MAX_DOCUMENTS });

  constructor(
    private readonly read: (url: string) => Promise<Retrieval>,
    private readonly rules: OutcomeRules,
    private readonly ttl: { ok: number; failed: number },
  ) {}

  /**
   * The terms of the licences at `urls` (absolute, each once, as `readPage` lists them) for `target`. Those in
   * `known` (read with the origin's files already) and all but http(s) URLs
   * are left out; at most MAX_LINKED are read.
   */
  async terms(urls: readonly string[], target: string, known: ReadonlySet<string>): Promise<LinkedTerms> {
    const wanted = urls.filter((url) => isHttpUrl(url) && !known.has(url));
    const readings = await Promise.all(wanted.slice(0, MAX_LINKED).map((url) => this.#reading(url)));
    const terms: LinkedTerms = { statements: [], errors: [], retrievalIds: [] };
    for (const { retrieval, document, error } of readings) {
      terms.retrievalIds.push(retrieval.id);
      if (error) terms.errors.push(error);
      if (!document) continue;
      for (const statement of rslTerms(document, target).statements)
        terms.statements.push(withRetrieval(statement, retrieval));
    }
    return terms;
  }

  #reading(url: string): Promise<LicenseReading> {
    let reading = this.#documents.get(url);
    if (!reading) {
      reading = this.read(url).then((retrieval) => {
        const read = readingOf(retrieval, this.rules);
        if (read.error) this.#documents.set(url, Promise.resolve(read), { ttl: this.ttl.failed });
        return read;
      });
      this.#documents.set(url, reading, { ttl: this.ttl.ok });
    }
    return reading;
  }
}

// A link that is no URL (a page may write anything) is kept as written by `readPage`.
function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url) && URL.canParse(url);
}

function readingOf(retrieval: Retrieval, rules: OutcomeRules): LicenseReading {
  const outcome = outcomeOf(retrieval, rules);
  if (outcome.kind === 'parse')
    return { retrieval, document: parseRsl(outcome.text, { url: retrieval.url }) };
  if (outcome.kind !== 'absent') return { retrieval, error: outcome.error };
  const message = `${outcome.reason}: the licence document a response links to is missing`;
  return {
    retrieval,
    error: { source: 'rsl', code: 'OPTOUT_ERR_FETCH_STATUS', message, url: retrieval.url },
  };
}
