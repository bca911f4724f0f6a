import { Router, type Request } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { NotFoundError } from '../../shared/http/errors';
import { flash } from '../../shared/http/flash';
import { authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { parseId } from '../../shared/http/params';
import { ensureReady } from './learn-associations';
import { similarityPolicy } from './policy';
import { consultationForKnowledge, listGlossary, strongestAssociations, themesOf } from './queries';
import { removeAssociation } from './remove-association';
import { deleteGlossaryEntry, saveGlossaryEntry } from './save-glossary-entry';
import { fieldErrors, glossaryEntrySchema } from './validation';

/** The consultation's glossary and learned associations (issue 11), for the DSI and its ambassadors. */
export function similarityRoutes({ db }: AppDeps): Router {
  const r = Router();

  async function load(req: Request) {
    const actor = currentActor(req)!;
    const c = await consultationForKnowledge(db, String(req.params.slug), actor.id);
    if (!c) throw new NotFoundError();
    await ensureReady(db, c.id);
    return { actor, c };
  }

  async function glossaryPage(req: Request, res: import('express').Response, c: { id: number; slug: string; title: string }, form: { errors?: Record<string, string>; values?: Record<string, unknown>; editing?: number } = {}) {
    res.status(form.errors ? (form.errors.expression?.includes('déjà') ? 409 : 422) : 200).render('similarity/glossary', {
      title: `Glossaire — ${c.title}`,
      consultation: c,
      entries: await listGlossary(db, c.id),
      errors: form.errors ?? {},
      values: form.values ?? {},
      editing: form.editing ?? null,
    });
  }

  r.get('/consultations/:slug/glossaire', requireLogin, async (req, res) => {
    const { actor, c } = await load(req);
    authorize(similarityPolicy.canEditGlossary(actor, c));
    await glossaryPage(req, res, c);
  });

  // Add (no id) or change (id) an entry: policy → parse → use case → the form again, or flash and 303.
  const save = (withId: boolean) => async (req: Request, res: import('express').Response) => {
    const { actor, c } = await load(req);
    authorize(similarityPolicy.canEditGlossary(actor, c));
    const id = withId ? parseId(req.params.id) : undefined;
    const values = { expression: String(req.body?.expression ?? ''), meaning: String(req.body?.meaning ?? '') };
    const parsed = glossaryEntrySchema.safeParse(values);
    if (!parsed.success) return glossaryPage(req, res, c, { errors: fieldErrors(parsed.error), values, ...(id ? { editing: id } : {}) });
    const result = await saveGlossaryEntry(db, actor.id, c.id, parsed.data, id, String(req.id ?? ''));
    if (!result.ok) return glossaryPage(req, res, c, { errors: result.errors, values, ...(id ? { editing: id } : {}) });
    flash(req, 'success', id ? 'Entrée du glossaire modifiée.' : 'Entrée ajoutée au glossaire.');
    res.redirect(303, `/consultations/${c.slug}/glossaire`);
  };
  r.post('/consultations/:slug/glossaire', requireLogin, save(false));
  r.post('/consultations/:slug/glossaire/:id', requireLogin, save(true));

  r.post('/consultations/:slug/glossaire/:id/supprimer', requireLogin, async (req, res) => {
    const { actor, c } = await load(req);
    authorize(similarityPolicy.canEditGlossary(actor, c));
    const result = await deleteGlossaryEntry(db, actor.id, c.id, parseId(req.params.id), String(req.id ?? ''));
    if (!result.ok) throw new NotFoundError();
    flash(req, 'success', 'Entrée retirée du glossaire.');
    res.redirect(303, `/consultations/${c.slug}/glossaire`);
  });

  r.get('/consultations/:slug/associations', requireLogin, async (req, res) => {
    const { actor, c } = await load(req);
    authorize(similarityPolicy.canViewAssociations(actor, c));
    const themes = [];
    for (const t of await themesOf(db, c.id)) themes.push({ ...t, associations: await strongestAssociations(db, c.id, t.id, 30) });
    res.render('similarity/associations', { title: `Associations apprises — ${c.title}`, consultation: c, themes, canRemove: similarityPolicy.canRemoveAssociation(actor) });
  });

  r.post('/consultations/:slug/associations/retirer', requireLogin, async (req, res) => {
    const { actor, c } = await load(req);
    authorize(similarityPolicy.canRemoveAssociation(actor));
    const result = await removeAssociation(db, actor.id, c.id, { themeId: parseId(req.body?.theme_id), a: String(req.body?.term_a ?? ''), b: String(req.body?.term_b ?? '') }, String(req.id ?? ''));
    if (!result.ok) throw new NotFoundError();
    flash(req, 'success', `Association « ${req.body.term_a} » – « ${req.body.term_b} » retirée.`);
    res.redirect(303, `/consultations/${c.slug}/associations`);
  });

  return r;
}
