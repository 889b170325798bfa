// Both stores pass the one conformance suite; the SQLite file outlives a gate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { createGate, createMemoryStore, deserializeRecord, serializeRecord } from '../src/index.js';
import { createSqliteStore } from '../src/stores/sqlite.js';
import { reply, startServer, type TestServer } from './helpers/server.js';
import { sampleRecord, storeConformance } from './store-conformance.js';

const dir = mkdtempSync(join(tmpdir(), 'optout-gate-stores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeConformance('memory', () => createMemoryStore());
storeConformance('sqlite (file)', () => createSqliteStore({ path: join(dir, `conformance-${n++}.db`) }));

describe('memory store', () => {
  test('is bounded by bytes: the least recently used record goes first', () => {
    const store = createMemoryStore({ maxBytes: 4_000 });
    const keep = { keepUntil: Date.now() + 60_000 };
    for (let i = 0; i < 10; i++)
      store.set(`https://s${i}.example`, sampleRecord(`https://s${i}.example`), keep);
    expect(store.get('https://s0.example')).toBeUndefined();
    expect(store.get('https://s9.example')).toBeDefined();
  });
});

describe('sqlite store', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  test('a record with an unknown format version is refused with OPTOUT_ERR_STORE', () => {
    const text = serializeRecord(sampleRecord()).replace('"version":1', '"version":99');
    expect(() => deserializeRecord(text)).toThrow(expect.objectContaining({ code: 'OPTOUT_ERR_STORE' }));
  });

  test('a second gate instance reuses the policies of the first from the file', async () => {
    const s = await startServer({ '/robots.txt': reply(200, 'User-agent: *\nDisallow: /secret\n') });
    servers.push(s);
    const path = join(dir, 'shared.db');
    const agent = { token: 'TestBot', userAgent: 'TestBot/1.0' };
    const first = createGate({ agent, store: createSqliteStore({ path }) });
    expect((await first.check(`${s.origin}/secret`)).allowed).toBe(false);
    await first.close();
    const requestsAfterFirst = s.requests.length;

    const second = createGate({ agent, store: createSqliteStore({ path }) });
    const d = await second.check(`${s.origin}/secret/2`);
    expect(d.allowed).toBe(false);
    expect(d.statements[0]!.evidence.line).toBe(2);
    expect(s.requests.length).toBe(requestsAfterFirst);
    await second.close();
  });

  test('an unopenable path fails with OPTOUT_ERR_STORE', () => {
    expect(() => createSqliteStore({ path: join(dir, 'missing-dir', 'x.db') })).toThrow(
      expect.objectContaining({ code: 'OPTOUT_ERR_STORE' }),
    );
  });
});
