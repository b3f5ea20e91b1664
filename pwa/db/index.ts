// The PWA's storage layer: the only code that imports Dexie.
export * from './database.ts';
export * from './ledger-store.ts';
export * from './live-query.ts';
export { CURRENT_VERSION, SCHEMA_HISTORY, quotaYearOf } from './schema.ts';
export * from './sync-store.ts';
