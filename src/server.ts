import http from 'node:http';
import { ConfigError, loadConfig } from './config';
import { createApp } from './app';
import { createDb, createReadDb, migrateLatest } from './shared/db';
import { createWriteBatcher } from './shared/write-batcher';
import { createLogger } from './shared/logger';
import { isDatabaseEmpty, seedDemo } from '../seeds/demo';
import { jobsSettled } from './shared/jobs';
import { createMailSender } from './modules/notifications';
import { remindRegisteredPeople } from './modules/workshops';
import { explainStartFailure } from './shared/startup-errors';

/** Where the server was told to listen and store, so that a failure at start can name the setting to check. */
let target: { port?: number; host?: string; databaseUrl?: string; dataDir?: string } = {};

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
  target = { port: config.port, host: config.host, databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  const logger = createLogger(config.logLevel);
  const db = createDb(config);
  const applied = await migrateLatest(db);
  if (applied.length) logger.info({ migrations: applied }, 'migrations appliquées');
  if (config.seedDemo && (await isDatabaseEmpty(db))) {
    const started = Date.now();
    const summary = await seedDemo(db, { log: (m) => logger.info(m) });
    logger.info({ ...summary, ms: Date.now() - started }, 'consultation de démonstration chargée');
  }
  // Readers opened after the migrations: the writer has put the file in WAL mode.
  const readDb = config.sqliteReaders > 0 ? createReadDb(db, config.sqliteReaders) : db;
  const writer = createWriteBatcher(db, { windowMs: config.writeBatch.windowMs, maxBatch: config.writeBatch.max });
  const app = createApp({ config, db, readDb, writer, logger });
  // Without SMTP_URL there is no sender: mails stay in the outbox, shown to the DSI.
  const mailSender = createMailSender({ config, db, logger });
  mailSender?.start();
  // The reminders the day before a workshop: each seat once, whatever the number of instances.
  let reminding: Promise<unknown> = Promise.resolve();
  const reminders = setInterval(() => {
    reminding = remindRegisteredPeople(db).catch((err: unknown) => logger.error({ err }, 'échec des rappels d’ateliers'));
  }, 10 * 60 * 1000);
  reminders.unref();
  if (!mailSender) logger.info('pas de serveur SMTP (SMTP_URL) : les courriels restent dans la file, visibles par la DSI');

  // Responses being written, so that a shutdown can tell their connections to close once they are sent.
  const inFlight = new Set<http.ServerResponse>();
  let stopping = false;
  const server = http.createServer((req, res) => {
    // A request that reaches a stopping server (on a kept-alive connection) is served, then its connection closes.
    if (stopping) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.on('close', () => {
      inFlight.delete(res);
      // Its connection may now be idle: release it at once rather than after the keep-alive timeout.
      if (stopping) server.closeIdleConnections();
    });
    app(req, res);
  });
  // A port already taken (or reserved) is the operator's to fix: one French line and exit 1, no stack.
  server.once('error', (err) => {
    process.stderr.write(`${explainStartFailure(err, target) ?? `Échec du démarrage : ${err.message}`}\n`);
    void db.destroy().finally(() => process.exit(1));
  });
  server.listen(config.port, config.host, () => {
    logger.info(
      { port: config.port, database: config.databaseUrl ? 'postgresql' : 'sqlite' },
      `Ensemble écoute sur http://localhost:${config.port}`,
    );
  });

  /**
   * Stop accepting connections, let the requests in flight finish, wait for the current step of the
   * background jobs, close the database, exit 0. A deployment waits for us: past the grace period the
   * process gives up (exit 1), so that a stuck request never blocks a restart.
   */
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: inFlight.size }, 'arrêt en cours : plus de nouvelles connexions, fin des requêtes en cours');
    setTimeout(() => {
      logger.fatal(
        { inFlight: inFlight.size, graceSeconds: config.shutdownGraceMs / 1000 },
        `arrêt forcé : des requêtes ou des tâches de fond n’étaient pas terminées après ${config.shutdownGraceMs / 1000} s`,
      );
      process.exit(1);
    }, config.shutdownGraceMs);
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    server.close(() => {
      // A background import or layout finishes (or rolls back) before the database closes.
      // Every request has been answered, so every write it queued has committed; drain anyway, then
      // the background jobs and the batch of mails being sent (its rows are marked), before the
      // database closes.
      clearInterval(reminders);
      writer
        .drain()
        .then(() => Promise.all([jobsSettled(), mailSender?.stop(), reminding]))
        .catch((err: unknown) => logger.error({ err }, 'une tâche de fond a échoué pendant l’arrêt'))
        .then(() => (readDb === db ? undefined : readDb.destroy()))
        .then(() => db.destroy())
        .then(
          () => {
            logger.info('arrêt terminé');
            process.exit(0);
          },
          (err: unknown) => {
            logger.error({ err }, 'échec de la fermeture de la base de données');
            process.exit(1);
          },
        );
    });
    // server.close() drops the connections idle at this instant; busy ones close as their response ends.
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  const known = explainStartFailure(err, target);
  process.stderr.write(`${known ?? `Échec du démarrage : ${err instanceof Error ? err.message : String(err)}`}\n`);
  process.exit(1);
});
