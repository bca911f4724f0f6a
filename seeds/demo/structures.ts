/**
 * The structures of the demo: real Missions Locales of the network (names, departments and regions
 * as they exist), a few regional associations (ARML), the national union, the DSI and two partners.
 * `domain` builds the fictitious staff e-mail addresses (always under the reserved .example TLD);
 * `city` and `utcOffset` only serve to place the workshops (never stored).
 */
export type StructureKind = 'mission_locale' | 'arml' | 'national' | 'dsi' | 'partenaire';

export interface StructureSeed {
  name: string;
  kind: StructureKind;
  departmentCode: string | null;
  departmentName: string | null;
  region: string;
  city: string;
  domain: string;
  /** Hours ahead of UTC in September (metropolitan France: CEST). */
  utcOffset: number;
  /** Relative size: larger Missions Locales host more workshops and send more staff. */
  weight: number;
}

const ml = (
  name: string,
  departmentCode: string,
  departmentName: string,
  region: string,
  city: string,
  domain: string,
  weight = 1,
  utcOffset = 2,
): StructureSeed => ({ name, kind: 'mission_locale', departmentCode, departmentName, region, city, domain, utcOffset, weight });

export const DSI_STRUCTURE = 'DSI des Missions Locales';
export const HOST_STRUCTURE = 'Mission Locale des Hautes-Pyrénées';
export const IBS = 'Institut Bertrand Schwartz';
export const E2C = 'Réseau E2C France';

