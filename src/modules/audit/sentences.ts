/**
 * An audit entry told as a French sentence (« Claire Dupuis a validé le besoin B-12 »): the log and
 * the DSI's « Activité récente » show this, never the stored codes (`need.validate`, `raw_contribution`,
 * `descriptionMd`). The stored action stays the key of the filters and of the CSV export. Pure and
 * unit-tested; a unit test reads src/ and fails when an action recorded there has no sentence here.
 */

/** How an object is named in a sentence: its noun with the article, then how its label follows. */
interface ObjectSpec {
  /** The noun with its article, as it stands in a sentence: « le besoin », « l’atelier ». */
  noun: string;
  /** The filter's label: « Besoin ». */
  label: string;
  /** code: « le besoin B-12 »; quoted: « l’atelier « Titre » »; of: « le compte de Claire Dupuis »; none: the noun alone. */
  style: 'code' | 'quoted' | 'of' | 'none';
}

const OBJECTS: Readonly<Record<string, ObjectSpec>> = {
  ambassador_application: { noun: 'la candidature d’ambassadeur', label: 'Candidature d’ambassadeur', style: 'code' },
  association: { noun: 'une association de termes', label: 'Association de termes', style: 'none' },
  consolidated_contribution: { noun: 'la contribution consolidée', label: 'Contribution consolidée', style: 'code' },
  consolidation_plan: { noun: 'le plan de consolidation', label: 'Plan de consolidation', style: 'code' },
  consultation: { noun: 'la consultation', label: 'Consultation', style: 'quoted' },
  glossary_entry: { noun: 'l’entrée du glossaire', label: 'Entrée du glossaire', style: 'code' },
  import_run: { noun: 'l’import', label: 'Import de contributions', style: 'code' },
  need: { noun: 'le besoin', label: 'Besoin', style: 'code' },
  prioritisation_ballot: { noun: 'le bulletin de priorisation', label: 'Bulletin de priorisation', style: 'code' },
  prioritisation_step: { noun: 'l’étape de priorisation', label: 'Étape de priorisation', style: 'quoted' },
  proposal: { noun: 'la proposition fonctionnelle', label: 'Proposition fonctionnelle', style: 'code' },
  raw_contribution: { noun: 'la contribution', label: 'Contribution', style: 'code' },
  theme: { noun: 'le thème', label: 'Thème', style: 'code' },
  user: { noun: 'le compte', label: 'Compte', style: 'of' },
  whitepaper_content: { noun: 'le contenu du livre blanc', label: 'Contenu du livre blanc', style: 'none' },
  whitepaper_edition: { noun: 'l’édition du livre blanc', label: 'Édition du livre blanc', style: 'code' },
  whitepaper_publication: { noun: 'la publication du livre blanc', label: 'Publication du livre blanc', style: 'code' },
  workshop: { noun: 'l’atelier', label: 'Atelier', style: 'quoted' },
};

/**
 * One sentence per recorded action. {acteur} is the person (or « Le système »), {objet} the object
 * named with its article. An action whose object type changes the sentence lists it by type ('*' otherwise).
 */
