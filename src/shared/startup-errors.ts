/**
 * What an operator meets first when the machine around Ensemble is not ready — a port taken, a
 * database that does not answer or refuses the account — said in one French line naming the setting
 * to check, instead of a Node stack trace. Used by the server at start and by the command line.
 */

interface Where {
  port?: number;
  host?: string;
  databaseUrl?: string;
  dataDir?: string;
}

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connexion refusée (aucun serveur n’écoute à cette adresse)',
  ENOTFOUND: 'nom de machine inconnu',
  EAI_AGAIN: 'nom de machine introuvable pour l’instant (DNS)',
  ETIMEDOUT: 'pas de réponse dans le délai',
  EHOSTUNREACH: 'machine injoignable',
  ENETUNREACH: 'réseau injoignable',
  ECONNRESET: 'connexion coupée par le serveur',
};

/** PostgreSQL's SQLSTATE codes that mean « this URL cannot be used ». */
const POSTGRES: Record<string, string> = {
  '28P01': 'mot de passe refusé pour ce rôle',
  '28000': 'connexion refusée pour ce rôle (rôle inconnu, ou pg_hba.conf)',
  '3D000': 'cette base de données n’existe pas (createdb -O ROLE BASE)',
  '42501': 'droits insuffisants pour ce rôle',
  '53300': 'trop de connexions ouvertes sur le serveur (max_connections)',
  '57P03': 'le serveur démarre ou s’arrête',
};

/** `postgres://ensemble:…@db:5432/ensemble` → `db:5432/ensemble` (never the password). */
export function databaseTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; errors?: unknown[] } | null;
  if (e && typeof e.code === 'string') return e.code;
  // Node tries each address of a name in turn and reports them together.
  if (e && Array.isArray(e.errors)) for (const inner of e.errors) if (codeOf(inner)) return codeOf(inner);
  return undefined;
}

/** The French line for a known start failure, or undefined for anything else (a bug: keep its stack). */
export function explainStartFailure(err: unknown, where: Where): string | undefined {
  const code = codeOf(err);
  const syscall = (err as { syscall?: string } | null)?.syscall;
  if (syscall === 'listen' || code === 'EADDRINUSE') {
    const addr = `${where.host ?? '0.0.0.0'}:${where.port ?? '?'}`;
    if (code === 'EADDRINUSE') return `Le port ${where.port} est déjà utilisé (${addr}) : arrêtez le programme qui l’occupe, ou choisissez un autre PORT.`;
    if (code === 'EACCES') return `Le port ${where.port} est réservé à l’administrateur : choisissez un PORT au-dessus de 1023 et placez un proxy inverse devant.`;
    if (code === 'EADDRNOTAVAIL') return `L’adresse d’écoute HOST=${where.host} n’appartient pas à cette machine.`;
  }
  if (where.databaseUrl && code) {
    const reason = NETWORK[code] ?? POSTGRES[code];
    if (reason) return `La base PostgreSQL (${databaseTarget(where.databaseUrl)}) ne peut pas être utilisée : ${reason}. Vérifiez DATABASE_URL et le serveur PostgreSQL.`;
  }
  if (!where.databaseUrl && code && ['SQLITE_CANTOPEN', 'EACCES', 'EROFS', 'ENOTDIR', 'EEXIST', 'SQLITE_READONLY'].includes(code)) {
    return `La base SQLite ne peut pas être ouverte dans DATA_DIR=${where.dataDir ?? './data'} (${code}) : vérifiez que ce dossier existe ou peut être créé, et qu’il est accessible en écriture.`;
  }
  return undefined;
}