export const MISSIONS_LOCALES: StructureSeed[] = [
  // Occitanie
  ml(HOST_STRUCTURE, '65', 'Hautes-Pyrénées', 'Occitanie', 'Tarbes', 'ml-hautes-pyrenees', 1.4),
  ml('Mission Locale de Toulouse', '31', 'Haute-Garonne', 'Occitanie', 'Toulouse', 'ml-toulouse', 2),
  ml('Mission Locale Montpellier Méditerranée Métropole', '34', 'Hérault', 'Occitanie', 'Montpellier', 'ml-montpellier', 1.5),
  ml('Mission Locale Nîmes Métropole', '30', 'Gard', 'Occitanie', 'Nîmes', 'ml-nimes'),
  ml("Mission Locale Départementale de l'Aveyron", '12', 'Aveyron', 'Occitanie', 'Rodez', 'ml-aveyron'),
  ml('Mission Locale Jeunes Perpignan', '66', 'Pyrénées-Orientales', 'Occitanie', 'Perpignan', 'ml-perpignan'),
  // Île-de-France
  ml('Mission Locale de Paris', '75', 'Paris', 'Île-de-France', 'Paris', 'ml-paris', 2.5),
  ml('Mission Locale de Saint-Denis', '93', 'Seine-Saint-Denis', 'Île-de-France', 'Saint-Denis', 'ml-saint-denis', 1.5),
  ml('Mission Locale Intercommunale de Versailles', '78', 'Yvelines', 'Île-de-France', 'Versailles', 'ml-versailles'),
  ml("Mission Locale Val d'Oise Est", '95', "Val-d'Oise", 'Île-de-France', 'Garges-lès-Gonesse', 'ml-val-oise-est'),
  ml('Mission Locale des Villes du Nord du Bois', '94', 'Val-de-Marne', 'Île-de-France', 'Fontenay-sous-Bois', 'ml-nord-du-bois'),
  // Hauts-de-France
  ml('Mission Locale de Lille Avenir Jeunes', '59', 'Nord', 'Hauts-de-France', 'Lille', 'ml-lille', 2),
  ml('Mission Locale de Roubaix', '59', 'Nord', 'Hauts-de-France', 'Roubaix', 'ml-roubaix'),
  ml('Mission Locale du Grand Amiénois', '80', 'Somme', 'Hauts-de-France', 'Amiens', 'ml-grand-amienois'),
  ml("Mission Locale de l'Arrageois", '62', 'Pas-de-Calais', 'Hauts-de-France', 'Arras', 'ml-arrageois'),
  ml('Mission Locale du Beauvaisis', '60', 'Oise', 'Hauts-de-France', 'Beauvais', 'ml-beauvaisis'),
  // Grand Est
  ml("Mission Locale pour l'Emploi de Strasbourg", '67', 'Bas-Rhin', 'Grand Est', 'Strasbourg', 'ml-strasbourg', 1.5),
  ml('Mission Locale du Grand Nancy', '54', 'Meurthe-et-Moselle', 'Grand Est', 'Nancy', 'ml-grand-nancy'),
  ml('Mission Locale de Reims', '51', 'Marne', 'Grand Est', 'Reims', 'ml-reims'),
  ml('Mission Locale du Pays Messin', '57', 'Moselle', 'Grand Est', 'Metz', 'ml-pays-messin'),
  // Auvergne-Rhône-Alpes
  ml('Mission Locale de Lyon', '69', 'Rhône', 'Auvergne-Rhône-Alpes', 'Lyon', 'ml-lyon', 2),
  ml('Mission Locale de Grenoble', '38', 'Isère', 'Auvergne-Rhône-Alpes', 'Grenoble', 'ml-grenoble', 1.3),
  ml('Mission Locale Clermont Métropole et Volcans', '63', 'Puy-de-Dôme', 'Auvergne-Rhône-Alpes', 'Clermont-Ferrand', 'ml-clermont'),
  ml('Mission Locale Jeunes de Chambéry', '73', 'Savoie', 'Auvergne-Rhône-Alpes', 'Chambéry', 'ml-chambery'),
  ml('Mission Locale Forez', '42', 'Loire', 'Auvergne-Rhône-Alpes', 'Montbrison', 'ml-forez'),
  // Provence-Alpes-Côte d'Azur
  ml('Mission Locale de Marseille', '13', 'Bouches-du-Rhône', "Provence-Alpes-Côte d'Azur", 'Marseille', 'ml-marseille', 2.2),
  ml("Mission Locale Nice Côte d'Azur", '06', 'Alpes-Maritimes', "Provence-Alpes-Côte d'Azur", 'Nice', 'ml-nice'),
  ml('Mission Locale du Grand Avignon', '84', 'Vaucluse', "Provence-Alpes-Côte d'Azur", 'Avignon', 'ml-grand-avignon'),
  ml('Mission Locale Var Est', '83', 'Var', "Provence-Alpes-Côte d'Azur", 'Fréjus', 'ml-var-est'),
  // Nouvelle-Aquitaine
  ml('Mission Locale Bordeaux Avenir Jeunes', '33', 'Gironde', 'Nouvelle-Aquitaine', 'Bordeaux', 'ml-bordeaux', 1.8),
  ml('Mission Locale Pau Pyrénées', '64', 'Pyrénées-Atlantiques', 'Nouvelle-Aquitaine', 'Pau', 'ml-pau'),
  ml("Mission Locale de l'Agglomération de Limoges", '87', 'Haute-Vienne', 'Nouvelle-Aquitaine', 'Limoges', 'ml-limoges'),
  ml("Mission Locale La Rochelle Ré Pays d'Aunis", '17', 'Charente-Maritime', 'Nouvelle-Aquitaine', 'La Rochelle', 'ml-la-rochelle'),
  ml('Mission Locale Arc Charente', '16', 'Charente', 'Nouvelle-Aquitaine', 'Cognac', 'ml-arc-charente'),
  // Bretagne
  ml('Mission Locale du Pays de Rennes', '35', 'Ille-et-Vilaine', 'Bretagne', 'Rennes', 'ml-rennes', 1.5),
  ml('Mission Locale du Pays de Brest', '29', 'Finistère', 'Bretagne', 'Brest', 'ml-brest'),
  ml('Mission Locale du Pays de Cornouaille', '29', 'Finistère', 'Bretagne', 'Quimper', 'ml-cornouaille'),
  ml('Mission Locale Centre Bretagne', '56', 'Morbihan', 'Bretagne', 'Pontivy', 'ml-centre-bretagne'),
  // Pays de la Loire
  ml('Mission Locale Nantes Métropole', '44', 'Loire-Atlantique', 'Pays de la Loire', 'Nantes', 'ml-nantes', 1.8),
  ml('Mission Locale Angevine', '49', 'Maine-et-Loire', 'Pays de la Loire', 'Angers', 'ml-angevine'),
  ml("Mission Locale de l'Agglomération Mancelle", '72', 'Sarthe', 'Pays de la Loire', 'Le Mans', 'ml-le-mans'),
  // Normandie
  ml('Mission Locale Caen la Mer Calvados Centre', '14', 'Calvados', 'Normandie', 'Caen', 'ml-caen'),
  ml("Mission Locale de l'Agglomération Havraise", '76', 'Seine-Maritime', 'Normandie', 'Le Havre', 'ml-le-havre'),
  // Centre-Val de Loire
  ml("Mission Locale de l'Orléanais", '45', 'Loiret', 'Centre-Val de Loire', 'Orléans', 'ml-orleanais'),
  ml('Mission Locale de Tours', '37', 'Indre-et-Loire', 'Centre-Val de Loire', 'Tours', 'ml-tours'),
  // Bourgogne-Franche-Comté
  ml('Mission Locale de Dijon', '21', "Côte-d'Or", 'Bourgogne-Franche-Comté', 'Dijon', 'ml-dijon'),
  ml('Mission Locale du Grand Besançon', '25', 'Doubs', 'Bourgogne-Franche-Comté', 'Besançon', 'ml-grand-besancon'),
  ml('Mission Locale du Chalonnais', '71', 'Saône-et-Loire', 'Bourgogne-Franche-Comté', 'Chalon-sur-Saône', 'ml-chalonnais'),
  // Corse and overseas
  ml("Mission Locale d'Ajaccio", '2A', 'Corse-du-Sud', 'Corse', 'Ajaccio', 'ml-ajaccio'),
  ml('Mission Locale Nord Réunion', '974', 'La Réunion', 'La Réunion', 'Saint-Denis (La Réunion)', 'ml-nord-reunion', 1.2, 4),
  ml('Mission Locale de Guadeloupe', '971', 'Guadeloupe', 'Guadeloupe', 'Pointe-à-Pitre', 'ml-guadeloupe', 1, -4),
];

