import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting of Ensemble, read once from the environment and validated at start.
 * Each key documents itself (env name, default, meaning); the README table is built from the same facts.
 */
// Every validation message that the code does not word itself comes out in French.
z.config(z.locales.fr());

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Where the source code is published, linked from every page's footer: the AGPL (section 13) asks
 * that the users of a network service be offered it. An instance that changes the code sets its own.
 */
export const DEFAULT_SOURCE_CODE_URL = 'https://code.example.org/missions-locales/ensemble';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'oui', 'non'])
  .transform((v) => ['true', '1', 'yes', 'oui'].includes(v));

/** An SMTP server's URL: smtp:// or smtps://, a host, an optional port. */
function smtpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '';
  } catch {
    return false;
  }
}

function httpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** « adresse@domaine » or « Nom <adresse@domaine> » (what an SMTP From header accepts, kept simple). */
function mailbox(v: string): boolean {
  const m = /^(?:[^<>@\r\n]*<([^<>\s]+)>|([^<>\s]+))$/.exec(v);
  const address = m ? (m[1] ?? m[2]!) : '';
  return /^[^@\s"]+@[^@\s.]+(\.[^@\s.]+)+$/.test(address);
}

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'doit commencer par postgres:// ou postgresql://')
      .optional(),
    SQLITE_SYNCHRONOUS: z.enum(['full', 'normal'], { error: 'doit valoir full ou normal' }).default('full'),
    SESSION_SECRET: z.string().min(32, 'doit faire au moins 32 caractères').optional(),
    SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    TRUST_PROXY: z.string().default('loopback'),
    SECURE_COOKIES: boolish.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(30),
    LOGIN_BLOCK_MINUTES: z.coerce.number().int().min(1).default(15),
    SEED_DEMO: boolish.optional(),
    WHITEPAPER_BACKGROUND_NEEDS: z.coerce.number().int().min(0).max(1_000_000).default(300),
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    WORDCLOUD_SYNC_LIMIT: z.coerce.number().int().min(0).max(10_000_000).default(5000),
    DATABASE_POOL_MIN: z.coerce.number().int().min(0).max(1000).default(2),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
    CONSULTATION_CACHE_CHECK_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    LIST_COUNT_CAP: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
    WRITE_BATCH_WINDOW_MS: z.coerce.number().int().min(0).max(1000).default(0),
    WRITE_BATCH_MAX: z.coerce.number().int().min(1).max(10_000).default(64),
    SQLITE_READERS: z.coerce.number().int().min(0).max(64).default(3),
    SMTP_URL: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || smtpUrl(v), 'doit être une URL smtp:// ou smtps:// valide (ex. smtp://utilisateur:secret@smtp.exemple.fr:587)'),
    MAIL_FROM: z
      .string()
      .trim()
      .default('Ensemble <ne-pas-repondre@ensemble.localhost>')
      .refine(mailbox, 'doit être une adresse électronique, éventuellement précédée d’un nom (ex. Ensemble <ne-pas-repondre@exemple.fr>)'),
    PUBLIC_URL: z
      .string()
      .trim()
      .optional()
      .refine((v) => v === undefined || httpUrl(v), 'doit être une URL http:// ou https:// (l’adresse du site vue par les utilisateurs)'),
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    SOURCE_CODE_URL: z.url({ protocol: /^https?$/, error: 'doit être une adresse http(s)' }).default(DEFAULT_SOURCE_CODE_URL),
    OPERATOR_NAME: z.string().trim().min(1).max(200).default('la structure qui exploite cette instance'),
    OPERATOR_CONTACT: z.string().trim().min(1).max(200).default('le référent numérique de votre Mission Locale'),
    HOSTING_PROVIDER: z.string().trim().min(1).max(300).default('non renseigné par l’exploitant'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'obligatoire en production' });
    }
    if (env.DATABASE_POOL_MIN > env.DATABASE_POOL_MAX) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_POOL_MIN'], message: 'doit être inférieur ou égal à DATABASE_POOL_MAX' });
    }
  });

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * SQLite's sync at commit: `full` (default) makes every acknowledged transaction survive a power
   * loss; `normal` only a process crash (WAL may lose the last commits), for a little more speed.
   */
  sqliteSynchronous: 'full' | 'normal';
  sessionSecret: string;
  sessionMaxAgeMs: number;
  trustProxy: string;
  secureCookies: boolean;
  logLevel: string;
  login: { maxPerAccount: number; maxPerIp: number; blockSeconds: number };
  /** Load the demo consultation into an empty database at start (never in production). */
  seedDemo: boolean;
  /** Beyond this many needs a white paper's PDF is laid out in the background, with a progress page. */
  whitepaper: { backgroundNeeds: number };
  /** On SIGTERM, how long requests in flight and background jobs may take before the process gives up (exit 1). */
  shutdownGraceMs: number;
  /** Up to this many contributions a stale word cloud is counted within the request; beyond, in the background. */
  wordCloud: { syncLimit: number };
  /** PostgreSQL's connection pool per instance (SQLite always has its one connection). */
  databasePool: { min: number; max: number };
  /** How often an instance checks whether another changed a consultation, its phases or themes (0: every request). */
  consultationCacheCheckMs: number;
  /** The contributions list counts its selection up to this many rows, then shows « plus de N ». */
  listCountCap: number;
  /** Group commit (shared/write-batcher): wait this long for more writes before a batch starts; units per batch at most. */
  writeBatch: { windowMs: number; max: number };
  /** Read-only SQLite connections for GET/HEAD requests and the health probe (0: everything on the writer's one). */
  sqliteReaders: number;
  /**
   * Email: without `smtpUrl` mails are written to the outbox and only shown to the DSI (development,
   * demo). `publicUrl` starts every link of a mail (no request to take the host from).
   */
  mail: { smtpUrl: string | undefined; from: string; publicUrl: string; maxAttempts: number };
  /** The public-sector pages (legal notice, accessibility statement) and the footer's source-code link. */
  site: { sourceCodeUrl: string; operatorName: string; operatorContact: string; hostingProvider: string };
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError listing every bad key, in French. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')} : ${i.message}`);
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    // Outside production a fixed development secret keeps sessions across restarts; production must set its own.
    sessionSecret: e.SESSION_SECRET ?? 'ensemble-development-secret-not-for-production-use',
    sessionMaxAgeMs: e.SESSION_MAX_AGE_HOURS * 3600 * 1000,
    trustProxy: e.TRUST_PROXY,
    secureCookies: e.SECURE_COOKIES ?? e.NODE_ENV === 'production',
    logLevel: e.NODE_ENV === 'test' && !source.LOG_LEVEL ? 'silent' : e.LOG_LEVEL,
    login: {
      maxPerAccount: e.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT,
      maxPerIp: e.LOGIN_MAX_ATTEMPTS_PER_IP,
      blockSeconds: e.LOGIN_BLOCK_MINUTES * 60,
    },
    seedDemo: (e.SEED_DEMO ?? true) && e.NODE_ENV !== 'production',
    whitepaper: { backgroundNeeds: e.WHITEPAPER_BACKGROUND_NEEDS },
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    wordCloud: { syncLimit: e.WORDCLOUD_SYNC_LIMIT },
    databasePool: { min: e.DATABASE_POOL_MIN, max: e.DATABASE_POOL_MAX },
    consultationCacheCheckMs: e.CONSULTATION_CACHE_CHECK_MS,
    listCountCap: e.LIST_COUNT_CAP,
    writeBatch: { windowMs: e.WRITE_BATCH_WINDOW_MS, max: e.WRITE_BATCH_MAX },
    sqliteReaders: e.SQLITE_READERS,
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
    },
    site: { sourceCodeUrl: e.SOURCE_CODE_URL, operatorName: e.OPERATOR_NAME, operatorContact: e.OPERATOR_CONTACT, hostingProvider: e.HOSTING_PROVIDER },
  };
}

