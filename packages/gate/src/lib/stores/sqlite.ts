import { assertArg, OptoutError } from '@optout/core';
import Database from 'better-sqlite3';
import { deserializeRecord, serializeRecord } from './record.js';
import { POLICY_RECORD_VERSION, type PolicyStore } from './types.js';

/** Options of the SQLite store. */
export interface SqliteStoreOptions {
  /** Database file; shared by every gate and run that opens it. `':memory:'` for a private one. */
  path: string;
}

// The format version is in the table name: a new format gets a new table, and
// old files are never migrated in place.
const TABLE = `optout_policies_v${POLICY_RECORD_VERSION}`;

/**
 * A store in a SQLite file (better-sqlite3), so policies survive restarts and
 * are shared by runs on one machine. WAL mode lets several processes read
 * while one writes. Expired rows are skipped on read and purged on open.
 */
export function createSqliteStore(options: SqliteStoreOptions): PolicyStore {
  assertArg(typeof options?.path === 'string' && options.path.length > 0, 'sqlite store needs a path');
  let db: Database.Database;
  try {
    db = new Database(options.path);
  } catch (cause) {
    throw new OptoutError('OPTOUT_ERR_STORE', `cannot open SQLite store ${options.path}`, { cause });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${TABLE} (origin TEXT PRIMARY KEY, record TEXT NOT NULL, keep_until INTEGER NOT NULL)`,
  );
  db.prepare(`DELETE FROM ${TABLE} WHERE keep_until <= ?`).run(Date.now());
  const select = db.prepare<[string, number], { record: string }>(
    `SELECT record FROM ${TABLE} WHERE origin = ? AND keep_until > ?`,
  );
  const upsert = db.prepare(
    `INSERT INTO ${TABLE} (origin, record, keep_until) VALUES (?, ?, ?)
     ON CONFLICT(origin) DO UPDATE SET record = excluded.record, keep_until = excluded.keep_until`,
  );
  const remove = db.prepare(`DELETE FROM ${TABLE} WHERE origin = ?`);
  return {
    get(origin) {
      const row = select.get(origin, Date.now());
      return row ? deserializeRecord(row.record) : undefined;
    },
    set(origin, record, { keepUntil }) {
      upsert.run(origin, serializeRecord(record), keepUntil);
    },
    delete(origin) {
      remove.run(origin);
    },
    close() {
      if (db.open) db.close();
    },
  };
}
