import type { Knex } from 'knex';
import { insertStructures } from '../../../src/modules/structures';
import { insertUsers } from '../../../src/modules/users';
import { iso } from '../plan/calendar';
import type { DemoPlan } from '../plan';
import type { Logged } from './logged';

/** The reference list of structures was loaded when the platform opened, on 2 May 2023. */
const REFERENCE_LOADED_AT = '2023-05-02T08:00:00.000Z';

/** The structures module's rows: the structures the database did not have yet. */
export async function writeStructures(db: Knex.Transaction, plan: DemoPlan, logged: Logged): Promise<void> {
  const rows = plan.structures.map(({ id, seed }) => ({
    id,
    name: seed.name,
    kind: seed.kind,
    department_code: seed.departmentCode,
    department_name: seed.departmentName,
    region: seed.region,
    created_at: REFERENCE_LOADED_AT,
  }));
  await logged('structures', rows, (r) => insertStructures(db, r));
}

/** The users module's rows: every account; only the three demo accounts get a password. */
export async function writeUsers(db: Knex.Transaction, plan: DemoPlan, passwordHash: string, logged: Logged): Promise<void> {
  const rows = plan.people.map((p) => ({
    id: p.id,
    email: p.email,
    display_name: p.name,
    password_hash: p.demo ? passwordHash : null,
    role: p.role,
    structure_id: p.structureId,
    active: true,
    anonymised_at: null,
    last_login_at: null,
    password_changed_at: p.demo ? iso(p.createdAt) : null,
    version: 1,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
  }));
  await logged('users', rows, (r) => insertUsers(db, r));
}
