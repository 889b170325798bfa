// The evidence log: append-only JSONL of retrievals and decisions; a torn
// last line never breaks reading.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import {
  createGate,
  type DecisionEntry,
  EvidenceLog,
  type RetrievalEntry,
  readEvidenceLog,
} from '../src/index.js';
import { reply, startServer, type TestServer } from './helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'optout-gate-evidence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('evidence log', () => {
  test('records every retrieval and every decision, decisions referring to retrievals by id', async () => {
    const s = await startServer({
      '/robots.txt': reply(200, 'User-agent: *\nDisallow: /p\n', { etag: '"v1"' }),
    });
    servers.push(s);
    const path = join(dir, 'run.jsonl');
    const gate = createGate({ agent: { token: 'TestBot', userAgent: 'TestBot/1.0' }, evidenceLog: path });
    await gate.check(`${s.origin}/p/1`);
    await gate.check(`${s.origin}/q`);
    await gate.close();
    const { entries, skipped } = await readEvidenceLog(path);
    expect(skipped).toBe(0);
    const retrievals = entries.filter((e): e is RetrievalEntry => e.type === 'retrieval');
    const decisions = entries.filter((e): e is DecisionEntry => e.type === 'decision');
    expect(retrievals.map((r) => r.file).sort()).toEqual(['aitxt', 'aitxt-wellknown', 'robots', 'tdmrep']);
    const robots = retrievals.find((r) => r.file === 'robots')!;
    expect(robots).toMatchObject({ status: 200, url: `${s.origin}/robots.txt`, headers: { etag: '"v1"' } });
    expect(robots.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(robots).not.toHaveProperty('body');
    expect(decisions.map((d) => [d.decision.url, d.decision.allowed])).toEqual([
      [`${s.origin}/p/1`, false],
      [`${s.origin}/q`, true],
    ]);
    expect(decisions[0]!.retrievals.sort()).toEqual(retrievals.map((r) => r.id).sort());
  });

  test('a torn last line (crash mid-write) is skipped by the reader', async () => {
    const path = join(dir, 'torn.jsonl');
    writeFileSync(path, '{"type":"decision","at":"x","retrievals":[],"decision":{}}\n{"type":"retr');
    const { entries, skipped } = await readEvidenceLog(path);
    expect(entries).toHaveLength(1);
    expect(skipped).toBe(1);
  });

  test('reopening a torn file starts a new line, so the next entry stays readable', async () => {
    const path = join(dir, 'reopen.jsonl');
    writeFileSync(path, '{"type":"retr');
    const log = new EvidenceLog({ path, fsync: 'always' });
    log.append({ type: 'decision', at: 'now', retrievals: ['a'], decision: {} as DecisionEntry['decision'] });
    log.close();
    const { entries, skipped } = await readEvidenceLog(path);
    expect(entries).toEqual([expect.objectContaining({ type: 'decision', retrievals: ['a'] })]);
    expect(skipped).toBe(1);
  });

  test.each(['always', 'flush', 'never'] as const)(
    'fsync %s: every appended line is in the file after close',
    (fsync) => {
      const path = join(dir, `fsync-${fsync}.jsonl`);
      const log = new EvidenceLog({ path, fsync, flushInterval: 10_000 });
      for (let i = 0; i < 5; i++)
        log.append({
          type: 'decision',
          at: String(i),
          retrievals: [],
          decision: {} as DecisionEntry['decision'],
        });
      if (fsync === 'always') expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(6);
      log.close();
      expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(5);
    },
  );
});
