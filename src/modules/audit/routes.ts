import { Router } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow } from '../../shared/http/guards';
import { auditPolicy } from './policy';
import { distinctAuditActions, listAudit } from './queries';

const PAGE_SIZE = 100;
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

export function auditRoutes({ db }: AppDeps): Router {
  const r = Router();
  r.get('/admin/journal', allow(auditPolicy.canBrowse), async (req, res) => {
    const filter = {
      action: typeof req.query.action === 'string' && req.query.action ? req.query.action.slice(0, 60) : undefined,
      from: isDay(req.query.du) ? req.query.du : undefined,
      to: isDay(req.query.au) ? req.query.au : undefined,
    };
    const beforeId = Number(req.query.avant) || undefined;
    const rows = await listAudit(db, { ...filter, beforeId, limit: PAGE_SIZE + 1 });
    const entries = rows.slice(0, PAGE_SIZE);
    const nextBefore = rows.length > PAGE_SIZE ? entries[entries.length - 1]!.id : null;
    res.render('audit/list', {
      title: "Journal d'audit",
      entries,
      actions: await distinctAuditActions(db),
      filter: { action: filter.action ?? '', du: filter.from ?? '', au: filter.to ?? '' },
      nextBefore,
    });
  });
  return r;
}
