// Throwaway ledger databases for the db tests (fake-indexeddb): each test opens fresh ones by a
// unique name; they are closed and deleted after each test.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach } from 'vitest';
import { CrossCheckDatabase } from '../../../pwa/db/index.ts';

const opened: CrossCheckDatabase[] = [];

export function database(name = `db-${opened.length}-${Math.random().toString(36).slice(2)}`): CrossCheckDatabase {
  const db = new CrossCheckDatabase(name);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});
