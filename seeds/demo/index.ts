import type { Knex } from 'knex';
import { recordAudit } from '../../src/modules/audit';
import { hashPassword, loadActor } from '../../src/modules/auth';
import { startPublication } from '../../src/modules/whitepaper';
import { advanceIdSequences } from '../../src/shared/db';
import { formatNumber } from '../../src/shared/i18n';
import { ID_TABLES, planDemo, type DemoSummary } from './plan';
import { writeDemo } from './write';

export type { DemoSummary } from './plan';

/** The password of the three demo accounts (dsi@, ambassadeur@ and contributeur@ensemble.test). */
export const DEMO_PASSWORD = 'ensemble-demo-2024';
export const DEMO_SLUG = 'construisons-ensemble-notre-nouveau-si';
/** The white paper's first edition came out at the national SI seminar. */
const DEMO_EDITION_DATE = '2024-03-13T09:00:00.000Z';

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
 * The demo is planned first, in memory (./plan), then written by one writer per owning module (./write),
 * each through its module's own functions.
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
    const plan = planDemo({
      slug: DEMO_SLUG,
      existingStructures: new Map(structures.map((s) => [s.name, Number(s.id)])),
      maxIds,
    });

    const emails = plan.people.map((p) => p.email);
    for (let i = 0; i < emails.length; i += 500) {
      const taken = (await trx('users').whereIn('email', emails.slice(i, i + 500)).pluck('email')) as string[];
      if (taken.length) throw new Error(messages.accountsExist(taken));
    }

    await writeDemo(trx, plan, passwordHash, log);
    // Ids were written explicitly: PostgreSQL's sequences must move past them.
    await advanceIdSequences(trx, ID_TABLES);
    const consultationId = plan.consultation.id;
    await recordAudit(trx, { actorId: null, action: 'demo.load', objectType: 'consultation', objectId: consultationId, consultationId, after: plan.summary });

    const { summary } = plan;
    log(
      `Démonstration écrite : ${formatNumber(summary.workshops)} ateliers, ${formatNumber(summary.participants)} participants, ` +
        `${formatNumber(summary.rawContributions)} contributions brutes, ${formatNumber(summary.consolidated)} consolidées, ` +
        `${formatNumber(summary.needs)} besoins, ${formatNumber(summary.proposals)} propositions.`,
    );
    return { consultationId, dsiUserId: plan.dsiUserId, summary };
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
    // A past edition (13 March 2024): no mail to its contributors, the demo's outbox stays empty.
    { publishedAt: new Date(DEMO_EDITION_DATE), syncMaxNeeds: Infinity, tellContributors: false },
  );
  if (!started.ok) throw new Error(`Publication de l'édition de démonstration refusée : ${Object.values(started.errors).join(' ')} ${(started.missing ?? []).map((m) => m.message).join(' ')}`);
  if (failures.length) throw new Error(`Publication de l'édition de démonstration en échec : ${failures.join(' ; ')}`);
  log(`Démonstration — livre blanc : édition ${started.value.number} publiée`);
}
