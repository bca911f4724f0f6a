import type { Db } from '../../shared/db';
import { enqueueMail } from './enqueue-mail';
import { icsInvitation } from './ics';
import { mailSettings } from './settings';

/**
 * Every mail Ensemble sends, in French, one function per occasion. Each is ONE call from the use
 * case that causes it, inside its transaction. The callers pass what they know in words (a formatted
 * schedule, a path), so that this module depends on none of theirs.
 */
export interface WorkshopFacts {
  id: number;
  title: string;
  /** « mardi 14 mai 2024, de 9 h 30 à 12 h 00 » (workshops' formatSchedule). */
  when: string;
  start: Date;
  end: Date;
  place: string | null;
  /** Changes of the workshop so far (its version): the invitation's SEQUENCE. */
  version?: number;
}

const host = () => {
  try {
    return new URL(mailSettings().publicUrl).hostname;
  } catch {
    return 'ensemble';
  }
};

const workshopIcs = (w: WorkshopFacts, status: 'CONFIRMED' | 'CANCELLED' = 'CONFIRMED') =>
  icsInvitation({
    uid: `atelier-${w.id}@${host()}`,
    start: w.start,
    end: w.end,
    summary: `Atelier Ensemble : ${w.title}`,
    location: w.place,
    url: `${mailSettings().publicUrl}/ateliers/${w.id}`,
    sequence: w.version ?? 0,
    status,
  });

const facts = (w: WorkshopFacts) => [`Quand : ${w.when}`, ...(w.place ? [`Où : ${w.place}`] : [])];

