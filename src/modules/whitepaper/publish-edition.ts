import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { isUniqueViolation } from '../../shared/db';
import { failIfStale, startJob, type JobStore } from '../../shared/jobs';
import { invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { listThemes } from '../consultations';
import type { FigureName } from '../stats';
import { findStructure } from '../structures';
import { assembleDocument } from './assemble';
import { allNeeds, type WhitePaperDocument } from './document';
import { editionSnapshot, findContent, insertEdition, insertPublication, latestEdition, nextEditionNumber, runningPublication, themeIntros, updatePublication } from './queries';
import { renderPdfBufferInWorker } from './render-in-worker';
import { contributorsOfNeeds } from '../needs';
import { notify } from '../notifications';
import { documentFigureValues, editorialTexts, missingForPublication, readSnapshot, staleNumbers, type MissingItem, type StaleNumber } from './rules';

/**
 * Up to this many needs a layout completes within the request (the demo's 88 take about 0.3 s);
 * beyond, it runs in the background and its page shows the progress. WHITEPAPER_BACKGROUND_NEEDS sets it.
 */
export const SYNC_MAX_NEEDS = 300;

/** Where a failed publication is reported (the app's pino logger, or the demo loader's collector). */
export interface PublishDeps {
  db: Knex;
  logger: { error(obj: object, msg: string): void };
}

export interface PublicationStarted {
  publicationId: number;
  number: number;
  background: boolean;
  /** Lays the PDF out and records the edition; resolves when the edition exists (or the publication failed). */
  done: Promise<void>;
}

export type StartOutcome = Result<PublicationStarted> & { missing?: MissingItem[]; stale?: StaleNumber[] };

/** The document author: the publisher's structure when they have one, else their name. */
export async function authorOf(db: Knex | Knex.Transaction, actor: Actor): Promise<string> {
  const structure = actor.structureId ? await findStructure(db, actor.structureId) : undefined;
  return structure?.name ?? actor.displayName;
}

/**
 * The DSI publishes a new edition: everything missing is listed and nothing is published until it is
 * complete; the snapshot is read in one transaction from the editorial version the DSI saw
 * (`contentVersion`), so a text saved meanwhile by someone else is not published unseen. The edition
 * (numbered, immutable, its PDF with a SHA-256) is recorded once the PDF is made, with an audit entry.
 */
export async function startPublication(
  deps: PublishDeps,
  actor: Actor,
  consultation: { id: number; slug: string; title: string },
  input: { contentVersion: number; confirmed?: readonly string[] },
  opts: { requestId?: string; publishedAt?: Date; syncMaxNeeds?: number; tellContributors?: boolean } = {},
): Promise<StartOutcome> {
  const { db } = deps;
  const publishedAt = opts.publishedAt ?? new Date();
  const prepared = await db.transaction(async (trx): Promise<StartOutcome | { id: number; doc: WhitePaperDocument; number: number; confirmed: StaleNumber[] }> => {
    await expireStale(trx, consultation.id);
    if (await runningPublication(trx, consultation.id)) return invalid({ _form: t('whitepaper.running') }, 409);
    const content = await findContent(trx, consultation.id);
    if (content.version !== input.contentVersion) return invalid({ _form: t('whitepaper.contentChanged') }, 409);
    const number = await nextEditionNumber(trx, consultation.id);
    const doc = await assembleDocument(trx, {
      consultation,
      author: await authorOf(trx, actor),
      edition: { number, publishedAt: publishedAt.toISOString() },
      at: publishedAt,
    });
    const themes = await listThemes(trx, consultation.id);
    const themeIds = new Map(themes.map((th) => [th.code, th.id]));
    const missing = missingForPublication(content, doc, (code) => themeIds.get(code));
    if (missing.length) return { ...invalid({ _form: t('whitepaper.notReady', { count: missing.length }) }, 422), missing };
    // A number typed in the editorial text that was a figure of the previous edition and no longer is
    // one: the DSI confirms each (it may be meant, « l’édition 1 comptait 84 ateliers ») or fixes it.
    const stale = await staleNumbersFor(trx, consultation.id, content, documentFigureValues(doc.figures));
    const unconfirmed = stale.filter((s) => !(input.confirmed ?? []).includes(s.key));
    if (unconfirmed.length) return { ...invalid({ _form: t('whitepaper.staleNumbers', { count: unconfirmed.length }) }, 422), stale: unconfirmed };
    try {
      const id = await insertPublication(trx, { consultation_id: consultation.id, requested_by: actor.id, content_version: content.version, steps_total: 1 });
      return { id, doc, number, confirmed: stale };
    } catch (err) {
      // The partial unique index: another publication started at the same instant.
      if (isUniqueViolation(err)) return invalid({ _form: t('whitepaper.running') }, 409);
      throw err;
    }
  });
  if ('ok' in prepared) return prepared;

  const background = allNeeds(prepared.doc).length > (opts.syncMaxNeeds ?? SYNC_MAX_NEEDS);
  const done = complete(deps, actor, consultation, prepared.id, prepared.doc, publishedAt, opts.requestId, prepared.confirmed, opts.tellContributors ?? true);
  if (!background) await done;
  return ok({ publicationId: prepared.id, number: prepared.number, background, done });
}

/** The publications' kind of job (see shared/jobs). */
export const PUBLICATION_JOB = 'publication';

/** Lays the PDF out and records the edition, as a tracked job; a failure is stored with its audit entry. */
function complete(
  deps: PublishDeps,
  actor: Actor,
  consultation: { id: number; slug: string },
  publicationId: number,
  doc: WhitePaperDocument,
  publishedAt: Date,
  requestId?: string,
  confirmed: readonly StaleNumber[] = [],
  tellContributors = true,
): Promise<void> {
  const { db, logger } = deps;
  const consultationId = consultation.id;
  const store: JobStore = {
    progress: (done, total) => updatePublication(db, publicationId, { steps_done: done, steps_total: total }),
    fail: (reason) =>
      db.transaction(async (trx) => {
        await updatePublication(trx, publicationId, { status: 'echouee', error: reason, finished_at: new Date().toISOString() });
        await recordAudit(trx, {
          actorId: actor.id,
          action: 'whitepaper.publish.fail',
          objectType: 'whitepaper_publication',
          objectId: publicationId,
          consultationId,
          after: { number: doc.edition!.number, reason },
          requestId,
        });
      }),
  };
  return startJob({ kind: PUBLICATION_JOB, id: publicationId, store, logger, failureLog: 'échec de la publication du livre blanc' }, async (progress) => {
    const { pdf, pages } = await renderPdfBufferInWorker(doc, progress);
    const sha256 = crypto.createHash('sha256').update(pdf).digest('hex');
    await db.transaction(async (trx) => {
      const editionId = await insertEdition(trx, {
        consultation_id: consultationId,
        number: doc.edition!.number,
        title: doc.title,
        snapshot_json: JSON.stringify(doc),
        pdf,
        pdf_sha256: sha256,
        pdf_bytes: pdf.length,
        pages,
        published_by: actor.id,
        published_at: publishedAt.toISOString(),
      });
      await updatePublication(trx, publicationId, { status: 'terminee', edition_id: editionId, finished_at: new Date().toISOString() });
      const needs = allNeeds(doc);
      // The optional mail to every contributor behind a published need (one per person), in the edition's transaction.
      if (tellContributors) await notify.contributionsPublished(trx, await contributorsOfNeeds(trx, consultationId, needs.map((n) => n.code)), {
        title: doc.title,
        number: doc.edition!.number,
        path: `/consultations/${consultation.slug}/livre-blanc`,
      });
      await recordAudit(trx, {
        actorId: actor.id,
        action: 'whitepaper.publish',
        objectType: 'whitepaper_edition',
        objectId: editionId,
        consultationId,
        after: {
          number: doc.edition!.number,
          title: doc.title,
          needs: needs.length,
          proposals: needs.reduce((n, x) => n + x.proposals.length, 0),
          pages,
          pdf_bytes: pdf.length,
          pdf_sha256: sha256,
          // The numbers from the previous edition the DSI kept on purpose, with the sentence of each.
          ...(confirmed.length ? { kept_numbers: confirmed.map((s) => ({ text: s.label, number: s.number, sentence: s.sentence })) } : {}),
        },
        requestId,
      });
    });
  });
}

/**
 * The numbers of the editorial text left over from the previous edition (none for a first edition, or
 * when the previous snapshot is not one this version reads).
 */
export async function staleNumbersFor(db: Knex | Knex.Transaction, consultationId: number, content: Parameters<typeof editorialTexts>[0], current: Record<FigureName, number>): Promise<StaleNumber[]> {
  const previous = await latestEdition(db, consultationId);
  const before = previous ? readSnapshot(await editionSnapshot(db, previous.id)) : null;
  if (!before) return [];
  const themes = await listThemes(db, consultationId);
  const texts = editorialTexts(content, await themeIntros(db, consultationId), themes);
  return staleNumbers(texts, documentFigureValues(before.figures), current);
}

/** A publication whose process stopped mid-way would block the next ones forever: it is marked failed. */
async function expireStale(db: Knex.Transaction, consultationId: number): Promise<void> {
  const running = await runningPublication(db, consultationId);
  if (running) await failIfStale(PUBLICATION_JOB, running, (error) => updatePublication(db, running.id, { status: 'echouee', error, finished_at: new Date().toISOString() }));
}
