import { ConfigError, loadConfig, type Config } from '../config';
import { createDb, type Db } from '../shared/db';
import { findConsultationBySlug, type ConsultationRow } from '../modules/consultations';

/** Shared by every subcommand: the validated configuration, or a French message and exit code 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

/** Runs `fn` with a database connection that is always closed afterwards. */
export async function withDb<T>(fn: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(loadConfigOrExit());
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

/** The consultation named by `--consultation`, or undefined once the command has said it is unknown. */
export async function consultationNamed(db: Db, slug: string): Promise<ConsultationRow | undefined> {
  const consultation = await findConsultationBySlug(db, slug);
  if (!consultation) process.stderr.write(`Consultation inconnue : « ${slug} ».\n`);
  return consultation;
}
