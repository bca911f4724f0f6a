import { Router, type Request } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow } from '../../shared/http/guards';
import { BOM, csvLine } from '../../shared/csv';
import { toDate } from '../../shared/db';
import { auditPolicy } from './policy';
import { auditActors, auditBatches, distinctAuditActions, distinctObjectTypes, listAudit, type AuditFilter } from './queries';
import { presentAuditEntries } from './present';
import { auditActionGroups, auditObjectTypeLabel } from './sentences';
import { parseIdOrNull } from '../../shared/http/params';

const PAGE_SIZE = 100;
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const str = (v: unknown, max: number) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);

/** The filters of the page and of the export, read the same way from the query string. */
function filterOf(req: Request): Omit<AuditFilter, 'limit' | 'beforeId'> {
  return {
    action: str(req.query.action, 60),
    objectType: str(req.query.type, 40),
    objectId: str(req.query.objet, 40),
    actorId: parseIdOrNull(req.query.auteur) ?? undefined,
    from: isDay(req.query.du) ? req.query.du : undefined,
    to: isDay(req.query.au) ? req.query.au : undefined,
  };
}

function queryString(f: Omit<AuditFilter, 'limit' | 'beforeId'>): string {
  const p = new URLSearchParams();
  if (f.action) p.set('action', f.action);
  if (f.objectType) p.set('type', f.objectType);
  if (f.objectId) p.set('objet', f.objectId);
  if (f.actorId) p.set('auteur', String(f.actorId));
  if (f.from) p.set('du', f.from);
  if (f.to) p.set('au', f.to);
  return p.toString();
}

export function auditRoutes({ db }: AppDeps): Router {
  const r = Router();
  r.get('/admin/journal', allow(auditPolicy.canBrowse), async (req, res) => {
    const filter = filterOf(req);
    const beforeId = parseIdOrNull(req.query.avant) ?? undefined;
    const rows = await listAudit(db, { ...filter, beforeId, limit: PAGE_SIZE + 1 });
    const entries = await presentAuditEntries(db, rows.slice(0, PAGE_SIZE));
    const nextBefore = rows.length > PAGE_SIZE ? entries[entries.length - 1]!.id : null;
    res.render('audit/list', {
      title: "Journal d'audit",
      entries,
      // The stored codes stay the filters' values (an action's prefix selects its whole domain); people read French.
      actionGroups: auditActionGroups(await distinctAuditActions(db)),
      objectTypes: (await distinctObjectTypes(db)).map((o) => ({ value: o, label: auditObjectTypeLabel(o) })),
      actors: await auditActors(db),
      filter: { action: filter.action ?? '', type: filter.objectType ?? '', objet: filter.objectId ?? '', auteur: filter.actorId ?? '', du: filter.from ?? '', au: filter.to ?? '' },
      query: queryString(filter),
      nextBefore,
    });
  });

  /** The current selection as CSV for French spreadsheets: semicolons, BOM, neutralised cells, streamed in batches. */
  r.get('/admin/journal.csv', allow(auditPolicy.canBrowse), async (req, res) => {
    const filter = filterOf(req);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="journal-audit-${new Date().toISOString().slice(0, 10)}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.write(BOM + csvLine(['id', 'date', 'auteur', 'action', 'type_objet', 'id_objet', 'consultation', 'champs_modifies', 'avant', 'apres', 'requete', 'resume']) + '\r\n');
    for await (const rows of auditBatches(db, filter)) {
      const batch = await presentAuditEntries(db, rows);
      const chunk = batch
        .map((e) =>
          csvLine([
            Number(e.id), toDate(e.created_at)?.toISOString() ?? '', e.actor_name ?? (e.actor_id ? `n° ${e.actor_id}` : 'Système'), e.action, e.object_type, e.object_id ?? '',
            (e as { consultation_id?: number | null }).consultation_id ?? '', e.diff.map((d) => d.label).join(', '),
            e.before_json ?? '', e.after_json ?? '', e.request_id ?? '', e.sentence,
          ]) + '\r\n',
        )
        .join('');
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  });
  return r;
}
