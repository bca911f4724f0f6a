import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor } from '../../shared/http/guards';
import { flash } from '../../shared/http/flash';
import { NotFoundError } from '../../shared/http/errors';
import { singleUpload, uploadRoute } from '../../shared/http/upload';
import { formatNumber, plural, t } from '../../shared/i18n';
import { findConsultationBySlug, type ConsultationRow } from '../consultations';
import { importsPolicy } from './policy';
import { findRun, listRuns, type ImportRunRow } from './queries';
import { previewImport } from './preview-import';
import { IMPORT_JOB, launchImport, SYNC_MAX_ROWS } from './launch-import';
import { isStale as jobIsStale, type JobStatus } from '../../shared/jobs';
import { MAX_LISTED_ERRORS, MAX_SAMPLE_ROWS, type LineError } from './analyse-import';
import { COLUMN_NAMES, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, TEXT_MAX, TEXT_MIN } from './row-rules';
import type { RowDisplay } from './resolve-rows';
import { parseId } from '../../shared/http/params';

const BASE = '/admin/consultations/:slug/imports';


// A stale run is shown as interrupted (nothing blocks on it, so its row is left as the job helper found it).
const isStale = (run: ImportRunRow) => jobIsStale(IMPORT_JOB, run);

/** The state endpoint's `status` keeps the words it has always answered with, for scripts that poll it. */
const STATE_WORDS: Record<JobStatus, string> = { en_attente: 'preview', en_cours: 'running', terminee: 'done', echouee: 'failed' };

/** A run's state in words (never a colour only). */
export function runLabel(run: ImportRunRow): string {
  if (isStale(run)) return t('imports.status.interrompu');
  if (run.status !== 'en_attente') return t(`imports.status.${run.status}`);
  if (run.errors_json !== '[]') return t('imports.status.refuse');
  return t(run.file_path ? 'imports.status.en_attente' : 'imports.status.expire');
}

