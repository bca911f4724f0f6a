import type { Db } from '../../shared/db';

/** Raw contributions still to process per theme, for the themes an ambassador consolidates. */
export async function pendingByTheme(db: Db, themeIds: number[]): Promise<Map<number, { pending: number; total: number }>> {
  const out = new Map<number, { pending: number; total: number }>();
  if (!themeIds.length) return out;
  const rows = await db('raw_contributions')
    .whereIn('theme_id', themeIds)
    .whereNot('status', 'retiree')
    .select('theme_id')
    .count({ total: '*' })
    .sum({ pending: db.raw("case when status = 'a_traiter' then 1 else 0 end") })
    .groupBy('theme_id');
  for (const r of rows as Array<{ theme_id: number; total: string | number; pending: string | number | null }>) {
    out.set(Number(r.theme_id), { pending: Number(r.pending ?? 0), total: Number(r.total) });
  }
  return out;
}

/** What one person did: workshops attended or registered, contributions submitted. */
export async function personalActivity(db: Db, userId: number) {
  const [reg, contrib] = await Promise.all([
    db('workshop_registrations').where({ user_id: userId }).whereNot('status', 'annule').count({ n: '*' }).first(),
    db('raw_contributions').where({ author_id: userId }).whereNot('status', 'retiree').count({ n: '*' }).first(),
  ]);
  return { registrations: Number(reg?.n ?? 0), contributions: Number(contrib?.n ?? 0) };
}
