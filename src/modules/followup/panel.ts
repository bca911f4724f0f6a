import { registerConsultationPanel } from '../consultations';
import { latestEdition } from '../whitepaper';
import { uptakeOf } from '../stats';
import { followupPolicy } from './policy';
import { followedProposals } from './queries';

// « Suivi de la prise en compte des besoins » on the consultation's public page, once the white paper
// is published: the indicator in one sentence and the links (the DSI's list for the DSI).
registerConsultationPanel('followup', async ({ db, actor, consultation }) => {
  const edition = await latestEdition(db, consultation.id);
  if (!followupPolicy.canReadPublic(actor, { published: !!edition })) return null;
  const uptake = uptakeOf((await followedProposals(db, consultation.id)).map((p) => p.status));
  return { view: 'followup/_panel', locals: { slug: consultation.slug, uptake, canManage: followupPolicy.canManage(actor) } };
});