const other = (
  name: string,
  kind: StructureKind,
  region: string,
  city: string,
  domain: string,
  departmentCode: string | null = null,
  departmentName: string | null = null,
): StructureSeed => ({ name, kind, departmentCode, departmentName, region, city, domain, utcOffset: 2, weight: 0 });

export const OTHER_STRUCTURES: StructureSeed[] = [
  other('ARML Occitanie', 'arml', 'Occitanie', 'Toulouse', 'arml-occitanie'),
  other('ARML Nouvelle-Aquitaine', 'arml', 'Nouvelle-Aquitaine', 'Bordeaux', 'arml-nouvelle-aquitaine'),
  other('ARML Auvergne-Rhône-Alpes', 'arml', 'Auvergne-Rhône-Alpes', 'Lyon', 'arml-aura'),
  other('ARML Hauts-de-France', 'arml', 'Hauts-de-France', 'Lille', 'arml-hdf'),
  other('ARML Bretagne', 'arml', 'Bretagne', 'Rennes', 'arml-bretagne'),
  other('Union Nationale des Missions Locales (UNML)', 'national', 'Île-de-France', 'Paris', 'unml', '75', 'Paris'),
  other(DSI_STRUCTURE, 'dsi', 'Occitanie', 'Tarbes', 'dsi-ml', '65', 'Hautes-Pyrénées'),
  other(IBS, 'partenaire', 'Île-de-France', 'Paris', 'ibs', '75', 'Paris'),
  other(E2C, 'partenaire', 'Île-de-France', 'Paris', 'e2c', '75', 'Paris'),
];

export const ALL_STRUCTURES: StructureSeed[] = [...MISSIONS_LOCALES, ...OTHER_STRUCTURES];
