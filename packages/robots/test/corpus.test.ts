// Robustness on real files: every one of the 4,231 corpus files parses without
// throwing, within the size limit, in bounded time, and answers queries.
import { readFileSync } from 'node:fs';
import { parseRobots } from '@optout/robots';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { extractCorpus, hasCorpus } from './corpus.js';

// The corpus lives in ../shared (not in the repository); skip where it is absent.
describe.skipIf(!hasCorpus)('real-world corpus', () => {
  let corpus: ReturnType<typeof extractCorpus>;
  // Extracting 4,231 files can take a while on a busy machine.
  beforeAll(() => {
    corpus = extractCorpus();
  }, 120_000);
  afterAll(() => corpus?.cleanup());

  test('all 4,231 files parse without throwing, within limits and time', () => {
    expect(corpus.files).toHaveLength(4231);
    let truncated = 0;
    for (const file of corpus.files) {
      const bytes = new Uint8Array(readFileSync(file));
      const start = performance.now();
      const robots = parseRobots(bytes, { url: 'https://example.com/robots.txt' });
      robots.isAllowed('https://example.com/some/path?q=1', 'GPTBot');
      robots.statements('/', 'Googlebot');
      const took = performance.now() - start;
      if (robots.truncated) {
        truncated++;
        expect(bytes.length).toBeGreaterThan(512_000);
      }
      // Generous bound for a busy shared machine; typical files take well under 1 ms.
      expect(took, file).toBeLessThan(2000);
    }
    // hermes.com (1.37 MB), docs.oracle.com (853 KB) and go.com (594 KB) are over 500 KiB.
    expect(truncated).toBe(3);
  });
});
