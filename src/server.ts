import http from 'node:http';
import { ConfigError, loadConfig } from './config';
import { createApp } from './app';
import { createDb, migrateLatest } from './shared/db';
import { createLogger } from './shared/logger';
import { isDatabaseEmpty, seedDemo } from '../seeds/demo';
import { importsSettled } from './modules/imports';
import { whitepaperJobsSettled } from './modules/whitepaper';

/** Starts Ensemble: validate configuration, migrate, load the demo data into an empty database (not in production), listen. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const db = createDb(config);
  const applied = await migrateLatest(db);
  if (applied.length) logger.info({ migrations: applied }, 'migrations appliquées');
  if (config.seedDemo && (await isDatabaseEmpty(db))) {
    const started = Date.now();
    const summary = await seedDemo(db, { log: (m) => logger.info(m) });
    logger.info({ ...summary, ms: Date.now() - started }, 'consultation de démonstration chargée');
  }
  const app = createApp({ config, db, logger });
  const server = http.createServer(app);
  server.listen(config.port, config.host, () => {
    logger.info(
      { port: config.port, database: config.databaseUrl ? 'postgresql' : 'sqlite' },
      `Ensemble écoute sur http://localhost:${config.port}`,
    );
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'arrêt en cours');
    server.close(() => {
      // A background import or publication finishes (or rolls back) before the database closes.
      Promise.all([importsSettled(), whitepaperJobsSettled()])
        .catch(() => undefined)
        .then(() => db.destroy())
        .finally(() => process.exit(0));
    });
    // Keep-alive connections may hold the server open: give them a bounded grace period.
    setTimeout(() => process.exit(0), 60_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`Échec du démarrage : ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
