import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { migrateLatest } from '../shared/db';
import { formatDuration, formatNumber } from '../shared/i18n';
import { assembleDocument, editionPdf, findEdition, latestEdition, renderPdfInWorker } from '../modules/whitepaper';
import { consultationNamed, withDb } from './support';

interface Options {
  consultation: string;
  out: string;
  edition?: string;
  author: string;
}

const err = (msg: string) => process.stderr.write(`${msg}\n`);

/**
 * `ensemble render-whitepaper --consultation SLUG --out FILE.pdf [--edition N|derniere]`: the white
 * paper's PDF. Without --edition, the version of work made now from the validated needs (the same as
 * the draft preview); with it, the published edition's stored PDF, byte for byte. The file appears
 * only once complete (written aside, then renamed).
 */
async function renderWhitepaperCommand(opts: Options): Promise<number> {
  const target = path.resolve(opts.out);
  const partial = `${target}.partiel`;
  return withDb(async (db) => {
    try {
      await migrateLatest(db);
      const consultation = await consultationNamed(db, opts.consultation);
      if (!consultation) return 1;
      const started = Date.now();
      if (opts.edition !== undefined) {
        const wanted = opts.edition === 'derniere' ? await latestEdition(db, consultation.id) : /^\d+$/.test(opts.edition) ? await findEdition(db, consultation.id, Number(opts.edition)) : undefined;
        const pdf = wanted ? await editionPdf(db, wanted.id) : null;
        if (!wanted || !pdf) {
          err(`Aucune édition « ${opts.edition} » publiée pour cette consultation.`);
          return 1;
        }
        await fs.promises.writeFile(partial, pdf);
        await fs.promises.rename(partial, target);
        process.stdout.write(`Édition ${wanted.number} écrite dans ${target} : ${formatNumber(wanted.pages ?? 0)} pages, ${formatNumber(pdf.length)} octets, SHA-256 ${wanted.pdf_sha256}.\n`);
        return 0;
      }
      const doc = await assembleDocument(db, { consultation, author: opts.author, edition: null });
      const file = fs.createWriteStream(partial);
      const hash = crypto.createHash('sha256');
      const tee = new PassThrough();
      tee.on('data', (c: Buffer) => hash.update(c));
      tee.pipe(file);
      const showProgress = process.stderr.isTTY;
      const { pages, bytes } = await renderPdfInWorker(doc, tee, showProgress ? (done, total) => void process.stderr.write(`\rMise en page : ${formatNumber(done)} / ${formatNumber(total)} besoins`) : undefined);
      await new Promise<void>((resolve, reject) => (file.writableFinished ? resolve() : file.once('finish', resolve).once('error', reject)));
      if (showProgress) process.stderr.write('\n');
      await fs.promises.rename(partial, target);
      process.stdout.write(
        `Livre blanc (version de travail) écrit dans ${target} : ${formatNumber(pages)} pages, ${formatNumber(bytes)} octets, ` +
          `${formatDuration(Date.now() - started)}, SHA-256 ${hash.digest('hex')}.\n`,
      );
      return 0;
    } catch (e) {
      await fs.promises.rm(partial, { force: true });
      err(`Échec du rendu du livre blanc : ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
  });
}

export function registerRenderWhitepaperCommand(program: Command): void {
  program
    .command('render-whitepaper')
    .description('Écrit le PDF du livre blanc : version de travail (par défaut) ou édition publiée (--edition)')
    .requiredOption('--consultation <slug>', 'identifiant (slug) de la consultation')
    .requiredOption('--out <fichier.pdf>', 'fichier PDF à écrire')
    .option('--edition <numéro>', 'numéro d’une édition publiée, ou « derniere »')
    .option('--author <auteur>', 'auteur inscrit dans la version de travail', 'Direction des systèmes d’information')
    .action(async (opts: Options) => {
      process.exitCode = await renderWhitepaperCommand(opts);
    });
}
