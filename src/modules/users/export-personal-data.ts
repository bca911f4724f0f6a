import type { Db } from '../../shared/db';
import { findUserById } from './queries';

/**
 * RGPD right of access: everything Ensemble holds about one person, as JSON.
 * Later modules add their own tables here (registrations, contributions, applications…).
 */
export async function exportPersonalData(db: Db, userId: number) {
  const user = await findUserById(db, userId);
  if (!user) return null;
  const [registrations, contributions, applications] = await Promise.all([
    db('workshop_registrations as r')
      .join('workshops as w', 'w.id', 'r.workshop_id')
      .where('r.user_id', userId)
      .select('w.title as atelier', 'w.starts_at as date', 'r.status as statut', 'r.attended as present'),
    db('raw_contributions').where('author_id', userId).select('id', 'reference', 'body as texte', 'anonymous as anonyme', 'submitted_at as date', 'status as statut'),
    db('ambassador_applications').where('user_id', userId).select('consultation_id', 'motivation', 'status as statut', 'created_at as date'),
  ]);
  return {
    exporte_le: new Date().toISOString(),
    compte: {
      email: user.email,
      nom: user.display_name,
      role: user.role,
      structure: user.structure_name ?? null,
      actif: user.active,
      cree_le: user.created_at,
      derniere_connexion: user.last_login_at,
    },
    inscriptions_ateliers: registrations,
    contributions,
    candidatures_ambassadeur: applications,
  };
}
