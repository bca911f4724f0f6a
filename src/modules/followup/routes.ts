import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { currentActor } from '../../shared/http/guards';
import { found } from '../../shared/http/form-action';
import { renderMarkdown } from '../../shared/markdown';
import { parisDay } from '../../shared/paris-time';
import { t } from '../../shared/i18n';
import { adminRoutes } from './admin-routes';
import { FEED_ENTRIES, atomFeed } from './atom';
import { createdDay, followupContext, type FollowupContext } from './context';
import { followupPolicy } from './policy';
import { followupOverview } from './overview';
import { filterNeeds, filterQuery, needsOf, paginate, timelineChart, NEEDS_PER_PAGE } from './present';
import { findFollowedNeed, followedProposals, historyOf, latestChanges, needRegions } from './queries';
import { STATUSES, STATUS_LABELS, STREAMS, statusLabel, streamLabel } from './rules';
import { filtersSchema } from './validation';

const PUBLIC = '/consultations/:slug/suivi';

/** The public follow-up of a consultation (no login, once a white-paper edition is published) and its Atom feeds. */
export function followupRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const r = Router();

  async function publicContext(req: Request): Promise<FollowupContext> {
    const ctx = await followupContext(db, req);
    // Before any edition there is nothing public to follow: the pages do not exist (404), for everyone.
    if (!followupPolicy.canReadPublic(currentActor(req), ctx)) found(null);
    return ctx;
  }

  const origin = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

  function sendFeed(req: Request, res: Response, xml: string) {
    res.set('Cache-Control', 'public, max-age=60');
    res.type('application/atom+xml; charset=utf-8').send(xml);
  }

  r.get(`${PUBLIC}.atom`, async (req, res) => {
    const ctx = await publicContext(req);
    const c = ctx.consultation;
    const entries = await latestChanges(db, c.id, FEED_ENTRIES);
    sendFeed(req, res, atomFeed({
      origin: origin(req), host: req.hostname, consultation: { id: c.id, slug: c.slug, createdDay: createdDay(c) },
      title: t('followup.feedTitle', { title: c.title }), pagePath: `/consultations/${c.slug}/suivi`, selfPath: `/consultations/${c.slug}/suivi.atom`,
      key: 'suivi', since: ctx.publishedAt!, entries,
      entryPath: (e) => `/consultations/${c.slug}/suivi/besoins/${encodeURIComponent(e.needCode)}#proposition-${e.proposalId}`,
    }));
  });

  r.get(`${PUBLIC}/besoins/:code.atom`, async (req, res) => {
    const ctx = await publicContext(req);
    const c = ctx.consultation;
    const need = found(await findFollowedNeed(db, c.id, String(req.params.code).slice(0, 30)));
    const entries = await latestChanges(db, c.id, FEED_ENTRIES, need.id);
    const page = `/consultations/${c.slug}/suivi/besoins/${encodeURIComponent(need.code)}`;
    sendFeed(req, res, atomFeed({
      origin: origin(req), host: req.hostname, consultation: { id: c.id, slug: c.slug, createdDay: createdDay(c) },
      title: t('followup.needFeedTitle', { code: need.code, title: need.title }), pagePath: page, selfPath: `${page}.atom`,
      key: `suivi/besoin-${need.id}`, since: ctx.publishedAt!, entries,
      entryPath: (e) => `${page}#proposition-${e.proposalId}`,
    }));
  });

  r.get(PUBLIC, async (req, res) => {
    const ctx = await publicContext(req);
    const c = ctx.consultation;
    const filters = filtersSchema.parse(req.query);
    const { needs, indicator } = await followupOverview(db, c.id, ctx.themes);
    const page = paginate(filterNeeds(needs, filters), filters.page, NEEDS_PER_PAGE);
    res.render('followup/public', {
      title: `${t('followup.title')} — ${c.title}`,
      consultation: c, ctx, filters, indicator, page, needsTotal: needs.length,
      chart: timelineChart(indicator.timeline, parisDay(new Date())),
      regions: indicator.byRegion.map((l) => l.key),
      statuses: STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })), streams: STREAMS,
      statusLabel, streamLabel, pageHref: (n: number) => `/consultations/${c.slug}/suivi${filterQuery(filters, n)}#besoins`,
      canManage: followupPolicy.canManage(currentActor(req)),
    });
  });

  r.get(`${PUBLIC}/besoins/:code`, async (req, res) => {
    const ctx = await publicContext(req);
    const c = ctx.consultation;
    const need = found(await findFollowedNeed(db, c.id, String(req.params.code).slice(0, 30)));
    const [rows, regions] = await Promise.all([followedProposals(db, c.id, { needId: need.id }), needRegions(db, c.id, need.id)]);
    // A validated need whose proposals are not validated has nothing to follow.
    const view = found(needsOf(rows, regions)[0]);
    const history = await historyOf(db, rows.map((p) => p.id));
    res.render('followup/need', {
      title: `Suivi du besoin ${need.code} — ${need.title}`,
      consultation: c, need, view, history, descriptionHtml: renderMarkdown(need.descriptionMd),
      statusLabel, streamLabel, canManage: followupPolicy.canManage(currentActor(req)),
    });
  });

  r.use(adminRoutes(deps));
  return r;
}
