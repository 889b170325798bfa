// Shared by the corpus and differential tests: the real-world corpus
// (scrapy/protego test data, 4,231 robots.txt files) stays in ../shared and is
// extracted to a temporary directory once per test file.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the corpus archive is when the shared fixtures are beside the checkout. */
export const CORPUS_ARCHIVE = new URL(
  '../../../../shared/fixtures/robots/real-world-corpus.tgz',
  import.meta.url,
).pathname;

/** True when the archive is present (it is not part of the repository). */
export const hasCorpus = existsSync(CORPUS_ARCHIVE);

/** Extract the corpus; returns the sorted file paths and a cleanup function. */
export function extractCorpus(): { files: string[]; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'optout-robots-corpus-'));
  execFileSync('tar', ['xzf', CORPUS_ARCHIVE, '-C', dir]);
  const data = join(dir, 'test_data');
  const files = readdirSync(data)
    .sort()
    .map((name) => join(data, name));
  return { files, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
