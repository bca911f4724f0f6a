import type { Db } from '../../shared/db';
import { listThemes } from '../consultations';
import { latestEdition } from '../whitepaper';
import { followupOverview, type Overview } from './overview';

/**
 * The follow-up of a consultation as other pages show it (the DSI's dashboard, the needs' export): the
 * same overview as the follow-up's own pages (same themes, same memo), so that the indicator read
 * there is the one the follow-up shows. Before the first edition nothing is followed: no overview.
 */
export async function followupSummary(db: Db, consultationId: number): Promise<{ published: boolean; overview: Overview | null }> {
  if (!(await latestEdition(db, consultationId))) return { published: false, overview: null };
  const themes = (await listThemes(db, consultationId)).map((t) => ({ code: t.code, title: t.title }));
  return { published: true, overview: await followupOverview(db, consultationId, themes) };
}
