// The public surface of @optout/gate, checked so changes to it are deliberate.
import { expect, test } from 'vitest';

test('exports of @optout/gate', async () => {
  expect(Object.keys(await import('@optout/gate')).sort()).toEqual([
    'DisallowedError',
    'EvidenceLog',
    'Gate',
    'POLICY_RECORD_VERSION',
    'bodyKind',
    'createGate',
    'createMemoryStore',
    'deserializeRecord',
    'optoutInterceptor',
    'originStatements',
    'outcomeOf',
    'readEvidenceLog',
    'serializeRecord',
  ]);
});

test('exports of @optout/gate/stores/sqlite', async () => {
  expect(Object.keys(await import('@optout/gate/stores/sqlite')).sort()).toEqual(['createSqliteStore']);
});
