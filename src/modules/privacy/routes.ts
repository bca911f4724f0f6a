import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor } from '../../shared/http/guards';
import { NotFoundError, type FieldErrors } from '../../shared/http/errors';
import { flash } from '../../shared/http/flash';
import { t } from '../../shared/i18n';
import { fieldErrors } from '../../shared/validation';
import { findConsultationBySlug, listPhases, parisDay, type ConsultationRow } from '../consultations';
import { privacyPolicy } from './policy';
import { countApplicationTexts, countIdentifiedContributions } from './queries';
import { closingDay, isClosed } from './retention';
import { purgePersonalData } from './purge-personal-data';
import { confirmationSchema } from './validation';

export function privacyRoutes({ db }: AppDeps): Router {
  const r = Router();

  async function load(req: Request) {
    const consultation = await findConsultationBySlug(db, String(req.params.slug));
    if (!consultation) throw new NotFoundError();
    authorize(privacyPolicy.canManageConsultationData(currentActor(req), consultation));
    return consultation;
  }

  async function render(res: Response, consultation: ConsultationRow, errors: FieldErrors = {}, values: Record<string, unknown> = {}) {
    const phases = await listPhases(db, consultation.id);
    const [contributions, applications] = await Promise.all([
      countIdentifiedContributions(db, { consultationId: consultation.id }),
      countApplicationTexts(db, { consultationId: consultation.id }),
    ]);
    res.render('privacy/purge', {
      title: `Données personnelles — ${consultation.title}`,
      consultation,
      purgedAt: (consultation as ConsultationRow & { personal_data_purged_at?: unknown }).personal_data_purged_at ?? null,
      closesOn: closingDay(phases),
      closed: isClosed(phases, parisDay(new Date())),
      pending: { contributions, applications },
      errors,
      values,
    });
  }

  r.get('/admin/consultations/:slug/rgpd', allow(privacyPolicy.canManagePersonalData), async (req, res) => {
    await render(res, await load(req));
  });

  r.post('/admin/consultations/:slug/rgpd', allow(privacyPolicy.canManagePersonalData), async (req, res) => {
    const consultation = await load(req);
    const parsed = confirmationSchema(t('privacy.confirm')).safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(422);
      return render(res, consultation, fieldErrors(parsed.error), req.body ?? {});
    }
    const result = await purgePersonalData(db, currentActor(req)!, consultation.id, { requestId: req.id as string });
    if (!result.ok) {
      res.status(result.status ?? 422);
      return render(res, consultation, result.errors, req.body ?? {});
    }
    flash(req, 'success', t('privacy.purged', { contributions: result.value.contributionsDetached, applications: result.value.applicationsErased }));
    res.redirect(303, `/admin/consultations/${consultation.slug}/rgpd`);
  });

  return r;
}