/** The documented settings, for the README and `ensemble config`. */
export const CONFIG_DOC: Array<[string, string, string]> = [
  ['NODE_ENV', 'development', 'production : SESSION_SECRET obligatoire, cookies sécurisés, jamais de démonstration'],
  ['PORT', '3000', "Port HTTP d'écoute"],
  ['HOST', '0.0.0.0', "Adresse d'écoute"],
  ['DATA_DIR', './data', 'Dossier des données (base SQLite, fichiers produits)'],
  ['DATABASE_URL', '(vide)', 'URL PostgreSQL ; vide = SQLite embarqué dans DATA_DIR'],
  ['DATABASE_POOL_MIN', '2', 'PostgreSQL : connexions gardées ouvertes par instance'],
  ['DATABASE_POOL_MAX', '10', 'PostgreSQL : connexions au plus par instance (le total de toutes les instances doit rester sous max_connections du serveur)'],
  ['SQLITE_SYNCHRONOUS', 'full', 'SQLite : full = chaque enregistrement confirmé survit à une coupure de courant ; normal = seulement à un arrêt brutal du processus'],
  ['SESSION_SECRET', '(dev : fixe)', 'Secret de signature des cookies, 32 caractères minimum ; obligatoire en production'],
  ['SESSION_MAX_AGE_HOURS', '12', "Durée d'une session"],
  ['TRUST_PROXY', 'loopback', "Réglage « trust proxy » d'Express (adresse du proxy inverse)"],
  ['SECURE_COOKIES', 'true en production', 'Cookies réservés à HTTPS'],
  ['LOG_LEVEL', 'info', 'Niveau de journalisation (pino)'],
  ['LOGIN_MAX_ATTEMPTS_PER_ACCOUNT', '5', 'Échecs de connexion tolérés par compte avant blocage'],
  ['LOGIN_MAX_ATTEMPTS_PER_IP', '30', 'Échecs de connexion tolérés par adresse IP avant blocage'],
  ['LOGIN_BLOCK_MINUTES', '15', 'Durée du blocage après trop d’échecs'],
  ['SEED_DEMO', 'true hors production', 'Charger la consultation de démonstration si la base est vide'],
  ['WHITEPAPER_BACKGROUND_NEEDS', '300', 'Au-delà de ce nombre de besoins, le PDF du livre blanc est mis en page en arrière-plan, avec une page de progression'],
  ['WORDCLOUD_SYNC_LIMIT', '5000', 'Au-delà de ce nombre de contributions, un nuage de mots périmé est recalculé en arrière-plan (la page montre le précédent, daté)'],
  ['CONSULTATION_CACHE_CHECK_MS', '1000', 'Une consultation, ses phases et ses thématiques sont gardées en mémoire ; chaque instance vérifie au plus tous les N ms si une autre les a modifiées (0 : à chaque requête)'],
  ['WRITE_BATCH_WINDOW_MS', '0', 'Écritures groupées : attente (ms) avant de valider un lot quand l’écrivain était libre ; les écritures arrivées pendant une validation forment toujours le lot suivant'],
  ['WRITE_BATCH_MAX', '64', 'Écritures groupées : nombre maximal de dépôts validés par une même transaction'],
  ['SQLITE_READERS', '3', 'SQLite : connexions en lecture seule pour les pages (GET) et la sonde /healthz, à côté de l’unique connexion d’écriture (0 : tout passe par celle-ci)'],
  ['LIST_COUNT_CAP', '10000', 'La liste des contributions compte sa sélection jusqu’à ce nombre, puis affiche « plus de … » (le compte exact d’un million de lignes coûterait des secondes)'],
  ['SMTP_URL', '(vide)', 'Serveur d’envoi des courriels, smtp:// ou smtps:// (identifiants dans l’URL) ; vide = courriels gardés dans la file et montrés à la DSI (page « Courriels envoyés »)'],
  ['MAIL_FROM', 'Ensemble <ne-pas-repondre@ensemble.localhost>', 'Expéditeur des courriels'],
  ['PUBLIC_URL', 'http://localhost:PORT', 'Adresse du site vue par les utilisateurs : début de chaque lien des courriels'],
  ['MAIL_MAX_ATTEMPTS', '8', 'Tentatives d’envoi d’un courriel (délai doublé à chaque échec, à partir d’une minute) avant abandon, visible par la DSI'],
  ['SOURCE_CODE_URL', DEFAULT_SOURCE_CODE_URL, 'Adresse du code source publié (lien « Code source » du pied de page, attendu par la licence AGPL) ; à remplacer par le dépôt réel de l’instance'],
  ['OPERATOR_NAME', 'la structure qui exploite cette instance', 'Éditeur du site, nommé dans les mentions légales et la déclaration d’accessibilité'],
  ['OPERATOR_CONTACT', 'le référent numérique…', 'Contact (adresse ou service) pour les données personnelles et l’accessibilité'],
  ['HOSTING_PROVIDER', 'non renseigné', 'Hébergeur (nom, adresse), pour les mentions légales'],
  ['SHUTDOWN_GRACE_SECONDS', '30', "À l'arrêt (SIGTERM), délai laissé aux requêtes en cours et aux tâches de fond avant un arrêt forcé (code 1)"],
];

