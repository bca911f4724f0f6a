import type { Knex } from 'knex';
import { hashPassword, loadActor } from '../../src/modules/auth';
import { startPublication } from '../../src/modules/whitepaper';
import { buildDemo, ID_TABLES, TABLES, type DemoSummary } from './build';

export type { DemoSummary } from './build';

/** The password of the three demo accounts (dsi@, ambassadeur@ and contributeur@ensemble.test). */
export const DEMO_PASSWORD = 'ensemble-demo-2024';
export const DEMO_SLUG = 'construisons-ensemble-notre-nouveau-si';
/** The white paper's first edition came out at the national SI seminar. */
const DEMO_EDITION_DATE = '2024-03-13T09:00:00.000Z';

/** Rows per INSERT: well under the bound-parameter limits of SQLite (32 766) and PostgreSQL (65 535). */
const CHUNK = 200;

const messages = {
  notEmpty: 'La base contient déjà une consultation : la démonstration ne se charge que dans une base vide.',
  accountsExist: (emails: string[]) =>
    `Des comptes de la démonstration existent déjà (${emails.slice(0, 3).join(', ')}${emails.length > 3 ? '…' : ''}) : ` +
    'la démonstration ne se charge que dans une base vide.',
};

/** No consultation and no account: a fresh installation, where the demo may be loaded. */
export async function isDatabaseEmpty(db: Knex): Promise<boolean> {
  const consultations = await db('consultations').count({ n: '*' }).first();
  const users = await db('users').count({ n: '*' }).first();
  return Number(consultations?.n ?? 0) === 0 && Number(users?.n ?? 0) === 0;
}

/**
 * Loads the demo consultation « Construisons ensemble notre nouveau SI » (84 workshops, 811 participants,
 * 1091 raw contributions, 300 consolidated, 88 needs) in one transaction: all of it or nothing.
 * The content is deterministic (seeded generator); only the password hash and the load's audit entry vary.
 */
export async function seedDemo(db: Knex, options: { log?: (msg: string) => void } = {}): Promise<DemoSummary> {
  const log = options.log ?? (() => undefined);
  // Hashing is deliberately slow: once, outside the transaction, shared by the three demo accounts.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const loaded = await db.transaction(async (trx) => {
    const consultations = await trx('consultations').count({ n: '*' }).first();
    if (Number(consultations?.n ?? 0) > 0) throw new Error(messages.notEmpty);

    const maxIds: Record<string, number> = {};
    for (const table of ID_TABLES) {
      const row = await trx(table).max({ m: 'id' }).first();
      maxIds[table] = Number(row?.m ?? 0);
    }
    const structures = (await trx('structures').select('id', 'name')) as Array<{ id: number; name: string }>;
    const data = buildDemo({
      slug: DEMO_SLUG,
      passwordHash,
      existingStructures: new Map(structures.map((s) => [s.name, Number(s.id)])),
      maxIds,
    });

    for (let i = 0; i < data.emails.length; i += 500) {
      const taken = (await trx('users').whereIn('email', data.emails.slice(i, i + 500)).pluck('email')) as string[];
      if (taken.length) throw new Error(messages.accountsExist(taken));
    }

    for (const table of TABLES) {
      const rows = data.rows[table];
      for (let i = 0; i < rows.length; i += CHUNK) await trx(table).insert(rows.slice(i, i + CHUNK));
      log(`Démonstration — ${table} : ${rows.length} ligne(s)`);
    }

    // Ids were written explicitly: PostgreSQL's sequences must move past them (SQLite follows by itself).
    if (trx.client.config.client === 'pg') {
      for (const table of ID_TABLES) {
        await trx.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT MAX(id) FROM ??))`, [table, table]);
      }
    }

    await trx('audit_log').insert([
      {
        actor_id: null,
        action: 'demo.load',
        object_type: 'consultation',
        object_id: String(data.consultationId),
        consultation_id: data.consultationId,
        before_json: null,
        after_json: JSON.stringify(data.summary),
        request_id: null,
        created_at: new Date().toISOString(),
      },
    ]);

    log(
      `Démonstration chargée : ${data.summary.workshops} ateliers, ${data.summary.participants} participants, ` +
        `${data.summary.rawContributions} contributions brutes, ${data.summary.consolidated} consolidées, ` +
        `${data.summary.needs} besoins, ${data.summary.proposals} propositions.`,
    );
    return data;
  });
  await publishDemoEdition(db, loaded.consultationId, loaded.dsiUserId, log);
  return loaded.summary;
}

/**
 * Edition 1 of the white paper, published as the DSI published it on 13 March 2024, through the very
 * use case of the interface (snapshot, PDF, checksum, audit entry): the demo's PDF is a real one.
 */
async function publishDemoEdition(db: Knex, consultationId: number, dsiUserId: number, log: (msg: string) => void): Promise<void> {
  const consultation = await db('consultations').where({ id: consultationId }).first('id', 'slug', 'title');
  const actor = await loadActor(db, dsiUserId);
  if (!actor) throw new Error('Publication de l’édition de démonstration : compte DSI introuvable.');
  const failures: string[] = [];
  const started = await startPublication(
    { db, logger: { error: (obj: object, msg: string) => void failures.push(`${msg} ${String((obj as { err?: Error }).err?.message ?? '')}`) } },
    actor,
    { id: Number(consultation.id), slug: consultation.slug, title: consultation.title },
    { contentVersion: 1 },
    { publishedAt: new Date(DEMO_EDITION_DATE), syncMaxNeeds: Infinity },
  );
  if (!started.ok) throw new Error(`Publication de l'édition de démonstration refusée : ${Object.values(started.errors).join(' ')} ${(started.missing ?? []).map((m) => m.message).join(' ')}`);
  if (failures.length) throw new Error(`Publication de l'édition de démonstration en échec : ${failures.join(' ; ')}`);
  log(`Démonstration — livre blanc : édition ${started.value.number} publiée`);
}
