import type { Db } from '../../shared/db';
import { insertRows, type PlainRow } from '../../shared/db';

export interface StructureRow {
  id: number;
  name: string;
  kind: string;
  department_code: string | null;
  department_name: string | null;
  region: string;
}

export async function listStructures(db: Db): Promise<StructureRow[]> {
  return db('structures').select('id', 'name', 'kind', 'department_code', 'department_name', 'region').orderBy('name');
}

export async function findStructureByName(db: Db, name: string): Promise<StructureRow | undefined> {
  return db('structures').whereRaw('lower(name) = ?', [name.trim().toLowerCase()]).first();
}

export async function findStructure(db: Db, id: number): Promise<StructureRow | undefined> {
  return db('structures').where({ id }).first();
}

// Bulk loads (the demo): rows whose ids and history are already decided, written in batches.
export async function insertStructures(db: Db, rows: readonly PlainRow[]): Promise<void> {
  await insertRows(db, 'structures', rows);
}