const SENTENCES: Readonly<Record<string, string | Readonly<Record<string, string>>>> = {
  'ambassador.apply': '{acteur} a déposé {objet}',
  'ambassador.decline': '{acteur} a refusé {objet}',
  'ambassador.select': '{acteur} a retenu {objet}',
  'auth.login': 'Connexion de {acteur}',
  'consolidation.attach': {
    raw_contribution: '{acteur} a rattaché {objet} à une contribution consolidée',
    '*': '{acteur} a rattaché des contributions à {objet}',
  },
  'consolidation.back_in_scope': '{acteur} a remis {objet} dans le périmètre',
  'consolidation.create': '{acteur} a créé {objet}',
  'consolidation.detach': '{acteur} a détaché une contribution de {objet}',
  'consolidation.extract': '{acteur} a découpé un extrait de {objet}',
  'consolidation.out_of_scope': '{acteur} a mis {objet} hors périmètre',
  'consolidation.plan_apply': '{acteur} a appliqué {objet}',
  'consolidation.plan_undo': '{acteur} a annulé {objet}',
  'consolidation.split': '{acteur} a scindé {objet}',
  'consolidation.update': '{acteur} a modifié {objet}',
  'consolidation.withdraw': '{acteur} a retiré {objet}',
  'consultation.create': '{acteur} a créé {objet}',
  'consultation.openings': '{acteur} a ouvert ou fermé à la main des étapes de {objet}',
  'consultation.phases': '{acteur} a modifié le calendrier de {objet}',
  'consultation.purge_personal_data': '{acteur} a purgé les données personnelles de {objet}',
  'consultation.update': '{acteur} a modifié {objet}',
  'contribution.capture': '{acteur} a saisi {objet} en atelier',
  'contribution.classify': '{acteur} a classé {objet} dans un thème',
  'contribution.export': '{acteur} a exporté une sélection de contributions',
  'contribution.submit': '{acteur} a déposé {objet}',
  'contribution.update': '{acteur} a modifié {objet}',
  'contribution.withdraw': '{acteur} a retiré {objet}',
  'followup.capacity.set': '{acteur} a fixé la capacité de réalisation de {objet}',
  'followup.status.change': '{acteur} a changé le statut de suivi de {objet}',
  'import.run': '{acteur} a importé un fichier de contributions ({objet})',
  'need.comment': '{acteur} a commenté {objet}',
  'need.create': '{acteur} a créé {objet}',
  'need.link': '{acteur} a relié des contributions consolidées à {objet}',
  'need.merge': '{acteur} a fusionné des besoins dans {objet}',
  'need.move': '{acteur} a déplacé {objet}',
  'need.renumber': '{acteur} a renuméroté les besoins de {objet}',
  'need.return': '{acteur} a renvoyé {objet} à son auteur',
  'need.submit': '{acteur} a soumis {objet}',
  'need.unlink': '{acteur} a retiré une contribution consolidée de {objet}',
  'need.update': '{acteur} a modifié {objet}',
  'need.validate': '{acteur} a validé {objet}',
  'prioritisation.ballot.save': '{acteur} a enregistré {objet}',
  'prioritisation.step.open': '{acteur} a ouvert {objet}',
  'prioritisation.step.update': '{acteur} a modifié {objet}',
  'proposal.create': '{acteur} a créé {objet}',
  'proposal.move': '{acteur} a déplacé {objet} vers un autre besoin',
  'proposal.reorder': '{acteur} a changé la place de {objet}',
  'proposal.return': '{acteur} a renvoyé {objet} à son auteur',
  'proposal.update': '{acteur} a modifié {objet}',
  'proposal.validate': '{acteur} a validé {objet}',
  'quote.add': '{acteur} a ajouté une citation représentative à {objet}',
  'quote.remove': '{acteur} a retiré une citation représentative de {objet}',
  'similarity.association_removed': '{acteur} a supprimé {objet}',
  'similarity.glossary_added': '{acteur} a ajouté {objet}',
  'similarity.glossary_changed': '{acteur} a modifié {objet}',
  'similarity.glossary_removed': '{acteur} a supprimé {objet}',
  'theme.create': '{acteur} a créé {objet}',
  'theme.delete': '{acteur} a supprimé {objet}',
  'theme.move': '{acteur} a déplacé {objet}',
  'theme.update': '{acteur} a modifié {objet}',
  'user.anonymise': '{acteur} a anonymisé {objet}',
  'user.change_password': '{acteur} a changé son mot de passe',
  'user.create': '{acteur} a créé {objet}',
  'user.deactivate': '{acteur} a désactivé {objet}',
  'user.import': '{acteur} a importé des comptes',
  'user.reactivate': '{acteur} a réactivé {objet}',
  'user.reset_password': '{acteur} a réinitialisé le mot de passe de {objet}',
  'user.reset_password_by_email': '{acteur} a choisi un nouveau mot de passe par le lien reçu par courriel',
  'user.request_password_reset': 'Un lien de réinitialisation du mot de passe a été envoyé pour {objet}',
  'user.update': '{acteur} a modifié {objet}',
  'whitepaper.consent.give': '{acteur} a donné son accord pour figurer dans le livre blanc',
  'whitepaper.consent.withdraw': '{acteur} a retiré son accord pour figurer dans le livre blanc',
  'whitepaper.content.update': '{acteur} a modifié {objet}',
  'whitepaper.publish': '{acteur} a publié {objet}',
  'whitepaper.publish.fail': 'Échec de {objet} lancée par {acteur}',
  'workshop.attendance': '{acteur} a noté les présences de {objet}',
  'workshop.close': '{acteur} a clôturé {objet}',
  'workshop.plan': '{acteur} a planifié {objet}',
  'workshop.register': '{acteur} s’est inscrit à {objet}',
  'workshop.unregister': '{acteur} a annulé une inscription à {objet}',
  'workshop.update': '{acteur} a modifié {objet}',
  'workshop.waitlist': '{acteur} s’est inscrit sur la liste d’attente de {objet}',
};

