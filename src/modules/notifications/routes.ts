import { Router } from 'express';
import type { AppDeps } from '../../shared/http/context';
import { allow } from '../../shared/http/guards';
import { NotFoundError } from '../../shared/http/errors';
import { parseId, parseIdOrNull } from '../../shared/http/params';
import { t } from '../../shared/i18n';
import { MAIL_KINDS, isMailKind } from './kinds';
import { notificationsPolicy } from './policy';
import { countByStatus, findMail, listMails, type OutboxRow } from './queries';
import { unsubscribe } from './choose-optional-mails';
import { readUnsubscribeToken } from './unsubscribe';

const PAGE_SIZE = 50;

export function notificationsRoutes({ db, config }: AppDeps): Router {
  const r = Router();
  const smtp = Boolean(config.mail.smtpUrl);
  const statusLabel = (m: Pick<OutboxRow, 'status' | 'attempts'>) => {
    if (m.status === 'envoye') return 'Envoyé';
    if (m.status === 'echoue') return `Abandonné après ${m.attempts} tentative(s)`;
    if (m.status === 'en_cours') return 'Envoi en cours';
    if (!smtp) return 'Non envoyé (pas de serveur SMTP)';
    return m.attempts ? `En attente (nouvel essai après ${m.attempts} échec(s))` : 'En attente';
  };
  const kindLabel = (k: string) => (isMailKind(k) ? MAIL_KINDS[k].label : k);

  // The DSI's « Courriels envoyés »: every mail of the outbox, newest first.
  r.get('/admin/courriels', allow(notificationsPolicy.canBrowseOutbox), async (req, res) => {
    const before = typeof req.query.avant === 'string' ? parseIdOrNull(req.query.avant) ?? undefined : undefined;
    const rows = await listMails(db, PAGE_SIZE + 1, before);
    const mails = rows.slice(0, PAGE_SIZE);
    const next = rows.length > PAGE_SIZE ? mails[mails.length - 1]!.id : null;
    res.render('notifications/list', { title: 'Courriels envoyés', mails, next, isFirstPage: !before, smtp, counts: await countByStatus(db), statusLabel, kindLabel });
  });

  r.get('/admin/courriels/:id', allow(notificationsPolicy.canBrowseOutbox), async (req, res) => {
    const mail = await findMail(db, parseId(req.params.id));
    if (!mail) throw new NotFoundError();
    res.render('notifications/show', { title: `Courriel n° ${mail.id}`, mail, smtp, statusLabel, kindLabel });
  });

  // Unsubscribing works logged out: the signed link names the person and the kind. GET only asks
  // (mail scanners follow links); the form's POST carries the ordinary CSRF token of the visitor's session.
  r.get('/desabonnement/:token', (req, res) => {
    const target = readUnsubscribeToken(config.sessionSecret, req.params.token);
    if (!target) return res.status(404).render('notifications/unsubscribe', { title: 'Désabonnement', target: null, done: false, token: '', kindLabel });
    res.render('notifications/unsubscribe', { title: 'Désabonnement', target, done: false, token: req.params.token, kindLabel });
  });

  r.post('/desabonnement/:token', async (req, res) => {
    const target = readUnsubscribeToken(config.sessionSecret, req.params.token);
    if (!target) return res.status(404).render('notifications/unsubscribe', { title: 'Désabonnement', target: null, done: false, token: '', kindLabel });
    await unsubscribe(db, target.userId, target.kind);
    res.render('notifications/unsubscribe', { title: 'Désabonnement', target, done: true, token: '', kindLabel, message: t('notifications.unsubscribed', { kind: kindLabel(target.kind) }) });
  });

  return r;
}
