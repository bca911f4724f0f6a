import { foldAccents } from '../../shared/text/french';
import { canonicalWord, termOf } from './analyse';

/**
 * Concepts of the Missions Locales' information-system vocabulary: words and expressions that staff
 * use interchangeably for one idea (« versement », « paiement », « être payé »; « hors connexion »,
 * « zone blanche », « sans internet »). Two contributions that name the same concept with different
 * words then share a term. Written from the domain (the network's tools, schemes and daily work), not
 * from any test sentence; each entry lists words (matched by their stem) and expressions (matched on
 * folded text).
 */
const CONCEPTS: Record<string, { words?: string; phrases?: string[] }> = {
  agenda: { words: 'agenda planning calendrier creneau creneaux disponibilite disponibilites dispo dispos' },
  rdv: { words: 'rdv entretien entretiens convocation convocations reserver reservation', phrases: ['prise de rdv', 'prendre rdv'] },
  rappel: { words: 'rappel rappeler relance relancer oubli oublient oublier lapin lapins absents absenteisme' },
  sms: { words: 'sms texto textos' },
  messagerie: { words: 'messagerie tchat chat whatsapp messenger snapchat conversation conversations message messages', phrases: ['messagerie instantanee'] },
  notification: { words: 'notification notifie notifier alerte alerter alerte prevenu prevenir avertissement avertir signaler' },
  envoiMasse: { words: 'groupe groupes masse mailing publipostage diffuser diffusion cibles ciblage', phrases: ['envoi groupe', 'envois groupes', 'envoi de masse', 'envois de masse'] },
  ressaisie: { words: 'ressaisie ressaisir recopier recopie retaper retape doublesaisie', phrases: ['saisie unique', 'une seule fois', 'deux fois'] },
  interoperabilite: { words: 'interfacer interface interconnexion interconnecter connecteur api passerelle automatiquement echange', phrases: ['se parlent', 'communiquer entre'] },
  francetravail: { words: 'francetravail capemploi' },
  statistiques: { words: 'statistique chiffre chiffres indicateur indicateurs requete requetes reporting bilan bilans' },
  tableur: { words: 'excel tableur tableurs tableau tableaux croise croises bidouiller bidouillage retraiter retraitement' },
  tdb: { words: 'tdb synthese vue', phrases: ["vue d'ensemble", 'tableau de synthese', 'en un coup d oeil'] },
  pilotage: { words: 'pilotage piloter directeur directeurs direction gouvernance' },
  lenteur: { words: 'lenteur lent ramer chargement attendre attente', phrases: ['temps de reponse', 'temps de chargement'] },
  navigation: { words: 'clic ecran ecrans page pages onglet onglets navigation naviguer', phrases: ['trop d etapes'] },
  ergonomie: { words: 'ergonomie ergonomique intuitif intuitive interface design vieillot vieillotte moderne lisible clair convivial' },
  mobiliteAgent: { words: 'nomade itinerant itinerants itinerance deplacement permanence permanences delocalise delocalisee tablette', phrases: ['a distance', 'hors des locaux', 'en mobilite', 'sur le terrain'] },
  horsLigne: { words: 'deconnecte deconnectee offline', phrases: ['hors connexion', 'hors ligne', 'sans internet', 'sans reseau', 'zone blanche', 'zones blanches'] },
  mobiliteJeune: { words: 'permis transport transports vehicule voiture scooter velo covoiturage autoecole', phrases: ['se deplacer', 'auto ecole', 'code de la route'] },
  logement: { words: 'logement hebergement fjt foyer foyers residence residences loger heberger appartement bailleur', phrases: ['foyer jeunes travailleurs'] },
  paiement: { words: 'paiement paiements versement versements verser payer paye payes virement', phrases: ['etre paye'] },
  allocation: { words: 'allocation allocations aide aides financiere financieres', phrases: ['aide financiere'] },
  cej: { words: 'cej' },
  pacea: { words: 'pacea' },
  heures: { words: 'heure heures hebdomadaire hebdo volume compteur', phrases: ['15 a 20', '15 20'] },
  immersion: { words: 'pmsmp immersion immersions stage stages', phrases: ['mise en situation'] },
  signature: { words: 'signature signer signe signee esignature emargement emarger', phrases: ['signature electronique'] },
  papier: { words: 'papier papiers scanner scanne scannee scannees numeriser numerisation dematerialiser dematerialise dematerialisee dematerialisation imprime formulaire' },
  document: { words: 'document justificatif piece pieces rib attestation attestations fichier fichiers', phrases: ['carte d identite'] },
  deposer: { words: 'deposer depot telecharger upload televerser', phrases: ['envoyer un document'] },
  formation: { words: 'formation formations tutoriel tutoriels guide mode session sessions apprendre', phrases: ['prise en main', 'prendre en main', "mode d emploi"] },
  support: { words: 'support assistance hotline ticket tickets incident incidents signalement signalements depannage injoignable' },
  bug: { words: 'bug plante plantage crash erreur panne', phrases: ['ne marche pas', 'ne fonctionne pas'] },
  recherche: { words: 'recherche rechercher chercher trouver retrouver moteur' },
  orthographe: { words: 'accent accents orthographe orthographie orthographies faute fautes frappe', phrases: ['trait d union', 'mal ecrit'] },
  doublon: { words: 'doublon doublons fusion fusionner', phrases: ['en double', 'deux dossiers', 'deux fiches'] },
  transfert: { words: 'transferer transfert transmettre transmis transmission reaffecter reaffectation basculer' },
  demenagement: { words: 'demenager demenage demenagement domicile', phrases: ['autre departement', 'autre ml', 'changement d adresse'] },
  espaceJeune: { words: 'portail espace compte', phrases: ['espace personnel', 'espace jeune', 'son compte', 'propre compte'] },
  enLigne: { words: 'internet web site ligne numerique', phrases: ['en ligne'] },
  collectif: { words: 'collectif collectifs collective collectives atelier ateliers', phrases: ['information collective', 'informations collectives', 'actions collectives'] },
  inscription: { words: 'inscription inscriptions inscrire inscrits preinscription attente', phrases: ["liste d attente"] },
  presence: { words: 'presence presences present presents emargement absent' },
  offre: { words: 'offre offres annonce annonces poste postes recrutement' },
  rapprochement: { words: 'matching rapprochement rapprocher correspondre correspondant correspondent profil profils competence competences', phrases: ['mise en relation', 'miserelation'] },
  entreprise: { words: 'entreprise employeur recruteur patron' },
  contact: { words: 'contact contacts carnet adresse adresses coordonnees annuaire repertoire referent referents' },
  partenaire: { words: 'partenaire partenaires structure structures prescripteur prescripteurs' },
  authentification: { words: 'authentification sso identifiant connexion mdp', phrases: ['authentification unique', 'un seul login', 'un seul mot de passe'] },
  courrier: { words: 'courrier courriers lettre lettres modele modeles type types trame trames gabarit', phrases: ['pre rempli', 'pre remplis', 'preremplis'] },
  historique: { words: 'historique chronologie chronologique frise evenement evenements parcours' },
  confidentiel: { words: 'confidentiel confidentielle confidentialite prive privee privees sensible sensibles secret', phrases: ['non visible', 'non visibles'] },
  droits: { words: 'habilitation habilitations droit droits permission permissions profil profils role roles', phrases: ['droits d acces'] },
  caf: { words: 'caf rsa apl', phrases: ['prestations sociales'] },
  visio: { words: 'visio video videos distance', phrases: ['a distance'] },
  sortie: { words: 'sortie sorties devenir deviennent impact', phrases: ['apres la sortie', 'a 6 mois', 'six mois'] },
  accessibilite: { words: 'accessibilite accessible handicap malvoyant malvoyante aveugle', phrases: ['lecteur d ecran'] },
  langue: { words: 'langue langues traduire traduction traduit allophone allophones etranger etrangers', phrases: ['primo arrivants', 'ne parlent pas francais'] },
  faj: { words: 'faj' },
  echeance: { words: 'echeance echeances terme fin termine terminee expiration expire', phrases: ['arrive a son terme', 'date de fin'] },
  impression: { words: 'imprimer impression imprimante' },
  sante: { words: 'sante psychologue psy cpam medecin medical soin soins' },
  parrainage: { words: 'parrainage parrain parrains marraine filleul filleuls mentor benevole benevoles' },
  compteRendu: { words: 'cr compte rendu observation observations notes note', phrases: ['compte rendu', 'comptes rendus'] },
  vocal: { words: 'vocal vocale voix dictee dicter parler oral', phrases: ['reconnaissance vocale'] },
  absenceConseiller: { words: 'absent absence conge conges arret remplacant remplacement orphelins', phrases: ['en arret'] },
  carte: { words: 'carte cartographie geolocalisation distance trajet trajets itineraire' },
  cv: { words: 'cv curriculum' },
  rgpd: { words: 'rgpd purge purger conservation supprimer suppression effacer anciennes', phrases: ['duree de conservation'] },
  import: { words: 'importer import masse lot', phrases: ["d un coup", 'en masse'] },
  neet: { words: 'neet invisibles reperage reperer decrocheurs', phrases: ['ni en emploi ni en formation'] },
  budget: { words: 'budget enveloppe consommation credits montant', phrases: ['aides ponctuelles'] },
  satisfaction: { words: 'satisfaction avis enquete questionnaire sondage', phrases: ['retour des jeunes'] },
  premierAccueil: { words: 'accueil borne preinscription', phrases: ['premier accueil', 'premier rdv'] },
  materiel: { words: 'ordinateur materiel poste postes equipement vieux obsolete renouveler' },
  nouveautes: { words: 'version versions nouveaute nouveautes evolution evolutions changement changements newsletter bandeau', phrases: ['mise a jour', 'mises a jour'] },
  perte: { words: 'perdre perte pertes perdu disparait disparaitre disparu sauvegarde sauvegarder', phrases: ['session expire'] },
};

const PREFIX = '#';
const byStem = new Map<string, string[]>();
const phraseRules: Array<[RegExp, string]> = [];
for (const [name, c] of Object.entries(CONCEPTS)) {
  for (const w of (c.words ?? '').split(/\s+/).filter(Boolean)) {
    const s = termOf(canonicalWord(foldAccents(w)));
    const list = byStem.get(s) ?? [];
    if (!list.includes(PREFIX + name)) list.push(PREFIX + name);
    byStem.set(s, list);
  }
  for (const p of c.phrases ?? []) phraseRules.push([new RegExp(`\\b${p.replace(/ /g, "[\\s'-]+")}\\b`), PREFIX + name]);
}

/** The concepts named in a text, one entry per mention: from its stems and from expressions of its folded text. */
export function concepts(stems: readonly string[], foldedText: string): string[] {
  const out: string[] = [];
  for (const s of stems) {
    const list = byStem.get(s);
    if (list) out.push(...list);
  }
  for (const [re, name] of phraseRules) if (re.test(foldedText)) out.push(name);
  return out;
}
