/**
 * French first, ready for other languages: every interface string the code emits lives in a
 * catalogue keyed by a stable id; views receive `t`. Dates and numbers use the fr-FR conventions
 * (« 1 091 », « 23 mai 2023 ») through Intl, never hand-made formats.
 */
import { toDate } from './db';

export type Locale = 'fr';
export const DEFAULT_LOCALE: Locale = 'fr';
const TZ = 'Europe/Paris';

const catalogues: Record<Locale, Record<string, string>> = {
  fr: {
    'app.name': 'Ensemble',
    'app.tagline': 'Consultation participative et livre blanc des Missions Locales',
    'role.contributeur': 'Contributeur',
    'role.ambassadeur': 'Ambassadeur',
    'role.dsi': 'DSI (administration)',
    'auth.invalid': 'Adresse électronique ou mot de passe incorrect.',
    'auth.throttled': 'Trop de tentatives de connexion. Réessayez dans {minutes|# minute|# minutes}.',
    'auth.loggedOut': 'Vous êtes déconnecté.',
    'auth.loginRequired': 'Connectez-vous pour accéder à cette page.',
    'auth.welcome': 'Bienvenue, {name}.',
    'error.403.title': 'Accès refusé',
    'error.403.body': "Vous n'avez pas les droits nécessaires pour accéder à cette page.",
    'error.404.title': 'Page introuvable',
    'error.404.body': "La page demandée n'existe pas ou a été déplacée.",
    'error.413.title': 'Envoi trop volumineux',
    'error.413.body': 'Les données envoyées dépassent la taille autorisée. Réduisez-les puis réessayez.',
    'error.400.title': 'Requête invalide',
    'error.400.body': 'La requête envoyée est mal formée.',
    'error.csrf.title': 'Formulaire expiré',
    'error.csrf.body': 'Le formulaire a expiré ou ne provient pas de ce site. Rechargez la page puis recommencez.',
    'error.409.title': 'Conflit de modification',
    'error.500.title': 'Erreur interne',
    'error.500.body': "Une erreur inattendue s'est produite. L'équipe technique en est informée ; réessayez plus tard.",
    'error.429.title': 'Trop de requêtes',
    'form.errors': 'Le formulaire contient {count|# erreur|# erreurs}. Corrigez les champs signalés.',
    'users.created': 'Le compte de {name} a été créé.',
    'users.updated': 'Le compte de {name} a été modifié.',
    'users.deactivated': 'Le compte de {name} a été désactivé.',
    'users.reactivated': 'Le compte de {name} a été réactivé.',
    'users.passwordReset': 'Nouveau mot de passe provisoire de {name} : {password} — transmettez-le par un canal sûr.',
    'users.stale': "Ce compte a été modifié par quelqu'un d'autre entre-temps. Vérifiez les valeurs actuelles puis recommencez.",
    'users.emailTaken': 'Cette adresse électronique est déjà utilisée par un autre compte.',
    'users.selfDeactivate': 'Vous ne pouvez pas désactiver votre propre compte.',
    'users.lastDsi': 'Impossible : ce compte est le dernier compte DSI actif.',
    'profile.passwordChanged': 'Votre mot de passe a été modifié.',
    'profile.wrongPassword': 'Le mot de passe actuel est incorrect.',
  },
};

/**
 * Each module registers its own messages (from its messages.ts), so that the catalogue grows
 * without every module editing this file. A key registered twice is a programming error.
 */
export function registerMessages(entries: Record<string, string>, locale: Locale = DEFAULT_LOCALE): void {
  for (const [key, value] of Object.entries(entries)) {
    if (key in catalogues[locale] && catalogues[locale][key] !== value) throw new Error(`message déjà défini : ${key}`);
    catalogues[locale][key] = value;
  }
}

/**
 * A message with its parameters. A count takes its French plural in the template itself:
 * `{count|# erreur|# erreurs}` reads « 0 erreur », « 1 erreur », « 2 erreurs » (see plural()).
 */
export function t(key: string, params: Record<string, string | number> = {}, locale: Locale = DEFAULT_LOCALE): string {
  const template = catalogues[locale][key] ?? key;
  return template
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (all, name: string, one: string, other: string) =>
      name in params ? plural(Number(params[name]), one, other) : all,
    )
    .replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

const numberFmt = new Intl.NumberFormat('fr-FR');
export function formatNumber(n: number): string {
  return numberFmt.format(n);
}

/**
 * A duration as an operator reads it: « 0,04 s », « 2,3 s », « 1 min 17 s » — never « 0.0 s »
 * (a decimal point, or a short step rounded to nothing).
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${formatNumber(Math.round(ms / 10) / 100)} s`;
  if (ms < 60_000) return `${formatNumber(Math.round(ms / 100) / 10)} s`;
  const seconds = Math.round(ms / 1000);
  const min = Math.floor(seconds / 60);
  const sec = seconds % 60;
  return sec ? `${formatNumber(min)} min ${String(sec).padStart(2, '0')} s` : `${formatNumber(min)} min`;
}

const oneDecimalFmt = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** « 1,8 »: a ratio that is not a share (proposals per need), always with one decimal. */
export function formatOneDecimal(n: number): string {
  return oneDecimalFmt.format(n);
}

// French plural rules: 0 and 1 take the singular (« 0 contribution correspond », « 1 erreur »).
const pluralRules = new Intl.PluralRules('fr-FR');

/**
 * A count in a French phrase, the number written the French way in place of `#`:
 * plural(0, '# contribution correspond', '# contributions correspondent') → « 0 contribution correspond »,
 * plural(1091, …) → « 1 091 contributions correspondent ». Every count shown in a page, the PDF or
 * the command line goes through here (or through a message's `{n|…|…}`), never through « (s) ».
 */
export function plural(n: number, one: string, other: string): string {
  // 'many' (« 1 000 000 ») takes the plural form: the phrases never say « 1 million de ».
  const form = pluralRules.select(n) === 'one' ? one : other;
  return form.replace(/#/g, formatNumber(n));
}

// One formatter per number of digits: building an Intl.NumberFormat costs far more than formatting.
const percentFmts = new Map<number, Intl.NumberFormat>();
export function formatPercent(ratio: number, digits = 0): string {
  let fmt = percentFmts.get(digits);
  if (!fmt) percentFmts.set(digits, (fmt = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: digits })));
  return fmt.format(ratio);
}

const dateFmt = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TZ });
const dateTimeFmt = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: TZ });

/** '2023-05-23' (a calendar date) or a timestamp → « 23 mai 2023 ». */
export function formatDate(v: unknown): string {
  if (v == null || v === '') return '';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    // A calendar date has no time zone: format it at noon UTC so that no zone shifts the day.
    return dateFmt.format(new Date(`${v}T12:00:00Z`));
  }
  const d = toDate(v);
  return d && !Number.isNaN(d.getTime()) ? dateFmt.format(d) : '';
}

export function formatDateTime(v: unknown): string {
  const d = toDate(v);
  return d && !Number.isNaN(d.getTime()) ? dateTimeFmt.format(d) : '';
}

/** Machine-readable value for <time datetime="…">. */
export function isoDate(v: unknown): string {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = toDate(v);
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
}

export const viewHelpers = { t, plural, formatNumber, formatPercent, formatDate, formatDateTime, isoDate };
