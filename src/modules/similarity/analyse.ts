import { foldAccents, words } from '../../shared/text/french';
import { term as stem } from './lemmas';

/**
 * From a contribution's text to the terms that similarity compares. The shared French analysis
 * (accents folded, elisions split, stop words dropped, Snowball stems) does most of the work; this
 * file adds what only similarity needs: the network's abbreviations and synonyms mapped to one
 * form (« rdv » = « rendez-vous », « Pôle emploi » = « France Travail », « TDB » = « tableau de
 * bord »), and the words of request phrasing (« il faudrait », « pouvoir », « besoin ») that every
 * contribution uses whatever it asks for. Kept here rather than in the shared stop-word list, so
 * that full-text search still finds « besoin ».
 */

/** Multi-word expressions, matched on folded lower-case text, rewritten to one token. */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\brendez[\s-]*vous\b/g, ' rdv '],
  [/\btableaux? de bords?\b/g, ' tdb '],
  [/\b(pole|pol) emploi\b/g, ' francetravail '],
  [/\bfrance[\s-]*travail\b/g, ' francetravail '],
  [/\bi[\s-]*milo\b/g, ' imilo '],
  [/\bmissions? locales?\b/g, ' ml '],
  [/\bmots? de passe\b/g, ' mdp '],
  [/\bdoubles? saisies?\b/g, ' ressaisie '],
  [/\bsaisir (deux|2) fois\b/g, ' ressaisie '],
  [/\bcontrat d.engagement jeunes?\b/g, ' cej '],
  [/\bpieces? jointes?\b/g, ' document '],
  [/\be[\s-]mails?\b/g, ' courriel '],
  [/\bcap[\s-]emploi\b/g, ' capemploi '],
  [/\bfonds d.aide aux jeunes\b/g, ' faj '],
  [/\bsignature (electronique|en ligne|numerique)\b/g, ' esignature '],
  [/\bmise en relation\b/g, ' miserelation '],
  [/\bpas a jour\b/g, ' obsolete '],
];

/**
 * Words that mean the same thing in this network's writing, mapped to one of them (before stemming).
 * General vocabulary of Missions Locales staff, not tuned to any test sentence.
 */
const SYNONYM_SETS: readonly string[] = [
  'rdv rdvs rendezvous',
  'tdb dashboard dashboards',
  'francetravail ft pe',
  'imilo milo imilio',
  'courriel courriels mail mails email emails mel messagerie messageries',
  'telephone telephones tel portable portables smartphone smartphones',
  'appli applis application applications app',
  'synchronisation synchro synchros synchroniser synchronise synchronises synchronisee synchronisees synchronisent',
  'statistique statistiques stat stats',
  'export exports exporter exporte extraction extractions extraire extrait',
  'bug bugs beug beugs bogue plantage plantages plante crash',
  'lenteur lenteurs lent lente lents lentes rame ramer',
  'document documents doc docs pj justificatif justificatifs',
  'visio visios visioconference visioconferences teams zoom',
  'sms texto textos',
  'logement logements hebergement hebergements',
  'conseiller conseillers conseillere conseilleres cslr cslrs cip referent referents',
  'jeune jeunes usager usagers beneficiaire beneficiaires',
  'entreprise entreprises employeur employeurs recruteur recruteurs',
  'agenda agendas planning plannings calendrier calendriers',
  'notification notifications notif notifs alerte alertes',
  'rappel rappels relance relances relancer rappeler',
  'tutoriel tutoriels tuto tutos',
  'ressaisie ressaisies ressaisir ressaisit ressaisissons ressaisissent',
  'saisie saisies saisir saisit saisissons renseigner remplir',
  'clic clics cliquer',
  'complique compliquee compliques compliquees complexe complexes',
  'connexion connexions connecter identifiant identifiants login',
  'ordinateur ordinateurs pc ordi',
  'administratif administratifs administrative administratives admin',
  'deplacement deplacements itinerance',
  'probleme problemes pb pbs souci soucis',
  'information informations info infos',
];

const SYNONYM: Map<string, string> = new Map();
for (const set of SYNONYM_SETS) {
  const [head, ...rest] = set.split(/\s+/);
  for (const w of rest) SYNONYM.set(w, head!);
}

/** Request phrasing and filler, present in contributions whatever they ask for. */
const FILLER = new Set(
  (
    'faudrait falloir faut pouvoir pouvons puisse puissent pourraient besoin besoins souhait souhaite souhaitons souhaiterions ' +
    'aimerions voudrions voudrait aimerait idee idees proposition suggestion serait seraient sera aurait avons avez ont ' +
    'vraiment actuellement aujourd hui merci svp franchement niveau chose choses truc trucs ya quoi ok ' +
    'alors enfin plutot bref genre oui nan parfois souvent toujours tjrs jamais rien beaucoup bcp qd ds avc pr qqch' +
    ' point remarque constat cote quand'
  ).split(/\s+/),
);

/** The folded text with expressions rewritten, and its normalised words (synonyms mapped, filler dropped), not stemmed. */
export function normalise(text: string): { folded: string; words: string[] } {
  let folded = foldAccents(text.toLowerCase()).replace(/[’`]/g, "'");
  for (const [re, rep] of PHRASES) folded = folded.replace(re, rep);
  const out: string[] = [];
  for (const w of words(folded)) {
    const canonical = SYNONYM.get(w) ?? w;
    if (!FILLER.has(canonical)) out.push(canonical);
  }
  return { folded, words: out };
}

/** The normalised words of a text (synonyms mapped, filler dropped), not stemmed. */
export function normalisedWords(text: string): string[] {
  return normalise(text).words;
}

/**
 * The term of a normalised word: its lemma (or stem), then the synonym set's head word again, so that a
 * form the synonym list does not spell out (« saisissent » → « saisir ») meets its set (« saisie »).
 */
export function termOf(word: string): string {
  const t = stem(word);
  const head = SYNONYM.get(t);
  return head === undefined ? t : stem(head);
}

/** The stems of a text after normalisation, in order (duplicates kept). */
export function analyse(text: string): string[] {
  return normalisedWords(text).map(termOf);
}

/** The stems of a text and its folded text (where the lexicon looks for expressions). */
export function analyseText(text: string): { stems: string[]; folded: string } {
  const { folded, words: ws } = normalise(text);
  return { stems: ws.map(termOf), folded };
}

/** A folded word as similarity sees it (its synonym's head word when it has one). */
export function canonicalWord(folded: string): string {
  return SYNONYM.get(folded) ?? folded;
}

/** How the tokens made from multi-word expressions read in a label. */
const DISPLAY: Map<string, string> = new Map(
  Object.entries({
    rdv: 'rendez-vous',
    tdb: 'tableau de bord',
    francetravail: 'France Travail',
    imilo: 'I-Milo',
    ml: 'ML',
    mdp: 'mot de passe',
    ressaisie: 'double saisie',
    cej: 'CEJ',
    esignature: 'signature électronique',
    miserelation: 'mise en relation',
    capemploi: 'Cap emploi',
    faj: 'FAJ',
    obsolete: 'pas à jour',
  }).map(([token, shown]) => [termOf(token), shown]),
);

/** The display form of a stem made from a multi-word expression, if it is one. */
export function displayWord(stemmed: string): string | undefined {
  return DISPLAY.get(stemmed);
}