/** The actions that have a sentence (the test compares them with the ones recorded in src/). */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(SENTENCES);

/** The filter's French label for an object type (the stored type when unknown: never empty). */
export function auditObjectTypeLabel(objectType: string): string {
  return OBJECTS[objectType]?.label ?? objectType.replace(/_/g, ' ');
}

/** « le besoin B-12 », « l’atelier « Atelier de Lyon » », « le compte de Claire Dupuis », « la contribution n° 42 ». */
export function auditObjectPhrase(objectType: string, objectId: string | null, label?: string | null): string {
  const spec = OBJECTS[objectType] ?? { noun: `l’objet « ${objectType.replace(/_/g, ' ')} »`, label: objectType, style: 'code' as const };
  if (spec.style === 'none') return spec.noun;
  if (label) {
    if (spec.style === 'quoted') return `${spec.noun} « ${label} »`;
    if (spec.style === 'of') return `${spec.noun} ${/^[aeiouyàâäéèêëîïôöûüù]/i.test(label) ? 'd’' : 'de '}${label}`;
    return `${spec.noun} ${label}`;
  }
  return objectId ? `${spec.noun} n° ${objectId}` : spec.noun;
}

export interface SentenceInput {
  actorId: number | null;
  actorName: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  /** The object's own name where the log could find it (a need's code, a workshop's title). */
  objectLabel?: string | null;
}

/** The person who acted, or who the system was acting for. */
export function auditActorName(actorId: number | null, actorName: string | null): string {
  if (actorName) return actorName;
  return actorId == null ? 'Le système' : `Le compte n° ${actorId}`;
}

/** The French label of an action (the filter's options): its sentence without the person. */
export function auditActionLabel(action: string): string {
  const s = templateOf(action, '*');
  if (!s) return action;
  const text = s.replace('{acteur} ', '').replace(' de {acteur}', '').replace(' par {acteur}', '').replace(/\{objet\}/g, '…');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function templateOf(action: string, objectType: string): string | undefined {
  const s = SENTENCES[action];
  if (s === undefined || typeof s === 'string') return s;
  return s[objectType] ?? s['*'];
}

/** The entry as a French sentence. An action unknown here (an old entry) still reads as a sentence. */
export function auditSentence(e: SentenceInput): string {
  const acteur = auditActorName(e.actorId, e.actorName);
  const objet = auditObjectPhrase(e.objectType, e.objectId, e.objectLabel);
  const template = templateOf(e.action, e.objectType) ?? `{acteur} : action « ${e.action} » sur {objet}`;
  return fill(fill(template, 'acteur', acteur), 'objet', objet);
}

/** Puts a name in its place, with the elision French asks for: « de Alice » → « d’Alice ». */
function fill(template: string, name: string, value: string): string {
  const elides = /^[aeiouyàâäéèêëîïôöûüù]/i.test(value);
  return template.replace(new RegExp(`(\\bde )?\\{${name}\\}`), (_, de: string | undefined) => (de && elides ? `d’${value}` : `${de ?? ''}${value}`));
}

/** The domains of the actions, as the filter groups them (an action's prefix before its first dot). */
const DOMAINS: Readonly<Record<string, string>> = {
  ambassador: 'Ambassadeurs',
  auth: 'Connexions',
  consolidation: 'Consolidation',
  consultation: 'Consultations',
  contribution: 'Contributions',
  followup: 'Suivi des propositions',
  import: 'Imports',
  need: 'Besoins',
  prioritisation: 'Priorisation',
  proposal: 'Propositions fonctionnelles',
  quote: 'Citations représentatives',
  similarity: 'Glossaire et associations',
  theme: 'Thèmes',
  user: 'Comptes',
  whitepaper: 'Livre blanc',
  workshop: 'Ateliers',
};

export interface ActionGroup {
  label: string;
  /** The domain's prefix (« need. »): selects all its actions. */
  prefix: string;
  actions: Array<{ value: string; label: string }>;
}

/** The recorded actions grouped by domain, in French, for the log's filter. */
export function auditActionGroups(actions: readonly string[]): ActionGroup[] {
  const groups = new Map<string, ActionGroup>();
  for (const a of actions) {
    const domain = a.split('.')[0]!;
    let g = groups.get(domain);
    if (!g) groups.set(domain, (g = { label: DOMAINS[domain] ?? domain, prefix: `${domain}.`, actions: [] }));
    g.actions.push({ value: a, label: auditActionLabel(a) });
  }
  return [...groups.values()].sort((x, y) => x.label.localeCompare(y.label, 'fr'));
}
