// End-to-end: the BUILT binary (`packages/cli/dist/bin.js`, from `tsc -b`)
// against real HTTP servers on 127.0.0.1.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXAMPLE_PRESS, type RunningSite, startSite } from '../../packages/cli/src/lib/demo/site.js';
import { hasChromium, launchChromium } from '../../packages/cli/test/chromium.js';

const BIN = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'optout-e2e-'));
const ORIGINS = 40;
const PER_ORIGIN = 500;
const servers: Server[] = [];
const origins: string[] = [];
let press: RunningSite;

/** A site whose robots.txt (after `delayMs`) disallows /private/ for everyone. */
async function slowSite(delayMs: number): Promise<string> {
  const server = createServer((req, res) => {
    if (req.url === '/robots.txt') {
      setTimeout(() => res.writeHead(200).end('User-agent: *\nDisallow: /private/\n'), delayMs);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  for (let i = 0; i < ORIGINS; i++) origins.push(await slowSite(100));
  press = await startSite(EXAMPLE_PRESS);
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await press.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Run the binary without blocking this process (the loopback servers live here). */
function optout(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const lines = (name: string) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean);

/** URLs grouped by origin (each origin's robots.txt is slow, so the run takes a few seconds); every 5th is /private/. */
function urlList(): { text: string; urls: string[]; badLine: number } {
  const urls: string[] = [];
  for (const origin of origins)
    for (let i = 0; i < PER_ORIGIN; i++) urls.push(`${origin}/${i % 5 === 0 ? 'private/' : ''}p${i}`);
  const rows = [...urls];
  const badLine = rows.length - 10;
  rows.splice(badLine - 1, 0, 'http//missing-colon.example/');
  return { text: rows.join('\n') + '\n', urls, badLine };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

// The binary exists once `tsc -b` has run (the root `pnpm test` builds first); without it there is nothing to run.
describe.skipIf(!existsSync(BIN))('optout binary end to end', () => {
  test('filter: kill -9 in the middle, then --resume: every URL exactly once, exact counts, malformed line reported', async () => {
    const { text, urls, badLine } = urlList();
    writeFileSync(join(dir, 'urls.txt'), text);
    const args = [
      'filter',
      'urls.txt',
      '--agent',
      'E2EBot',
      '--out',
      'ok.txt',
      '--rejected',
      'no.txt',
      '--decisions',
      'd.jsonl',
    ];
    const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: 'ignore' });
    const journal = join(dir, 'ok.txt.optout-journal.json');
    // Kill once a checkpoint past the start exists and the run is not done.
    await waitFor(() => existsSync(journal) && JSON.parse(readFileSync(journal, 'utf8')).next > 0, 20_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const killedAt = JSON.parse(readFileSync(journal, 'utf8'));
    expect(killedAt.done).toBe(false);
    expect(killedAt.next).toBeLessThan(urls.length);

    const resumed = await optout([...args, '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(
      `urls.txt:${badLine}: not an absolute http(s) URL: "http//missing-colon.example/"`,
    );
    const written = [...lines('ok.txt'), ...lines('no.txt')];
    expect(written).toHaveLength(urls.length);
    expect(new Set(written).size).toBe(urls.length);
    expect(written.sort()).toEqual([...urls].sort());
    expect(lines('no.txt')).toHaveLength(ORIGINS * (PER_ORIGIN / 5));
    expect(lines('ok.txt')).toHaveLength(ORIGINS * PER_ORIGIN * (4 / 5));
    expect(lines('d.jsonl').map((l) => JSON.parse(l).url)).toEqual(urls);
    const summary = JSON.parse(readFileSync(join(dir, 'ok.txt.summary.json'), 'utf8'));
    expect(summary).toMatchObject({
      total: urls.length,
      excluded: ORIGINS * (PER_ORIGIN / 5),
      inputErrors: 1,
    });
  }, 60_000);

  test('filter: Ctrl-C (SIGINT) finishes cleanly with exit 130, and --resume completes the run', async () => {
    const { text, urls } = urlList();
    writeFileSync(join(dir, 'urls2.txt'), text);
    const args = ['filter', 'urls2.txt', '--agent', 'E2EBot', '--out', 'i-ok.txt', '--rejected', 'i-no.txt'];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const journal = join(dir, 'i-ok.txt.optout-journal.json');
    await waitFor(() => existsSync(journal) && JSON.parse(readFileSync(journal, 'utf8')).next > 0, 20_000);
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted; run the same command with --resume');
    const stopped = JSON.parse(readFileSync(journal, 'utf8'));
    expect(stopped.done).toBe(false);
    // A clean stop leaves nothing past the checkpoint.
    expect(lines('i-ok.txt').length + lines('i-no.txt').length).toBe(stopped.next);
    const resumed = await optout([...args, '--resume']);
    expect(resumed.code).toBe(0);
    expect([...lines('i-ok.txt'), ...lines('i-no.txt')].sort()).toEqual([...urls].sort());
  }, 60_000);

  test('filter: jsonl input with a malformed line: exact counts in every output, the run goes on', async () => {
    const origin = origins[0]!;
    const rows = [
      `{"url":"${origin}/a"}`,
      `{"url":"${origin}/private/b"}`,
      '{"url": nope}',
      `{"url":"${origin}/c","n":3}`,
    ];
    writeFileSync(join(dir, 'in.jsonl'), rows.join('\n') + '\n');
    const r = await optout([
      'filter',
      'in.jsonl',
      '--agent',
      'E2EBot',
      '--out',
      'j-ok.jsonl',
      '--rejected',
      'j-no.jsonl',
      '--decisions',
      'j-d.jsonl',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/in\.jsonl:3: malformed JSON/);
    expect(lines('j-ok.jsonl')).toEqual([rows[0], rows[3]]);
    expect(lines('j-no.jsonl')).toEqual([rows[1]]);
    expect(lines('j-d.jsonl')).toHaveLength(3);
    expect(r.stdout).toContain(
      '3 URLs checked for E2EBot / train-ai: 2 kept, 1 excluded, 1 unreadable input lines',
    );
  });

  test('audit --html: the report rendered in headless Chromium shows the agent matrix', async () => {
    const r = await optout(['audit', `${press.origin}/`, '--html', 'audit.html']);
    expect(r.code).toBe(1); // the example site has contradictions
    expect(r.stdout).toContain('contradiction: robots.txt lets ClaudeBot crawl');
    // Rendering needs Debian's chromium: the rest is skipped where it is not installed.
    if (!hasChromium) return;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(dir, 'audit.html')}`);
      const matrix = page.locator('#agent-matrix');
      expect(await matrix.isVisible()).toBe(true);
      expect(await matrix.locator('thead th').allTextContents()).toEqual([
        'agent',
        'crawl',
        'train-ai',
        'ai-input',
        'search',
      ]);
      const gpt = matrix.locator('tbody tr', { hasText: 'GPTBot' }).first();
      expect(await gpt.locator('td.disallowed').count()).toBe(4);
    } finally {
      await browser.close();
    }
  }, 60_000);

  test('demo: runs on loopback only and exits 0 with the report paths', async () => {
    const r = await optout(['demo', '--out-dir', 'demo-out']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(join(dir, 'demo-out', 'audit.html'));
    expect(lines('demo-out/allowed.txt')).toHaveLength(5);
    expect(lines('demo-out/rejected.txt')).toHaveLength(15);
  }, 60_000);
});
