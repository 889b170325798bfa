// The example runs in one command and crawls what the gate allows, nothing else.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

test('pnpm start: crawls the local site, never requesting what robots.txt or tdmrep.json refuse', () => {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const out = execFileSync(
    process.execPath,
    ['--conditions=@optout/source', '--import', 'tsx', 'src/main.ts'],
    {
      cwd,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(out).toMatch(/NOT FETCHED\s+\/drafts\/secret\s+robots line 5/);
  expect(out).toMatch(/NOT FETCHED\s+\/books\/novel\s+tdmrep\.file/);
  expect(out).toMatch(/fetched, not for training\s+\/gallery\/art\s+meta-robots/);
  const requested = out.split('the site saw requests for: ')[1]!;
  expect(requested).not.toContain('/drafts/');
  expect(requested).not.toContain('/books/');
});
