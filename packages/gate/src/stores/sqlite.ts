export { createSqliteStore, type SqliteStoreOptions } from '../lib/stores/sqlite.js';