/** A setting as it is in effect, for `ensemble config`. */
export interface EffectiveSetting {
  name: string;
  /** What the process uses, secrets masked. */
  value: string;
  origin: 'environnement' | 'défaut';
  doc: string;
}

const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|KEY/i;

/** A value fit to print: secrets replaced by their length, a password inside a URL by asterisks. */
export function maskSetting(name: string, value: string): string {
  if (SECRET_NAME.test(name)) return `•••• (masqué, ${value.length} caractères)`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      const u = new URL(value);
      if (u.password) {
        u.password = '****';
        return u.toString();
      }
    } catch {
      // Not a URL after all: shown as typed.
    }
  }
  return value;
}

/** The value in effect when a key is not set, where it depends on other keys (the rest: CONFIG_DOC's default). */
const DERIVED: Record<string, (c: Config) => string> = {
  DATA_DIR: (c) => c.dataDir,
  DATABASE_URL: () => '(vide : SQLite embarqué)',
  SESSION_SECRET: (c) => (c.env === 'production' ? '' : '(secret de développement, fixe)'),
  SECURE_COOKIES: (c) => String(c.secureCookies),
  SEED_DEMO: (c) => String(c.seedDemo),
  LOG_LEVEL: (c) => c.logLevel,
};

/**
 * Every documented setting with the value this process would use and where it comes from (the
 * environment, or the default). Throws ConfigError as loadConfig does when the environment is invalid.
 */
export function describeConfig(source: NodeJS.ProcessEnv = process.env): EffectiveSetting[] {
  const config = loadConfig(source);
  return CONFIG_DOC.map(([name, def, doc]) => {
    const raw = source[name];
    if (raw !== undefined) return { name, value: maskSetting(name, raw), origin: 'environnement', doc };
    return { name, value: DERIVED[name]?.(config) ?? def, origin: 'défaut', doc };
  });
}
