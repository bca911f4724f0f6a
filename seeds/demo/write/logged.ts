import type { PlainRow } from '../../../src/shared/db';

/**
 * Writes one table's rows through its owner's bulk insert and reports the count to the operator
 * (`ensemble demo` shows the progress of a load table by table).
 */
export type Logged = (table: string, rows: readonly PlainRow[], insert: (rows: readonly PlainRow[]) => Promise<void>) => Promise<void>;

export function loggedWith(log: (msg: string) => void): Logged {
  return async (table, rows, insert) => {
    await insert(rows);
    log(`Démonstration — ${table} : ${rows.length} ligne(s)`);
  };
}
