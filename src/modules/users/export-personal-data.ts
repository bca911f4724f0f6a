import type { Db } from '../../shared/db';
import { toBool } from '../../shared/db';
import { findUserById } from './queries';

/**
 * RGPD right of access: everything Ensemble holds about one person, as JSON — their account, their
 * workshop registrations and the workshops they facilitated, their raw contributions (anonymous ones
 * included: they are theirs), their ambassador applications and themes, their comments on needs, and
 * the actions the audit log records them doing (what and when; the before/after details are left out
 * because they describe other people's objects).
 */
export async function exportPersonalData(db: Db, userId: number) {
  const user = await findUserById(db, userId);
  if (!user) return null;
  const [registrations, facilitated, contributions, applications, themes, comments, actions] = await Promise.all([
    db('workshop_registrations as r')
      .join('workshops as w', 'w.id', 'r.workshop_id')
      .join('consultations as c', 'c.id', 'w.consultation_id')
      .where('r.user_id', userId)
      .select('c.title as consultation', 'w.title as atelier', 'w.starts_at as date', 'r.status as statut', 'r.attended as present', 'r.created_at as inscrit_le')
      .orderBy('w.starts_at'),
    db('workshops as w')
      .join('consultations as c', 'c.id', 'w.consultation_id')
      .where('w.facilitator_id', userId)
      .select('c.title as consultation', 'w.title as atelier', 'w.starts_at as date', 'w.status as statut')
      .orderBy('w.starts_at'),
    db('raw_contributions as rc')
      .join('consultations as c', 'c.id', 'rc.consultation_id')
      .leftJoin('themes as t', 't.id', 'rc.theme_id')
      .leftJoin('workshops as w', 'w.id', 'rc.workshop_id')
      .where('rc.author_id', userId)
      .select(
        'rc.id',
        'c.title as consultation',
        'rc.reference',
        't.title as thematique',
        'w.title as atelier',
        'rc.source',
        'rc.body as texte',
        'rc.anonymous as anonyme',
        'rc.status as statut',
        'rc.submitted_at as date',
      )
      .orderBy('rc.id'),
    db('ambassador_applications as a')
      .join('consultations as c', 'c.id', 'a.consultation_id')
      .leftJoin('structures as s', 's.id', 'a.structure_id')
      .where('a.user_id', userId)
      .select('c.title as consultation', 's.name as structure', 'a.motivation', 'a.status as statut', 'a.decision_comment as commentaire_decision', 'a.decided_at as decide_le', 'a.whitepaper_consent as nomme_dans_le_livre_blanc', 'a.created_at as date')
      .orderBy('a.created_at'),
    db('ambassador_themes as at')
      .join('themes as t', 't.id', 'at.theme_id')
      .join('consultations as c', 'c.id', 'at.consultation_id')
      .where('at.user_id', userId)
      .select('c.title as consultation', 't.title as thematique')
      .orderBy('c.id')
      .orderBy('t.position'),
    db('need_comments as nc')
      .join('needs as n', 'n.id', 'nc.need_id')
      .where('nc.author_id', userId)
      .select('n.code as besoin', 'nc.body as commentaire', 'nc.created_at as date')
      .orderBy('nc.id'),
    db('audit_log')
      .where('actor_id', userId)
      .select('action', 'object_type as objet', 'object_id as identifiant', 'created_at as date')
      .orderBy('id'),
  ]);
  const bool = <T extends Record<string, unknown>>(rows: T[], key: string) => rows.map((r) => ({ ...r, [key]: toBool(r[key]) }));
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
      anonymise_le: user.anonymised_at,
    },
    inscriptions_ateliers: bool(registrations, 'present'),
    ateliers_animes: facilitated,
    contributions: bool(contributions, 'anonyme'),
    candidatures_ambassadeur: applications,
    thematiques_ambassadeur: themes,
    commentaires_besoins: comments,
    actions_journal: actions,
  };
}
