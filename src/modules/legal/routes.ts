import { Router } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { renderMarkdown } from '../../shared/markdown';
import { listConsultations } from '../consultations';
import { auditSummary, readAccessibilityAudit } from './accessibility-audit';

/**
 * The pages a French public-sector site must offer, linked from every page's footer: the
 * accessibility statement (RGAA 4.1 model), the legal notice and the personal-data notice. Public:
 * anyone, logged in or not, may read them.
 */
export function legalRoutes({ db, config }: AppDeps): Router {
  const r = Router();

  r.get('/accessibilite', (_req, res) => {
    const audit = readAccessibilityAudit();
    res.render('legal/accessibility', { title: 'Déclaration d’accessibilité', site: config.site, audit, summary: audit ? auditSummary(audit) : null });
  });

  r.get('/mentions-legales', (_req, res) => {
    res.render('legal/legal-notice', { title: 'Mentions légales', site: config.site });
  });

  r.get('/donnees-personnelles', async (_req, res) => {
    const consultations = await listConsultations(db);
    res.render('legal/personal-data', {
      title: 'Données personnelles',
      site: config.site,
      notices: consultations.map((c) => ({ slug: c.slug, title: c.title, html: renderMarkdown(c.data_notice_md) })),
    });
  });
  return r;
}
