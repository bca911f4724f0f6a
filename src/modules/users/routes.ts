import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow, authorize, currentActor, requireLogin } from '../../shared/http/guards';
import { flash } from '../../shared/http/flash';
import { NotFoundError } from '../../shared/http/errors';
import { singleUpload, uploadRoute } from '../../shared/http/upload';
import { fieldErrors, failureOf } from '../../shared/validation';
import { t } from '../../shared/i18n';
import { isRole, ROLES } from '../../shared/actor';
import { listStructures } from '../structures';
import { usersPolicy } from './policy';
import { findUserById, listUsers, personFootprint, type UserRow } from './queries';
import { changePasswordSchema, createUserSchema, mailPreferencesSchema, resetPasswordSchema, resetRequestSchema, updateUserSchema } from './validation';
import { requestPasswordReset } from './request-password-reset';
import { completePasswordReset, resetLinkState } from './complete-password-reset';
import { createLoginThrottle } from '../auth';
import { MAIL_KINDS, OPTIONAL_KINDS, chooseOptionalMails, disabledKinds } from '../notifications';
import { createUser } from './create-user';
import { updateUser } from './update-user';
import { setUserActive } from './set-user-active';
import { resetPassword } from './reset-password';
import { changePassword } from './change-password';
import { importUsers, USER_IMPORT_MAX_ROWS } from './import-users';
import { exportPersonalData } from './export-personal-data';
import { anonymisePerson } from './anonymise-person';
import { confirmationSchema } from '../privacy';
import { parseId, parseIdOrNull } from '../../shared/http/params';

const PAGE_SIZE = 50;
const IMPORT_MAX_BYTES = 2 * 1024 * 1024;


