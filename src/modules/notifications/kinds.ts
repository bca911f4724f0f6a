/**
 * What Ensemble writes to people about. A required kind answers something the person did or must
 * act on (their registration, their password, their work returned); an optional one only informs,
 * so each person may turn it off on their profile or with the link at the foot of the mail. Optional
 * kinds are on by default.
 */
export const MAIL_KINDS = {
  mot_de_passe: { optional: false, label: 'Réinitialisation du mot de passe' },
  inscription_atelier: { optional: false, label: 'Inscription à un atelier confirmée' },
  atelier_liste_attente: { optional: false, label: 'Place obtenue depuis la liste d’attente' },
  atelier_modifie: { optional: false, label: 'Atelier modifié ou annulé' },
  atelier_rappel: { optional: false, label: 'Rappel la veille d’un atelier' },
  candidature_ambassadeur: { optional: false, label: 'Décision sur une candidature d’ambassadeur' },
  besoin_renvoye: { optional: false, label: 'Besoin ou proposition renvoyé par la DSI' },
  besoin_soumis: { optional: false, label: 'Besoin soumis à la relecture de la DSI' },
  contribution_consolidee: { optional: true, label: 'Mes contributions reprises dans la consolidation' },
  contribution_publiee: { optional: true, label: 'Mes contributions publiées dans le livre blanc' },
  suivi_besoin: { optional: true, label: 'Suivi des besoins auxquels j’ai contribué (changements de statut)' },
} as const;

export type MailKind = keyof typeof MAIL_KINDS;

export const OPTIONAL_KINDS = (Object.keys(MAIL_KINDS) as MailKind[]).filter((k) => MAIL_KINDS[k].optional);

export const isMailKind = (v: unknown): v is MailKind => typeof v === 'string' && Object.hasOwn(MAIL_KINDS, v);
export const isOptionalKind = (v: unknown): v is MailKind => isMailKind(v) && MAIL_KINDS[v].optional;

/** The outbox's states, stored as is. */
export const OUTBOX_STATUSES = ['en_attente', 'en_cours', 'envoye', 'echoue'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** One minute, then doubled at each failure, at most six hours between two attempts. */
export function nextAttemptDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}
