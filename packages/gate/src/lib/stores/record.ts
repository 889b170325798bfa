import { OptoutError } from '@optout/core';
import type { Retrieval } from '../http.js';
import { POLICY_RECORD_VERSION, type PolicyRecord } from './types.js';

type StoredRetrieval = Omit<Retrieval, 'body'> & { body?: string };

/** A policy record as JSON text; bodies become base64. For stores that keep strings (SQLite, Redis). */
export function serializeRecord(record: PolicyRecord): string {
  const retrievals: StoredRetrieval[] = record.retrievals.map(({ body, ...rest }) =>
    body
      ? { ...rest, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64') }
      : rest,
  );
  return JSON.stringify({ ...record, retrievals });
}

/** The inverse of `serializeRecord`. Throws `OPTOUT_ERR_STORE` on text of another version or shape. */
export function deserializeRecord(text: string): PolicyRecord {
  let parsed: Omit<PolicyRecord, 'retrievals'> & { retrievals: StoredRetrieval[] };
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new OptoutError('OPTOUT_ERR_STORE', 'stored policy is not JSON', { cause });
  }
  if (parsed?.version !== POLICY_RECORD_VERSION || !Array.isArray(parsed.retrievals)) {
    throw new OptoutError(
      'OPTOUT_ERR_STORE',
      `stored policy has an unknown format (version ${parsed?.version})`,
    );
  }
  const retrievals = parsed.retrievals.map(
    ({ body, ...rest }): Retrieval =>
      body === undefined ? rest : { ...rest, body: new Uint8Array(Buffer.from(body, 'base64')) },
  );
  return { ...parsed, retrievals };
}

/** Approximate bytes a record holds in memory, for byte-bounded caches. */
export function recordSize(record: PolicyRecord): number {
  let size = 256;
  for (const retrieval of record.retrievals) size += 512 + (retrieval.body?.byteLength ?? 0);
  return size;
}