export function usersRoutes({ db, config }: AppDeps): Router {
  const r = Router();
  // Reset requests: per address asked for (a mailbox is not flooded) and per IP, with the login's
  // mechanism and window but counters of their own.
  const resetThrottle = createLoginThrottle(db, { ...config.login, maxPerAccount: 3 }, 'reset');
  const optionalMails = OPTIONAL_KINDS.map((kind) => ({ kind, label: MAIL_KINDS[kind].label }));
  const renderProfile = async (res: Response, userId: number, errors: Record<string, string> = {}) => {
    const user = await findUserById(db, userId);
    if (!user) throw new NotFoundError();
    const off = await disabledKinds(db, userId);
    res.render('users/profile', { title: 'Mon profil', user, errors, mails: optionalMails.map((m) => ({ ...m, on: !off.has(m.kind) })) });
  };

  // ---- Forgotten password (logged out) ----
  r.get('/mot-de-passe-oublie', (_req, res) => {
    res.render('users/forgot', { title: 'Mot de passe oublié', values: { email: '' }, errors: {}, sent: false });
  });

  r.post('/mot-de-passe-oublie', async (req, res) => {
    const typed = typeof req.body?.email === 'string' ? req.body.email.slice(0, 254) : '';
    const parsed = resetRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(422);
      return res.render('users/forgot', { title: 'Mot de passe oublié', values: { email: typed }, errors: fieldErrors(parsed.error), sent: false });
    }
    const wait = await resetThrottle.attempt(parsed.data.email, req.ip ?? 'inconnue');
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      res.status(429);
      return res.render('users/forgot', { title: 'Mot de passe oublié', values: { email: typed }, errors: { _form: t('reset.throttled', { minutes: Math.ceil(wait / 60) }) }, sent: false });
    }
    // The same answer whether the address has an account or not.
    await requestPasswordReset(db, parsed.data.email, req.id as string);
    res.render('users/forgot', { title: 'Mot de passe oublié', values: { email: '' }, errors: {}, sent: true });
  });

  const linkProblem = (res: Response, state: string) => {
    res.status(410);
    res.render('users/reset-invalid', { title: 'Lien de réinitialisation', reason: t(`reset.link.${state}`) });
  };

  r.get('/mot-de-passe/nouveau/:token', async (req, res) => {
    const state = await resetLinkState(db, req.params.token as string);
    if (state !== 'valid') return linkProblem(res, state);
    res.render('users/reset', { title: 'Nouveau mot de passe', token: req.params.token, errors: {} });
  });

  r.post('/mot-de-passe/nouveau/:token', async (req, res) => {
    const token = req.params.token as string;
    const parsed = resetPasswordSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const state = await resetLinkState(db, token);
      if (state !== 'valid') return linkProblem(res, state);
      res.status(422);
      return res.render('users/reset', { title: 'Nouveau mot de passe', token, errors: fieldErrors(parsed.error) });
    }
    const result = await completePasswordReset(db, token, parsed.data.newPassword, req.id as string);
    if (!result.ok) return linkProblem(res, result.errors._link ?? 'unknown');
    flash(req, 'success', t('reset.done'));
    res.redirect(303, '/connexion');
  });

  // ---- Administration (DSI) ----
  r.get('/admin/utilisateurs', allow(usersPolicy.canList), async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    const role = isRole(req.query.role) ? req.query.role : undefined;
    const after = typeof req.query.apres === 'string' ? req.query.apres : '';
    const sep = after.lastIndexOf('~');
    const afterName = sep > 0 ? after.slice(0, sep) : undefined;
    const afterId = sep > 0 ? parseIdOrNull(after.slice(sep + 1)) ?? undefined : undefined;
    const rows = await listUsers(db, { q: q || undefined, role, afterName, afterId, limit: PAGE_SIZE + 1 });
    const hasMore = rows.length > PAGE_SIZE;
    const users = rows.slice(0, PAGE_SIZE);
    const last = users[users.length - 1];
    const nextCursor = hasMore && last ? `${last.display_name}~${last.id}` : null;
    res.render('users/list', { title: 'Utilisateurs', users, q, role: role ?? '', roles: ROLES, nextCursor, isFirstPage: !after });
  });

  r.get('/admin/utilisateurs/nouveau', allow(usersPolicy.canCreate), async (_req, res) => {
    res.render('users/new', { title: 'Créer un compte', values: { role: 'contributeur' }, errors: {}, structures: await listStructures(db), roles: ROLES });
  });

  r.post('/admin/utilisateurs', allow(usersPolicy.canCreate), async (req, res) => {
    const actor = currentActor(req)!;
    const parsed = createUserSchema.safeParse(req.body);
    const result = parsed.success ? await createUser(db, actor, parsed.data, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      const { errors } = failureOf(parsed, result);
      res.status(failureOf(parsed, result).status);
      return res.render('users/new', { title: 'Créer un compte', values: req.body, errors, structures: await listStructures(db), roles: ROLES });
    }
    flash(req, 'success', t('users.created', { name: parsed.data.displayName }));
    flash(req, 'info', t('users.passwordReset', { name: parsed.data.displayName, password: result.value.temporaryPassword }));
    res.redirect(303, `/admin/utilisateurs/${result.value.id}`);
  });

  r.get('/admin/utilisateurs/import', allow(usersPolicy.canImport), (_req, res) => {
    res.render('users/import', { title: 'Importer des comptes', report: null, maxRows: USER_IMPORT_MAX_ROWS });
  });

  /** The import form again with a file-level message, keeping the chosen action (sent before the file). */
  const importRefused = (req: Request, res: Response, status: number, message: string) => {
    res.status(status).render('users/import', {
      title: 'Importer des comptes',
      report: { lines: [], fileErrors: [message], toCreate: 0, existing: 0, errors: 1 },
      dryRun: req.body?.mode !== 'importer',
      maxRows: USER_IMPORT_MAX_ROWS,
    });
  };
  const importTooLarge = (req: Request, res: Response) => importRefused(req, res, 413, t('users.import.tooLarge', { max: IMPORT_MAX_BYTES / 1024 / 1024 }));

  r.post(uploadRoute('/admin/utilisateurs/import'), allow(usersPolicy.canImport), singleUpload('fichier', IMPORT_MAX_BYTES, { onTooLarge: importTooLarge }), async (req, res) => {
    const actor = currentActor(req)!;
    if (!req.file || req.file.size === 0) return importRefused(req, res, 422, t('users.import.none'));
    const dryRun = req.body?.mode !== 'importer';
    const report = await importUsers(db, actor, req.file.buffer, { dryRun, requestId: req.id as string });
    if (report.fileErrors.length || report.errors) res.status(422);
    res.render('users/import', { title: 'Importer des comptes', report, dryRun, maxRows: USER_IMPORT_MAX_ROWS });
  });

  r.get('/admin/utilisateurs/:id', allow(usersPolicy.canList), async (req, res) => {
    const user = await findUserById(db, parseId(req.params.id));
    if (!user || user.anonymised_at) throw new NotFoundError();
    authorize(usersPolicy.canEdit(currentActor(req), user));
    res.render('users/edit', {
      title: `Compte de ${user.display_name}`,
      user,
      values: { email: user.email, displayName: user.display_name, role: user.role, structureId: user.structure_id, version: user.version },
      errors: {},
      structures: await listStructures(db),
      roles: ROLES,
      policy: usersPolicy,
      current: null,
    });
  });

  r.post('/admin/utilisateurs/:id', allow(usersPolicy.canList), async (req, res) => {
    const actor = currentActor(req)!;
    const id = parseId(req.params.id);
    const user = await findUserById(db, id);
    if (!user || user.anonymised_at) throw new NotFoundError();
    authorize(usersPolicy.canEdit(actor, user));
    const parsed = updateUserSchema.safeParse(req.body);
    const result = parsed.success ? await updateUser(db, actor, id, parsed.data, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      const { errors } = failureOf(parsed, result);
      res.status(failureOf(parsed, result).status);
      return res.render('users/edit', {
        title: `Compte de ${user.display_name}`,
        user: result?.current ?? user,
        values: req.body,
        errors,
        structures: await listStructures(db),
        roles: ROLES,
        policy: usersPolicy,
        current: result?.current ?? null,
      });
    }
    flash(req, 'success', t('users.updated', { name: result.value.display_name }));
    res.redirect(303, `/admin/utilisateurs/${id}`);
  });

  for (const [path, active] of [['desactiver', false], ['reactiver', true]] as const) {
    r.post(`/admin/utilisateurs/:id/${path}`, allow(usersPolicy.canList), async (req, res) => {
      const id = parseId(req.params.id);
      const result = await setUserActive(db, currentActor(req)!, id, active, req.id as string);
      if (!result.ok) flash(req, 'error', Object.values(result.errors).join(' '));
      else flash(req, 'success', t(active ? 'users.reactivated' : 'users.deactivated', { name: result.value.display_name }));
      res.redirect(303, `/admin/utilisateurs/${id}`);
    });
  }

  r.post('/admin/utilisateurs/:id/mot-de-passe', allow(usersPolicy.canList), async (req, res) => {
    const id = parseId(req.params.id);
    const { name, password } = await resetPassword(db, currentActor(req)!, id, req.id as string);
    flash(req, 'info', t('users.passwordReset', { name, password }));
    res.redirect(303, `/admin/utilisateurs/${id}`);
  });

  // ---- RGPD: anonymising a person (confirmation page, then the irreversible action) ----
  async function renderAnonymise(res: Response, user: UserRow, errors: Record<string, string> = {}) {
    res.render('users/anonymise', { title: `Anonymiser ${user.display_name}`, user, footprint: await personFootprint(db, user.id), errors });
  }

  r.get('/admin/utilisateurs/:id/anonymiser', allow(usersPolicy.canList), async (req, res) => {
    const user = await findUserById(db, parseId(req.params.id));
    if (!user || user.anonymised_at) throw new NotFoundError();
    authorize(usersPolicy.canAnonymise(currentActor(req), user));
    await renderAnonymise(res, user);
  });

  r.post('/admin/utilisateurs/:id/anonymiser', allow(usersPolicy.canList), async (req, res) => {
    const actor = currentActor(req)!;
    const user = await findUserById(db, parseId(req.params.id));
    if (!user || user.anonymised_at) throw new NotFoundError();
    authorize(usersPolicy.canAnonymise(actor, user));
    const parsed = confirmationSchema(t('users.confirmAnonymise')).safeParse(req.body ?? {});
    const result = parsed.success ? await anonymisePerson(db, actor, user.id, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      res.status(failureOf(parsed, result).status);
      return renderAnonymise(res, user, failureOf(parsed, result).errors);
    }
    flash(req, 'success', t('users.anonymised', { label: result.value.label, contributions: result.value.contributionsDetached }));
    res.redirect(303, '/admin/utilisateurs');
  });

  // ---- Profile (every logged-in person) ----
  r.get('/profil', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const user = await findUserById(db, actor.id);
    if (!user) throw new NotFoundError();
    authorize(usersPolicy.canViewProfile(actor, user));
    await renderProfile(res, actor.id);
  });

  r.post('/profil/courriels', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    authorize(usersPolicy.canViewProfile(actor, actor));
    const parsed = mailPreferencesSchema.safeParse(req.body ?? {});
    const kept = new Set(parsed.success ? parsed.data.kinds : []);
    await chooseOptionalMails(db, actor.id, kept);
    flash(req, 'success', t('profile.mailsSaved'));
    res.redirect(303, '/profil');
  });

  r.post('/profil/mot-de-passe', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    const parsed = changePasswordSchema.safeParse(req.body);
    const result = parsed.success ? await changePassword(db, actor, parsed.data, req.id as string) : null;
    if (!parsed.success || !result?.ok) {
      const { errors } = failureOf(parsed, result);
      res.status(422);
      return renderProfile(res, actor.id, errors);
    }
    flash(req, 'success', t('profile.passwordChanged'));
    res.redirect(303, '/profil');
  });

  r.get('/profil/mes-donnees.json', requireLogin, async (req, res) => {
    const actor = currentActor(req)!;
    authorize(usersPolicy.canViewProfile(actor, actor));
    const data = await exportPersonalData(db, actor.id);
    res.setHeader('Content-Disposition', 'attachment; filename="mes-donnees-ensemble.json"');
    res.type('application/json').send(JSON.stringify(data, null, 2));
  });

  return r;
}