export const notify = {
  /** A reset link for a person who asked for one (sent to the account's address only). */
  passwordReset: (db: Db, userId: number, path: string, validMinutes: number) =>
    enqueueMail(db, 'mot_de_passe', [userId], () => ({
      subject: 'Réinitialiser votre mot de passe Ensemble',
      paragraphs: [
        'Vous avez demandé à réinitialiser votre mot de passe. Le lien ci-dessous permet de choisir un nouveau mot de passe ; il ne sert qu’une fois.',
        `Il est valable ${validMinutes} minutes. Si vous n’avez rien demandé, ignorez ce courriel : votre mot de passe actuel reste valable.`,
      ],
      action: { label: 'Choisir un nouveau mot de passe', path },
    })),

  workshopRegistered: (db: Db, userId: number, w: WorkshopFacts) =>
    enqueueMail(db, 'inscription_atelier', [userId], () => ({
      subject: `Inscription confirmée : ${w.title}`,
      paragraphs: ['Votre inscription à l’atelier est confirmée. L’invitation jointe (atelier.ics) l’ajoute à votre agenda.'],
      list: facts(w),
      action: { label: 'Voir l’atelier', path: `/ateliers/${w.id}` },
      ics: workshopIcs(w),
    })),

  promotedFromWaitingList: (db: Db, userIds: readonly number[], w: WorkshopFacts) =>
    enqueueMail(db, 'atelier_liste_attente', userIds, () => ({
      subject: `Une place s’est libérée : ${w.title}`,
      paragraphs: ['Une place s’est libérée : vous quittez la liste d’attente et êtes inscrit à l’atelier. L’invitation jointe (atelier.ics) l’ajoute à votre agenda.', 'Si vous ne pouvez plus venir, annulez votre inscription sur la page de l’atelier pour laisser la place.'],
      list: facts(w),
      action: { label: 'Voir l’atelier', path: `/ateliers/${w.id}` },
      ics: workshopIcs(w),
    })),

  workshopChanged: (db: Db, userIds: readonly number[], w: WorkshopFacts, cancelled: boolean) =>
    enqueueMail(db, 'atelier_modifie', userIds, () => ({
      subject: cancelled ? `Atelier annulé : ${w.title}` : `Atelier modifié : ${w.title}`,
      paragraphs: [cancelled ? 'L’atelier auquel vous étiez inscrit est annulé.' : 'L’atelier auquel vous êtes inscrit a changé. Voici ses nouvelles informations ; l’invitation jointe met votre agenda à jour.'],
      list: facts(w),
      action: { label: 'Voir l’atelier', path: `/ateliers/${w.id}` },
      ics: workshopIcs(w, cancelled ? 'CANCELLED' : 'CONFIRMED'),
    })),

  workshopReminder: (db: Db, userIds: readonly number[], w: WorkshopFacts) =>
    enqueueMail(db, 'atelier_rappel', userIds, () => ({
      subject: `Rappel : ${w.title}, demain`,
      paragraphs: ['L’atelier auquel vous êtes inscrit a lieu demain. Si vous ne pouvez pas venir, annulez votre inscription pour laisser la place.'],
      list: facts(w),
      action: { label: 'Voir l’atelier', path: `/ateliers/${w.id}` },
    })),

  ambassadorDecision: (db: Db, userId: number, a: { consultationTitle: string; selected: boolean; comment: string | null }) =>
    enqueueMail(db, 'candidature_ambassadeur', [userId], () => ({
      subject: a.selected ? `Candidature retenue : ${a.consultationTitle}` : `Candidature non retenue : ${a.consultationTitle}`,
      paragraphs: [
        a.selected
          ? `La DSI a retenu votre candidature d’ambassadeur pour la consultation « ${a.consultationTitle} ». Les thématiques qui vous sont confiées figurent sur la page de vos candidatures.`
          : `La DSI n’a pas retenu votre candidature d’ambassadeur pour la consultation « ${a.consultationTitle} ».`,
        ...(a.comment ? [`Son commentaire : ${a.comment}`] : []),
      ],
      action: { label: 'Voir mes candidatures', path: '/candidatures' },
    })),

  /** A need or a proposal returned by the DSI, to the ambassadors of its theme. */
  returnedToAmbassadors: (db: Db, userIds: readonly number[], r: { what: string; code: string; title: string; comment: string; path: string }) =>
    enqueueMail(db, 'besoin_renvoye', userIds, () => ({
      subject: `${r.what} ${r.code} renvoyé par la DSI`,
      paragraphs: [`La DSI a renvoyé ${r.what === 'Besoin' ? 'le besoin' : 'la proposition'} ${r.code} « ${r.title} » aux ambassadeurs de sa thématique.`, `Son commentaire : ${r.comment}`],
      action: { label: `Ouvrir ${r.code}`, path: r.path },
    })),

  submittedToDsi: (db: Db, s: { code: string; title: string; path: string; by: string }) =>
    enqueueMail(db, 'besoin_soumis', 'dsi', () => ({
      subject: `Besoin ${s.code} soumis à votre relecture`,
      paragraphs: [`${s.by} a soumis le besoin ${s.code} « ${s.title} » et ses propositions à la relecture de la DSI.`],
      action: { label: `Relire ${s.code}`, path: s.path },
    })),

  /** One mail per contributor, listing the needs of the new edition that their contributions support. */
  contributionsPublished: (db: Db, byUser: ReadonlyMap<number, Array<{ code: string; title: string }>>, e: { title: string; number: number; path: string }) =>
    enqueueMail(db, 'contribution_publiee', [...byUser.keys()], (p) => ({
      subject: `Vos contributions dans le livre blanc : ${e.title}`,
      paragraphs: [`L’édition n° ${e.number} du livre blanc « ${e.title} » est publiée. Vos contributions soutiennent ${(byUser.get(p.id) ?? []).length > 1 ? 'ces besoins' : 'ce besoin'} :`],
      list: (byUser.get(p.id) ?? []).map((n) => `${n.code} ${n.title}`),
      action: { label: 'Lire le livre blanc', path: e.path },
    })),

  /** One mail per contributor, listing those of their contributions that the action took up. */
  contributionsConsolidated: (db: Db, byUser: ReadonlyMap<number, string[]>, c: { title: string; path: string }) =>
    enqueueMail(db, 'contribution_consolidee', [...byUser.keys()], (p) => ({
      subject: 'Votre contribution a été reprise par les ambassadeurs',
      paragraphs: [`Les ambassadeurs ont repris ${(byUser.get(p.id) ?? []).length > 1 ? 'vos contributions' : 'votre contribution'} dans la contribution consolidée « ${c.title} ».`],
      list: byUser.get(p.id) ?? [],
      action: { label: 'Voir la contribution consolidée', path: c.path },
    })),

  /**
   * One mail per contributor for one follow-up change (one proposal or a bulk change): the needs
   * they contributed to that it concerns, each with its proposals' new status and a link to the
   * need's public follow-up page.
   */
  followupChanged: (
    db: Db,
    byUser: ReadonlyMap<number, ReadonlyArray<{ code: string; title: string }>>,
    c: { status: string; consultationTitle: string; proposalsByNeed: ReadonlyMap<string, string[]>; needPath: (code: string) => string; overviewPath: string },
  ) =>
    enqueueMail(db, 'suivi_besoin', [...byUser.keys()], (p) => {
      const needs = byUser.get(p.id) ?? [];
      const one = needs.length === 1;
      return {
        subject: one ? `Suivi du besoin ${needs[0]!.code} : ${c.status}` : `Suivi de ${needs.length} besoins auxquels vous avez contribué : ${c.status}`,
        paragraphs: [
          `La DSI a fait évoluer la prise en compte ${one ? 'd’un besoin' : 'de besoins'} de la consultation « ${c.consultationTitle} » auxquels vos contributions ont donné lieu. Nouveau statut : ${c.status}.`,
        ],
        list: needs.map((n) => ({ text: `${n.code} ${n.title} — ${(c.proposalsByNeed.get(n.code) ?? []).join(', ')} : ${c.status}`, path: c.needPath(n.code) })),
        action: one ? { label: `Suivre le besoin ${needs[0]!.code}`, path: c.needPath(needs[0]!.code) } : { label: 'Voir le suivi de la consultation', path: c.overviewPath },
      };
    }),
};
