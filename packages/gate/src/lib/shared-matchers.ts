import type { StatementKeyer } from '@optout/robots';
import type { TdmrepFile } from '@optout/tdmrep/file';
import { LRUCache } from 'lru-cache';
import type { Retrieval } from './http.js';
import type { OriginPolicy } from './policy.js';

// Memory the kept matchers may take by default, as estimated: like the
// gate's compiled policies, six times the file's bytes, and a little more
// for the objects around them.
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const PER_FILE_BYTES = 512;

/**
 * The URL matchers of origin files, shared among origins that serve
 * byte-identical files: thousands of sites serve their CMS's or host's
 * default robots.txt. Which rule matches a path depends only on the file's
 * bytes, the gate's parse options and its token, not on where the file was
 * served, so one compiled matcher keys the URLs of every such origin, and
 * checks across many origins read a few objects that stay in the CPU cache
 * instead of one copy per origin. Only matching is shared: each origin's
 * statements are still built from its own file and carry its own evidence.
 */
export class SharedMatchers {
  readonly #robots: LRUCache<string, StatementKeyer>;
  readonly #tdmrep: LRUCache<string, TdmrepFile>;

  constructor(
    private readonly token: string,
    maxBytes = DEFAULT_MAX_BYTES,
  ) {
    this.#robots = new LRUCache({ maxSize: maxBytes });
    this.#tdmrep = new LRUCache({ maxSize: maxBytes });
  }

  /** The statement keyer of the policy's robots.txt for the token, if it has one. */
  robotsKeyer(policy: OriginPolicy): StatementKeyer | undefined {
    const robots = policy.robots;
    if (!robots) return undefined;
    return shared(this.#robots, policy.files.robots?.retrieval, () => robots.statementKeyer(this.token));
  }

  /** The policy's tdmrep.json, or one with the same bytes, to look up which rule decides a URL. */
  tdmrep(policy: OriginPolicy): TdmrepFile | undefined {
    const file = policy.tdmrep;
    if (!file) return undefined;
    return shared(this.#tdmrep, policy.files.tdmrep?.retrieval, () => file);
  }
}

/** The value kept for the retrieval's bytes (their SHA-256), made and kept on first sight. */
function shared<T extends object>(
  cache: LRUCache<string, T>,
  retrieval: Retrieval | undefined,
  make: () => T,
): T {
  const key = retrieval?.sha256;
  if (key === undefined) return make();
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    // A file larger than the whole cache is simply not kept.
    cache.set(key, value, { size: 6 * retrieval!.bytes + PER_FILE_BYTES });
  }
  return value;
}
