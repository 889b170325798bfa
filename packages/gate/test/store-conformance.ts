// One conformance suite for every PolicyStore (memory, SQLite; a Redis store
// would call it too). Each store test file calls `storeConformance`.
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Retrieval } from '../src/lib/http.js';
import { POLICY_RECORD_VERSION, type PolicyRecord, type PolicyStore } from '../src/lib/stores/types.js';

function retrieval(body?: Uint8Array): Retrieval {
  return {
    id: 'r-1',
    file: 'robots',
    url: 'https://example.org/robots.txt',
    finalUrl: 'https://example.org/robots.txt',
    redirects: [],
    status: 200,
    headers: { 'content-type': 'text/plain' },
    retrievedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 3,
    bytes: body?.length ?? 0,
    truncated: false,
    ...(body ? { body, sha256: 'ab'.repeat(32) } : {}),
  };
}

/** A record for an origin, with a binary body that must survive the round trip byte for byte. */
export function sampleRecord(origin = 'https://example.org', expiresAt = Date.now() + 60_000): PolicyRecord {
  const body = new Uint8Array([0xef, 0xbb, 0xbf, 0x55, 0x73, 0x65, 0x72, 0x00, 0xff, 0x0a]);
  return {
    version: POLICY_RECORD_VERSION,
    origin,
    fetchedAt: Date.now(),
    expiresAt,
    failures: 2,
    retrievals: [retrieval(body), { ...retrieval(), id: 'r-2', file: 'tdmrep', status: 404 }],
  };
}

/** Run the PolicyStore contract against stores made by `create`. */
export function storeConformance(name: string, create: () => PolicyStore): void {
  describe(`PolicyStore conformance: ${name}`, () => {
    const open: PolicyStore[] = [];
    const store = () => {
      const s = create();
      open.push(s);
      return s;
    };
    afterEach(async () => {
      vi.useRealTimers();
      for (const s of open.splice(0)) await s.close?.();
    });

    test('get of an unknown origin is undefined', async () => {
      expect(await store().get('https://nowhere.example')).toBeUndefined();
    });

    test('set then get returns the record, bodies byte for byte', async () => {
      const s = store();
      const record = sampleRecord();
      await s.set(record.origin, record, { keepUntil: Date.now() + 60_000 });
      const back = await s.get(record.origin);
      expect(back).toEqual(record);
      expect(back!.retrievals[0]!.body).toBeInstanceOf(Uint8Array);
    });

    test('set replaces an earlier record', async () => {
      const s = store();
      await s.set('https://a.example', sampleRecord('https://a.example'), { keepUntil: Date.now() + 60_000 });
      const newer = { ...sampleRecord('https://a.example'), failures: 0 };
      await s.set('https://a.example', newer, { keepUntil: Date.now() + 60_000 });
      expect((await s.get('https://a.example'))!.failures).toBe(0);
    });

    test('origins are kept apart', async () => {
      const s = store();
      await s.set('https://a.example', sampleRecord('https://a.example'), { keepUntil: Date.now() + 60_000 });
      expect(await s.get('https://a.example:8443')).toBeUndefined();
      expect(await s.get('http://a.example')).toBeUndefined();
    });

    test('delete removes a record', async () => {
      const s = store();
      await s.set('https://a.example', sampleRecord('https://a.example'), { keepUntil: Date.now() + 60_000 });
      await s.delete('https://a.example');
      expect(await s.get('https://a.example')).toBeUndefined();
    });

    test('a record is gone after keepUntil', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const s = store();
      await s.set('https://a.example', sampleRecord('https://a.example'), { keepUntil: Date.now() + 1_000 });
      vi.setSystemTime(Date.now() + 999);
      expect(await s.get('https://a.example')).toBeDefined();
      vi.setSystemTime(Date.now() + 2);
      expect(await s.get('https://a.example')).toBeUndefined();
    });
  });
}