export function importsRoutes({ db, config, logger }: AppDeps): Router {
  const r = Router();

  /** The consultation of the URL, authorized on the object; 404 before anything is read. */
  const consultationOf = (res: Response): ConsultationRow => res.locals.consultation as ConsultationRow;
  const loadConsultation: RequestHandler = async (req, res, next) => {
    const consultation = await findConsultationBySlug(db, String(req.params.slug));
    if (!consultation) throw new NotFoundError();
    authorize(importsPolicy.canImport(currentActor(req), consultation));
    res.locals.consultation = consultation;
    next();
  };
  const loadRun = async (req: Request, res: Response): Promise<ImportRunRow> => {
    const actor = currentActor(req);
    const run = await findRun(db, parseId(req.params.id));
    const consultation = consultationOf(res);
    if (!run || run.consultation_id !== consultation.id) throw new NotFoundError();
    authorize(importsPolicy.canViewRun(actor, run, consultation));
    return run;
  };

  const renderList = async (res: Response, status = 200, formError?: string) => {
    const consultation = consultationOf(res);
    const runs = await listRuns(db, consultation.id, 50);
    res.status(status).render('imports/list', {
      title: `Importer des contributions — ${consultation.title}`,
      consultation,
      runs: runs.map((run) => ({ ...run, label: runLabel(run) })),
      formError,
      limits: { maxRows: IMPORT_MAX_ROWS, maxMegabytes: IMPORT_MAX_BYTES / 1024 / 1024, textMin: TEXT_MIN, textMax: TEXT_MAX, syncMaxRows: SYNC_MAX_ROWS },
      columns: COLUMN_NAMES,
    });
  };

  const renderRun = (res: Response, run: ImportRunRow, status = 200, formError?: string) => {
    const consultation = consultationOf(res);
    const all = JSON.parse(run.errors_json) as LineError[];
    const sample = JSON.parse(run.preview_json) as RowDisplay[];
    const fileErrors = all.filter((e) => e.line === 0).map((e) => e.reason);
    const errors = all.filter((e) => e.line > 0);
    const stale = isStale(run);
    res.status(status).render('imports/show', {
      title: `Import « ${run.file_name} »`,
      consultation,
      run,
      label: runLabel(run),
      stale,
      fileErrors: stale ? [...fileErrors, t('imports.run.interrupted')] : fileErrors,
      errors,
      sample,
      moreErrors: Math.max(0, run.error_rows - errors.length),
      limits: { maxListedErrors: MAX_LISTED_ERRORS, maxSampleRows: MAX_SAMPLE_ROWS },
      canLaunch: run.status === 'en_attente' && !!run.file_path && !fileErrors.length && run.error_rows === 0,
      formError,
      base: `/admin/consultations/${encodeURIComponent(consultation.slug)}/imports`,
    });
  };

  r.get(BASE, allow(importsPolicy.canUse), loadConsultation, async (_req, res) => {
    await renderList(res);
  });

  /** An upload over the limit is answered on the form, in French (the file is the form's only field). */
  const tooLarge: RequestHandler = async (_req, res) => {
    await renderList(res, 413, t('imports.file.tooLarge', { max: IMPORT_MAX_BYTES / 1024 / 1024 }));
  };

  r.post(uploadRoute(BASE), allow(importsPolicy.canUse), loadConsultation, singleUpload('fichier', IMPORT_MAX_BYTES, { onTooLarge: tooLarge }), async (req, res) => {
    const actor = currentActor(req)!;
    if (!req.file || req.file.size === 0) return renderList(res, 422, t('imports.file.none'));
    const outcome = await previewImport({ db, dataDir: config.dataDir }, actor, consultationOf(res), {
      originalName: req.file.originalname,
      buffer: req.file.buffer,
    });
    if (!outcome.ok) return renderList(res, 422, outcome.errors.fichier);
    const { runId } = outcome.value;
    const run = (await findRun(db, runId))!;
    // A refused file is a stored run whose page lists the errors: redirect to it, so that reloading
    // that page does not post the file again.
    if (run.errors_json !== '[]') flash(req, 'error', t('imports.file.refused'));
    res.redirect(303, `/admin/consultations/${encodeURIComponent(consultationOf(res).slug)}/imports/${runId}`);
  });

  r.get(`${BASE}/:id`, allow(importsPolicy.canUse), loadConsultation, async (req, res) => {
    renderRun(res, await loadRun(req, res));
  });

  /** Progress for the page's script (public/js/progress.js, shared with the white paper's publication). */
  r.get(`${BASE}/:id/etat`, allow(importsPolicy.canUse), loadConsultation, async (req, res) => {
    const run = await loadRun(req, res);
    const status: JobStatus = isStale(run) ? 'echouee' : run.status;
    res.set('Cache-Control', 'no-store').json({
      status: STATE_WORDS[status],
      rowsDone: run.rows_done,
      rowsTotal: run.rows_total,
      finished: status !== 'en_cours',
      done: run.rows_done,
      total: run.rows_total,
      message: `${plural(run.rows_done, '# ligne traitée', '# lignes traitées')} sur ${formatNumber(run.rows_total)}.`,
    });
  });

  r.post(`${BASE}/:id/lancer`, allow(importsPolicy.canUse), loadConsultation, async (req, res) => {
    const actor = currentActor(req)!;
    const run = await loadRun(req, res);
    authorize(importsPolicy.canLaunch(actor, run, consultationOf(res)));
    const result = await launchImport({ db, dataDir: config.dataDir, logger }, actor, run, req.id as string);
    if (!result.ok) return renderRun(res, (await findRun(db, run.id))!, result.status ?? 409, Object.values(result.errors).join(' '));
    if (result.value.background) flash(req, 'info', t('imports.run.started'));
    else {
      const done = (await findRun(db, run.id))!;
      if (done.status === 'terminee') flash(req, 'success', t('imports.run.done', { created: done.created, skipped: done.skipped }));
    }
    res.redirect(303, `/admin/consultations/${encodeURIComponent(consultationOf(res).slug)}/imports/${run.id}`);
  });

  return r;
}
