import { registerConsultationPanel } from '../consultations';
import { whitepaperPolicy } from './policy';
import { isAmbassadorOf, latestEdition, listEditions } from './queries';

// The consultation's public page links the latest edition (PDF and web), for visitors too.
registerConsultationPanel('whitepaper', async ({ db, actor, consultation }) => {
  const latest = await latestEdition(db, consultation.id);
  const ambassadorHere = whitepaperPolicy.mayBeAmbassadorHere(actor) && (await isAmbassadorOf(db, consultation.id, actor!.id));
  const canPreview = !!actor && whitepaperPolicy.canPreviewDraft(actor, { ambassadorHere });
  if (!latest && !canPreview) return null;
  const count = latest ? (await listEditions(db, consultation.id)).length : 0;
  return { view: 'whitepaper/_panel', locals: { latest: latest ?? null, count, slug: consultation.slug, canPreview } };
});
