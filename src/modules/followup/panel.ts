import { registerConsultationPanel } from '../consultations';
import { latestEdition } from '../whitepaper';
import { followupOverview } from './overview';
import { followupPolicy } from './policy';

// « Suivi de la prise en compte des besoins » on the consultation's public page, once the white paper
// is published: the indicator in one sentence and the links (the DSI's list for the DSI).
registerConsultationPanel('followup', async ({ db, actor, consultation, themes }) => {
  const edition = await latestEdition(db, consultation.id);
  if (!followupPolicy.canReadPublic(actor, { published: !!edition })) return null;
  const { indicator } = await followupOverview(db, consultation.id, themes.map((t) => ({ code: t.code, title: t.title })));
  return { view: 'followup/_panel', locals: { slug: consultation.slug, uptake: indicator.overall, canManage: followupPolicy.canManage(actor) } };
});
