import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { demoCommand } from '../src/lib/commands/demo.js';
import { captureIo, tempDir } from './io.js';

const tmp = tempDir();
const lines = (file: string) =>
  readFileSync(join(tmp.dir, 'demo', file), 'utf8')
    .split('\n')
    .filter(Boolean);

describe('optout demo', () => {
  test('audits the example site, filters the sample list and says where the reports are, exit 0', async () => {
    const { io, out } = captureIo(tmp.dir);
    expect(await demoCommand.run(['--out-dir', 'demo'], io)).toBe(0);
    // The open site (5 URLs) has no reservation: unknown, allowed by default. Every Example Press URL is
    // reserved for train-ai by a robots.txt line (Content-Usage, Content-Signal, or Disallow for /drafts/),
    // the unreachable site's 503 robots.txt disallows its 3 URLs, tdmrep.json reserves the last site's 3.
    expect(lines('allowed.txt')).toHaveLength(5);
    expect(lines('rejected.txt')).toHaveLength(15);
    expect(lines('decisions.jsonl')).toHaveLength(20);
    const summary = JSON.parse(readFileSync(join(tmp.dir, 'demo', 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ total: 20, kept: 5, excluded: 15, inputErrors: 1 });
    expect(summary.excludedBySignal).toMatchObject({ 'tdmrep.file': 3 });
    expect(readFileSync(join(tmp.dir, 'demo', 'audit.html'), 'utf8')).toContain('id="agent-matrix"');
    expect(out()).toContain('sample-urls.txt:22: not an absolute http(s) URL');
    expect(out()).toContain(join(tmp.dir, 'demo', 'audit.html'));
    expect(out()).toContain(join(tmp.dir, 'demo', 'summary.md'));
  }, 60_000);
});
