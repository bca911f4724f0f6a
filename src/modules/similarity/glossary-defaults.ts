/**
 * The glossary a consultation starts with (the demo's and every new one's): the abbreviations and
 * local names of the Missions Locales network that the built-in lexicon (analyse.ts, lexicon.ts)
 * already knew, written as entries that the DSI and the ambassadors can then correct or complete.
 */
export const DEFAULT_GLOSSARY: ReadonlyArray<{ expression: string; meaning: string }> = [
  { expression: 'rdv', meaning: 'rendez-vous' },
  { expression: 'TDB', meaning: 'tableau de bord' },
  { expression: 'Pôle emploi', meaning: 'France Travail' },
  { expression: 'PE', meaning: 'France Travail' },
  { expression: 'I-Milo', meaning: 'le logiciel' },
  { expression: 'imilo', meaning: 'le logiciel' },
  { expression: 'ML', meaning: 'mission locale' },
  { expression: 'mdp', meaning: 'mot de passe' },
  { expression: 'CEJ', meaning: "contrat d'engagement jeune" },
  { expression: 'PACEA', meaning: "parcours contractualisé d'accompagnement vers l'emploi et l'autonomie" },
  { expression: 'FAJ', meaning: 'fonds d’aide aux jeunes' },
  { expression: 'PJ', meaning: 'pièce jointe' },
  { expression: 'cslr', meaning: 'conseiller' },
  { expression: 'CIP', meaning: 'conseiller' },
  { expression: 'PMSMP', meaning: 'immersion' },
  { expression: 'SSO', meaning: 'authentification unique' },
  { expression: 'CR', meaning: 'compte rendu' },
  { expression: 'double saisie', meaning: 'ressaisie' },
  { expression: 'e-mail', meaning: 'courriel' },
  { expression: 'texto', meaning: 'SMS' },
  { expression: 'visio', meaning: 'visioconférence' },
  { expression: 'tuto', meaning: 'tutoriel' },
  { expression: 'stats', meaning: 'statistiques' },
  { expression: 'synchro', meaning: 'synchronisation' },
];
