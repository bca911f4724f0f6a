import readline from 'node:readline';
import { Command, Option } from 'commander';
import { ConfigError, describeConfig } from './config';
import { loadConfigOrExit, withDb } from './cli/support';
import { speakFrench } from './cli/french';
import { explainStartFailure } from './shared/startup-errors';
import { formatDuration, formatNumber } from './shared/i18n';
import { migrateLatest } from './shared/db';
import { generatePassword, hashPassword, PASSWORD_MIN_LENGTH } from './modules/auth';
import { ROLES, type Role } from './shared/actor';
import { findUserByEmail, insertUser, createUserSchema } from './modules/users';
import { recordAudit } from './modules/audit';
import { fieldErrors } from './shared/validation';
import { seedDemo } from '../seeds/demo';
import { registerImportCommand } from './cli/import-contributions';
import { registerSuggestGroupsCommand } from './cli/suggest-groups';
import { registerRenderWhitepaperCommand } from './cli/render-whitepaper';
import { registerBackupCommands } from './cli/backup';

/** `npx ensemble …`: the operator's commands. Messages in French; exit code 1 on any failure. */
function out(msg: string): void {
  process.stdout.write(`${msg}\n`);
}
function fail(msg: string): never {
  process.stderr.write(`${msg}\n`);
  process.exit(1);
}

async function askHidden(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Mask what is typed: the password never appears on screen.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.includes(question)) process.stdout.write(s);
  };
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

const program = new Command();
// French parser messages and help first: subcommands inherit them when they are declared.
speakFrench(program).name('ensemble').description('Ensemble — consultation participative et livre blanc');

program
  .command('migrate')
  .description('Applique les migrations de la base de données')
  .action(() =>
    withDb(async (db) => {
      const applied = await migrateLatest(db);
      out(applied.length ? `Migrations appliquées :\n  ${applied.join('\n  ')}` : 'La base est à jour.');
    }),
  );

program
  .command('seed:demo')
  .description('Charge la consultation de démonstration (base vide uniquement ; refusé en production sans --force-demo)')
  .option('--force-demo', 'charge la démonstration même avec NODE_ENV=production (ses mots de passe sont publiés)')
  .action((opts: { forceDemo?: boolean }) => {
    // The demo's accounts have the passwords printed in the README: never in production by accident.
    if (process.env.NODE_ENV === 'production' && !opts.forceDemo) {
      fail(
        'NODE_ENV=production : la démonstration n’est pas chargée en production, car ses comptes ont des mots de passe publiés. ' +
          'Ajoutez --force-demo pour la charger quand même (base vide uniquement).',
      );
    }
    return withDb(async (db) => {
      await migrateLatest(db);
      const started = Date.now();
      try {
        const s = await seedDemo(db, { log: out });
        out(
          `Démonstration chargée en ${formatDuration(Date.now() - started)} : ${formatNumber(s.workshops)} ateliers, ${formatNumber(s.participants)} participants, ` +
            `${formatNumber(s.rawContributions)} contributions brutes, ${formatNumber(s.consolidated)} consolidées, ${formatNumber(s.needs)} besoins, ${formatNumber(s.proposals)} propositions.`,
        );
      } catch (err) {
        fail(err instanceof Error ? err.message : String(err));
      }
    });
  });

program
  .command('user:create')
  .description('Crée un compte (le mot de passe est demandé au terminal, ou généré avec --generate-password)')
  .addOption(new Option('--role <role>', 'rôle du compte').choices(ROLES as unknown as string[]).makeOptionMandatory())
  .requiredOption('--email <email>', 'adresse électronique')
  .requiredOption('--name <name>', 'nom affiché')
  .option('--generate-password', 'génère un mot de passe et l’affiche une fois')
  .action((opts: { role: Role; email: string; name: string; generatePassword?: boolean }) =>
    withDb(async (db) => {
      await migrateLatest(db);
      const parsed = createUserSchema.safeParse({ email: opts.email, displayName: opts.name, role: opts.role, structureId: '' });
      if (!parsed.success) fail(Object.values(fieldErrors(parsed.error)).join('\n'));
      if (await findUserByEmail(db, parsed.data.email)) fail('Un compte existe déjà avec cette adresse électronique.');
      let password: string;
      if (!opts.generatePassword && !process.stdin.isTTY) {
        // A script or a pipe cannot type a hidden password: say so rather than invent one it would not read.
        fail('Aucun terminal pour demander le mot de passe : relancez dans un terminal, ou ajoutez --generate-password pour en générer un (affiché une fois).');
      }
      if (opts.generatePassword) {
        password = generatePassword();
      } else {
        password = await askHidden(`Mot de passe (${PASSWORD_MIN_LENGTH} caractères minimum) : `);
        if (password.length < PASSWORD_MIN_LENGTH) fail(`Le mot de passe doit faire au moins ${PASSWORD_MIN_LENGTH} caractères.`);
        if ((await askHidden('Confirmez le mot de passe : ')) !== password) fail('Les deux saisies diffèrent.');
      }
      const hash = await hashPassword(password);
      const id = await db.transaction(async (trx) => {
        const newId = await insertUser(trx, { email: parsed.data.email, display_name: parsed.data.displayName, role: parsed.data.role, structure_id: null, password_hash: hash });
        await recordAudit(trx, { actorId: null, action: 'user.create', objectType: 'user', objectId: newId, after: { email: parsed.data.email, role: parsed.data.role, via: 'cli' } });
        return newId;
      });
      out(`Compte n° ${id} créé : ${parsed.data.email} (${parsed.data.role}).`);
      if (opts.generatePassword) out(`Mot de passe provisoire : ${password}`);
    }),
  );

program
  .command('config')
  .description('Affiche la valeur en vigueur de chaque réglage, et d’où elle vient (secrets masqués)')
  .action(() => {
    let rows;
    try {
      rows = describeConfig();
    } catch (e) {
      if (e instanceof ConfigError) fail(e.message);
      throw e;
    }
    const width = Math.max(...rows.map((r) => r.value.length), 8);
    out(`${'Variable'.padEnd(32)} ${'Valeur'.padEnd(width)} ${'Origine'.padEnd(14)} Rôle`);
    for (const r of rows) out(`${r.name.padEnd(32)} ${r.value.padEnd(width)} ${r.origin.padEnd(14)} ${r.doc}`);
  });

registerImportCommand(program);
registerSuggestGroupsCommand(program);
registerRenderWhitepaperCommand(program);
registerBackupCommands(program);

program.parseAsync(process.argv).catch((err) => {
  // A database that does not answer, or refuses the account: one French line naming what to check.
  const config = loadConfigOrExit();
  fail(explainStartFailure(err, config) ?? (err instanceof Error ? err.message : String(err)));
});
