import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { flash } from '../../shared/http/flash';
import type { FieldErrors } from '../../shared/http/errors';
import { formAction, found } from '../../shared/http/form-action';
import { parseId } from '../../shared/http/params';
import { renderMarkdown } from '../../shared/markdown';
import { t } from '../../shared/i18n';
import { listThemes } from '../consultations';
import { workshopsPolicy } from './policy';
import { countWorkshopContributions, findWorkshop, lastWorkshopContributions, listRegistrations, themesOfWorkshops, type WorkshopRow } from './queries';
import { formatSchedule } from './rules';
import { attendanceSchema, attendanceStep, captureQuery, captureSchema } from './validation';
import { attendanceCsv } from './attendance-csv';
import { recordAttendance } from './record-attendance';
import { closeWorkshop } from './close-workshop';
import { captureContribution } from './capture-contribution';

const LAST_CAPTURED = 10;
const asList = (v: unknown): string[] => (v == null || v === '' ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const wantsJson = (req: Request): boolean => /application\/json/.test(String(req.headers.accept ?? ''));

/** Running a workshop: attendance and closing, the registrants' file, and the live capture of notes. */
export function captureRoutes({ db }: AppDeps): Router {
  const r = Router();
  const loadWorkshop = async (req: Request) => found(await findWorkshop(db, parseId(req.params.id)));

  // ---- Attendance, report, closing ----
  async function renderAttendance(res: Response, w: WorkshopRow, status: number, values: Record<string, unknown>, errors: FieldErrors, current: WorkshopRow | null = null) {
    const seats = await listRegistrations(db, w.id, 'inscrit');
    res.status(status).render('workshops/attendance', {
      title: `Présences et clôture — ${w.title}`,
      workshop: w,
      schedule: formatSchedule(w.starts_at, w.ends_at),
      seats,
      values,
      attendedSet: new Set(asList(values.attended)),
      errors,
      current: current ? { ...current, reportHtml: renderMarkdown(current.report_md) } : null,
    });
  }

  r.get('/ateliers/:id/presences', requireLogin, async (req, res) => {
    const w = await loadWorkshop(req);
    authorize(workshopsPolicy.canRecordAttendance(currentActor(req), w));
    const seats = await listRegistrations(db, w.id, 'inscrit');
    const values = { attended: seats.filter((s) => s.attended).map((s) => String(s.user_id)), anonymousAttendees: w.anonymous_attendees, reportMd: w.report_md, version: w.version };
    await renderAttendance(res, w, 200, values, {});
  });

  r.post('/ateliers/:id/presences', formAction({
    // Which button was pressed decides which right is needed: closing is not recording.
    load: async (req) => ({ w: await loadWorkshop(req), close: attendanceStep(req.body ?? {}) === 'clore' }),
    allowed: (actor, { w, close }) => (close ? workshopsPolicy.canClose(actor, w) : workshopsPolicy.canRecordAttendance(actor, w)),
    schema: attendanceSchema,
    run: (input, { req, actor, object: { w, close } }) => (close ? closeWorkshop : recordAttendance)(db, actor, w.id, input, req.id as string),
    failed: ({ status, errors, result }, { res, object: { w }, values }) => {
      const current = result?.current ?? null;
      return renderAttendance(res, current ?? w, status, current ? { ...values, version: current.version } : values, errors, current);
    },
    done: (_, { object: { w, close } }) => ({
      to: close ? `/ateliers/${w.id}` : `/ateliers/${w.id}/presences`,
      flash: t(close ? 'workshops.closed' : 'workshops.attendanceSaved', { title: w.title }),
    }),
  }));

  r.get('/ateliers/:id/presences.csv', requireLogin, async (req, res) => {
    const w = await loadWorkshop(req);
    authorize(workshopsPolicy.canSeeRegistrants(currentActor(req), w));
    const lines = [...(await listRegistrations(db, w.id, 'inscrit')), ...(await listRegistrations(db, w.id, 'liste_attente'))];
    const csv = attendanceCsv({
      title: w.title,
      schedule: formatSchedule(w.starts_at, w.ends_at),
      anonymousAttendees: w.anonymous_attendees,
      lines,
      statusLabel: (s) => t(`workshops.registrationStatus.${s}`),
    });
    res.setHeader('Content-Disposition', `attachment; filename="atelier-${w.id}-presences.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.type('text/csv; charset=utf-8').send(csv);
  });

  // ---- Live capture ----
  async function renderCapture(res: Response, w: WorkshopRow, status: number, values: Record<string, unknown>, errors: FieldErrors) {
    const [allThemes, workshopThemes, seats, count, last] = await Promise.all([
      listThemes(db, w.consultation_id),
      themesOfWorkshops(db, [w.id]),
      listRegistrations(db, w.id, 'inscrit'),
      countWorkshopContributions(db, w.id),
      lastWorkshopContributions(db, w.id, LAST_CAPTURED),
    ]);
    // The workshop's own themes come first, so that their shortcuts are 1, 2, 3…
    const own = new Set((workshopThemes.get(w.id) ?? []).map((th) => Number(th.id)));
    const ordered = [...allThemes.filter((th) => own.has(Number(th.id))), ...allThemes.filter((th) => !own.has(Number(th.id)))];
    res.status(status).render('workshops/capture', {
      title: `Saisie en direct — ${w.title}`,
      workshop: w,
      themes: ordered.map((th, i) => ({ ...th, shortcut: i < 9 ? String(i + 1) : null, own: own.has(Number(th.id)) })),
      seats,
      count,
      last,
      values,
      errors,
    });
  }

  r.get('/ateliers/:id/saisie', requireLogin, async (req, res) => {
    const w = await loadWorkshop(req);
    authorize(workshopsPolicy.canCapture(currentActor(req), w));
    if (w.status !== 'planifie') {
      flash(req, 'error', t('workshops.capture.closed'));
      return res.redirect(303, `/ateliers/${w.id}`);
    }
    // The theme stays as it was for the next note (facilitators type a theme's sheets in a row).
    const { theme } = captureQuery.parse(req.query);
    const firstOwn = ((await themesOfWorkshops(db, [w.id])).get(w.id) ?? [])[0];
    const themeId = theme === 'a_classer' ? '' : theme ?? firstOwn?.id ?? '';
    await renderCapture(res, w, 200, { themeId: String(themeId), clientKey: crypto.randomUUID() }, {});
  });

  r.post('/ateliers/:id/saisie', formAction({
    load: loadWorkshop,
    allowed: (actor, w) => workshopsPolicy.canCapture(actor, w),
    schema: captureSchema,
    run: (input, { req, actor, object: w }) => captureContribution(db, actor, w.id, input, req.id as string),
    failed: ({ status, errors }, { req, res, object: w, values }) => {
      if (wantsJson(req)) return res.status(status).json({ ok: false, errors });
      if (status === 409) {
        flash(req, 'error', Object.values(errors).join(' '));
        return res.redirect(303, `/ateliers/${w.id}`);
      }
      // What was typed stays, with the same client_key: sending it again still stores it once.
      return renderCapture(res, w, status, values, errors);
    },
    done: async ({ id, duplicate, count }, { req, res, object: w }, input) => {
      const message = duplicate ? t('workshops.capture.duplicate', { id }) : t('workshops.capture.saved', { id, count });
      if (!wantsJson(req)) return { to: `/ateliers/${w.id}/saisie?theme=${input.themeId ?? 'a_classer'}`, flash: message };
      // The capture page's script adds the note to the list without reloading.
      const [entry] = await lastWorkshopContributions(db, w.id, 1);
      res.status(duplicate ? 200 : 201).json({
        ok: true, id, duplicate, count, message,
        entry: entry && entry.id === id ? { id, body: entry.body, theme: entry.theme_title, author: entry.author_name } : null,
      });
    },
  }));

  return r;
}
