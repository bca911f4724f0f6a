import { Router, type Request } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, currentActor } from '../../shared/http/guards';
import { ForbiddenError, NotFoundError } from '../../shared/http/errors';
import { recordAudit } from '../audit';
import { asWriter } from '../../shared/read-routing';
import { findConsultationBySlug, listConsultations, listThemes, parisDay, type ConsultationRow } from '../consultations';
import { isPublished } from './calendar';
import { OPEN_DATA_COLUMNS, OPEN_DATA_LICENCE, STAFF_COLUMNS, openDataLicenceText, streamExport, type ExportFormat } from './export-contributions';
import { contributionsPolicy } from './policy';
import { authorLabel, excerpt, sourceLabel, statusLabel, structureLabel } from './present';
import { SOURCES, STATUSES, listSelection, selectionBatches, selectionChoices } from './queries';
import { countSelectionCapped, isSearch, SEARCH_RANKED, searchSelection } from './selection';
import { cursorQuery, filterQuery, rankQuery, selectionQuery } from './validation';

const PAGE_SIZE = 50;

/** Browsing, searching and exporting a consultation's contributions (ambassadors and the DSI), and its open data. */
export function browseRoutes({ db, config }: AppDeps): Router {
  const r = Router();

  async function consultationOr404(req: Request): Promise<ConsultationRow> {
    const consultation = await findConsultationBySlug(db, String(req.params.slug).slice(0, 80));
    if (!consultation) throw new NotFoundError();
    return consultation;
  }

  r.get('/contributions', allow(contributionsPolicy.canBrowse), async (_req, res) => {
    res.render('contributions/consultations', { title: 'Contributions', consultations: await listConsultations(db) });
  });

  // Browsing is a question about the role only (every consultation alike): the gate answers it, once.
  r.get('/consultations/:slug/contributions', allow(contributionsPolicy.canBrowse), async (req, res) => {
    const actor = currentActor(req);
    const consultation = await consultationOr404(req);
    const filter = selectionQuery.parse(req.query);
    // A search is ranked by relevance and paged by its rank (within SEARCH_RANKED); any other
    // selection newest first, by keyset. Either way the count stops at the cap (« plus de … »).
    const search = isSearch(filter);
    const before = search ? null : cursorQuery.parse(req.query).avant;
    const offset = search ? Math.min(rankQuery.parse(req.query).rang ?? 0, SEARCH_RANKED) : 0;
    const [rows, counted, themes, choices] = await Promise.all([
      search ? searchSelection(db, consultation.id, filter, offset, PAGE_SIZE + 1) : listSelection(db, consultation.id, filter, before, PAGE_SIZE + 1),
      countSelectionCapped(db, consultation.id, filter, config.listCountCap),
      listThemes(db, consultation.id),
      selectionChoices(db, consultation.id),
    ]);
    const page = rows.slice(0, PAGE_SIZE);
    const more = rows.length > PAGE_SIZE && (!search || offset + PAGE_SIZE < SEARCH_RANKED);
    res.render('contributions/browse', {
      title: `Contributions — ${consultation.title}`,
      consultation,
      filter,
      themes,
      workshops: choices.workshops,
      regions: choices.regions,
      statuses: STATUSES,
      sources: SOURCES,
      contributions: page.map((c) => ({ ...c, excerpt: excerpt(c.body), author: authorLabel(actor, c), structure_name: structureLabel(actor, c) })),
      total: counted.count,
      totalCapped: counted.capped,
      search,
      searchRanked: SEARCH_RANKED,
      isFirstPage: search ? offset === 0 : !before,
      nextPage: !more ? null : search ? `rang=${offset + PAGE_SIZE}` : `avant=${page[page.length - 1]!.id}`,
      query: filterQuery(filter),
      statusLabel,
      sourceLabel,
    });
  });

  for (const format of ['csv', 'xlsx', 'json'] as const satisfies readonly ExportFormat[]) {
    r.get(`/consultations/:slug/contributions/export.${format}`, allow(contributionsPolicy.canExport), async (req, res) => {
      const actor = currentActor(req)!;
      const consultation = await consultationOr404(req);
      const filter = selectionQuery.parse(req.query);
      // Who took which file of contributions (names included) is part of the personal-data record.
      // A write while answering a GET: on the writer (shared/read-routing).
      await asWriter(() => recordAudit(db, {
        actorId: actor.id,
        action: 'contribution.export',
        objectType: 'raw_contribution',
        consultationId: consultation.id,
        after: { format, filter },
        requestId: req.id as string,
      }));
      const name = `contributions-${consultation.slug}-${parisDay(new Date())}`;
      await streamExport(res, format, name, STAFF_COLUMNS, selectionBatches(db, consultation.id, filter));
    });
  }

  r.get('/consultations/:slug/contributions/open-data.csv', async (req, res) => {
    const consultation = await consultationOr404(req);
    const published = await isPublished(db, consultation.id);
    if (!contributionsPolicy.canDownloadOpenData(currentActor(req), published)) {
      throw new ForbiddenError('Les données ouvertes de cette consultation seront publiées avec le livre blanc.');
    }
    const name = `contributions-donnees-ouvertes-${consultation.slug}`;
    res.setHeader('Link', `<${OPEN_DATA_LICENCE.url}>; rel="license", </consultations/${encodeURIComponent(consultation.slug)}/contributions/open-data-licence.txt>; rel="describedby"`);
    // A withdrawn contribution is its author's choice: it is never published.
    await streamExport(res, 'csv', name, OPEN_DATA_COLUMNS, selectionBatches(db, consultation.id, selectionQuery.parse({}), { excludeStatuses: ['retiree'] }));
  });

  /** The open-data file's sidecar: its licence and source, readable by anyone who may take the file. */
  r.get('/consultations/:slug/contributions/open-data-licence.txt', async (req, res) => {
    const consultation = await consultationOr404(req);
    if (!contributionsPolicy.canDownloadOpenData(currentActor(req), await isPublished(db, consultation.id))) {
      throw new ForbiddenError('Les données ouvertes de cette consultation seront publiées avec le livre blanc.');
    }
    const fileName = `contributions-donnees-ouvertes-${consultation.slug.replace(/[^A-Za-z0-9._-]/g, '-')}.csv`;
    res.type('text/plain; charset=utf-8').send(openDataLicenceText({ consultationTitle: consultation.title, fileName, day: parisDay(new Date()) }));
  });

  return r;
}
