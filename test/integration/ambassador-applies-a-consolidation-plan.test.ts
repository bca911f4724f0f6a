import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { freshDb, type TestDb } from '../support/db';
import { isolateEachTest } from '../support/isolation';
import { buildApp, loginAs, makeUser } from '../support/app';
import { assignAmbassador, linkRaw, makeConsolidated, makeConsultation, makeRawContributions } from '../support/factories';
import { formFields } from '../support/form-fields';

const SMS_MEMBERS = [
  'Envoyer un rappel par SMS au jeune la veille de son rendez-vous.',
  'Un SMS de rappel automatique avant chaque rendez-vous pour éviter les absences.',
  'Rappel automatique des rendez-vous par SMS aux jeunes.',
];
const SMS_NEW = [
  'Rappel SMS automatique la veille du rendez-vous du jeune.',
  'Les jeunes oublient leurs rendez-vous : un rappel par SMS la veille.',
  'Envoyer automatiquement un SMS de rappel de rendez-vous au jeune.',
];
const DRIVING = [
  'Recenser dans le logiciel les aides au permis de conduire et les auto-écoles sociales du territoire.',
  'Une liste des aides au permis de conduire et des auto-écoles sociales du territoire dans le logiciel.',
  'Avoir dans le logiciel les aides au permis de conduire et les auto-écoles sociales.',
];
const COFFEE_ASIDE = 'La machine à café de l’antenne est en panne depuis trois semaines.';
const COFFEE_NEW = 'La machine à café de l’antenne est encore en panne depuis des semaines.';
const ALONE = 'Exporter la liste des jeunes suivis au format tableur pour les bilans annuels du financeur.';

/** The plan page of a theme: proposed groups applied in one submission, conflicts reported, undo. */
describe('An ambassador applies a consolidation plan', function () {
  this.timeout(60_000);
  let t: TestDb;
  let app: Express;
  let amb: request.Agent;
  let ambId: number;
  let other: request.Agent;
  let themeId: number;
  let consultationId: number;
  let targetId: number;
  const ids: Record<string, number[]> = {};
  const slug = 'plan-ouvert';
  const planUrl = () => `/consultations/${slug}/consolidation/plan?theme=${themeId}`;
  const action = `/consultations/${slug}/consolidation/plan`;

  before(async () => {
    t = await freshDb();
    app = buildApp(t.db);
    const c = await makeConsultation(t.db, { slug, consolidation_open: true }, { themes: [{ code: 'USAGERS', title: 'Usagers' }, { code: 'OUTILS', title: 'Outils' }] });
    consultationId = c.id;
    themeId = c.themes.USAGERS!;
    const u = await makeUser(t.db, 'ambassadeur', { name: 'Aline Ambassadrice' });
    ambId = u.id;
    await assignAmbassador(t.db, consultationId, u.id, themeId);
    amb = await loginAs(app, u.email);
    const o = await makeUser(t.db, 'ambassadeur', { name: 'Omar Outils' });
    await assignAmbassador(t.db, consultationId, o.id, c.themes.OUTILS!);
    other = await loginAs(app, o.email);
    const raw = (bodies: string[], status = 'a_traiter', extra: Record<string, unknown> = {}) =>
      makeRawContributions(t.db, consultationId, bodies.map((body, i) => ({ theme_id: themeId, body, status, reference: `R-${body.length}-${i}`, ...extra })));
    ids.members = await raw(SMS_MEMBERS, 'consolidee');
    targetId = await makeConsolidated(t.db, { consultation_id: consultationId, theme_id: themeId, code: 'CC-USA-001', title: 'Rappel des rendez-vous par SMS' });
    await linkRaw(t.db, targetId, ids.members);
    ids.aside = await raw([COFFEE_ASIDE], 'hors_perimetre', { out_of_scope_reason: 'Hors sujet : équipement des locaux' });
    ids.sms = await raw(SMS_NEW);
    ids.driving = await raw(DRIVING);
    ids.coffee = await raw([COFFEE_NEW]);
    ids.alone = await raw([ALONE]);
  });
  after(() => t.destroy());
  isolateEachTest(() => t.db);

  const status = async (id: number) => (await t.db('raw_contributions').where({ id }).first()).status as string;
  const activeLink = async (id: number) => t.db('consolidation_links').where({ raw_contribution_id: id }).whereNull('undone_at').first();

  it('lays out every unprocessed contribution of the theme as groups with a proposed action', async () => {
    const page = await amb.get(planUrl()).expect(200);
    const f = formFields(page.text, action);
    const groupOf = (id: number) => f[`m_${id}`];
    // Attach: the SMS paraphrases go to the existing consolidated contribution, together.
    const sms = groupOf(ids.sms![0]!);
    expect(ids.sms!.map(groupOf)).to.deep.equal([sms, sms, sms]);
    expect(f[`${sms}_action`]).to.equal('attach');
    expect(f[`${sms}_target`]).to.equal(String(targetId));
    expect(f[`${sms}_apply`]).to.equal('on');
    // Create: the driving-licence texts form a new group, titled after its most central member.
    const driving = groupOf(ids.driving![0]!);
    expect(ids.driving!.map(groupOf)).to.deep.equal([driving, driving, driving]);
    expect(f[`${driving}_action`]).to.equal('create');
    expect(f[`${driving}_title`]).to.match(/permis de conduire/);
    // Out of scope: the look-alike of what was set aside, its reason pre-filled.
    const coffee = groupOf(ids.coffee![0]!);
    expect(f[`${coffee}_action`]).to.equal('out_of_scope');
    expect(f[`${coffee}_reason`]).to.equal('Hors sujet : équipement des locaux');
    // The isolated one is proposed but left unticked.
    const alone = groupOf(ids.alone![0]!);
    expect(f[`${alone}_apply`]).to.equal(undefined);
    expect(page.text).to.contain('Appliquer les groupes cochés');
    expect(page.text).to.not.contain('Annuler ce plan');
  });

  it('applies the ticked groups in one submission, audits each link, learns, and stays on the plan with what is left', async () => {
    const page = await amb.get(planUrl()).expect(200);
    const res = await amb.post(action).type('form').send(formFields(page.text, action)).expect(303);
    expect(res.headers.location).to.equal(planUrl());

    for (const id of ids.sms!) expect((await activeLink(id))?.consolidated_contribution_id).to.equal(targetId);
    const created = await t.db('consolidated_contributions').where({ consultation_id: consultationId }).whereNot({ id: targetId });
    expect(created).to.have.length(1);
    expect(created[0].title).to.match(/permis de conduire/);
    expect(created[0].code).to.equal('CC-USA-002');
    for (const id of ids.driving!) expect(Number((await activeLink(id))?.consolidated_contribution_id)).to.equal(Number(created[0].id));
    for (const id of [...ids.sms!, ...ids.driving!]) expect(await status(id)).to.equal('consolidee');
    const coffee = await t.db('raw_contributions').where({ id: ids.coffee![0] }).first();
    expect([coffee.status, coffee.out_of_scope_reason]).to.deep.equal(['hors_perimetre', 'Hors sujet : équipement des locaux']);
    expect(await status(ids.alone![0]!)).to.equal('a_traiter');

    const plan = await t.db('consolidation_plans').first();
    expect(Number(plan.links_made)).to.equal(6);
    const perLink = await t.db('audit_log').where({ action: 'consolidation.attach', object_type: 'raw_contribution' });
    expect(perLink.map((a) => Number(a.object_id)).sort((a, b) => a - b)).to.deep.equal([...ids.sms!, ...ids.driving!].sort((a, b) => a - b));
    expect(await t.db('audit_log').where({ action: 'consolidation.plan_apply' })).to.have.length(1);
    const learned = await t.db('similarity_associations').where({ consultation_id: consultationId }).sum({ w: 'weight' }).first();
    expect(Number(learned?.w)).to.be.greaterThan(0);

    const after = await amb.get(planUrl()).expect(200);
    expect(after.text).to.contain('Plan appliqué : 6 contributions rattachées');
    expect(after.text).to.contain('Annuler ce plan');
    const left = formFields(after.text, action);
    expect(Object.keys(left).filter((k) => k.startsWith('m_'))).to.deep.equal([`m_${ids.alone![0]}`]);
  });

  it('applies what is still valid when another ambassador changed things meanwhile, and lists each conflict in French', async () => {
    const page = await amb.get(planUrl()).expect(200);
    const fields = formFields(page.text, action);
    // Meanwhile: one SMS contribution is taken elsewhere; the target is edited (its version moves on).
    const elsewhere = await makeConsolidated(t.db, { consultation_id: consultationId, theme_id: themeId, code: 'CC-USA-009', title: 'Ailleurs' });
    await linkRaw(t.db, elsewhere, [ids.driving![0]!]);
    await t.db('raw_contributions').where({ id: ids.driving![0] }).update({ status: 'consolidee' });
    await t.db('consolidated_contributions').where({ id: targetId }).update({ version: 5, title: 'Rappel SMS (titre revu)' });

    const res = await amb.post(action).type('form').send(fields).expect(409);
    expect(res.text).to.contain('Une partie du plan n’a pas été appliquée');
    expect(res.text).to.contain('CC-USA-001 a été modifiée depuis l’affichage du plan');
    expect(res.text).to.match(/a été rattachée à CC-USA-009 par quelqu’un d’autre entre-temps/);
    // The rest is applied: the two other driving texts in a new consolidated contribution, the coffee set aside.
    for (const id of ids.driving!.slice(1)) expect(await activeLink(id)).to.not.equal(undefined);
    expect(await status(ids.coffee![0]!)).to.equal('hors_perimetre');
    // The SMS group waits, proposed again on the same page.
    for (const id of ids.sms!) expect(await activeLink(id)).to.equal(undefined);
    expect(formFields(res.text, action)[`m_${ids.sms![0]}`]).to.match(/^g\d+$/);
  });

  it('undoes the last plan in one step: links stamped, contributions back to process, created ones withdrawn', async () => {
    const page = await amb.get(planUrl()).expect(200);
    await amb.post(action).type('form').send(formFields(page.text, action)).expect(303);
    const plan = await t.db('consolidation_plans').first();
    const created = await t.db('consolidated_contributions').where({ plan_id: plan.id }).first();

    const back = await amb.get(planUrl()).expect(200);
    const undo = formFields(back.text, `/consultations/${slug}/consolidation/plan/annuler`);
    await amb.post(`/consultations/${slug}/consolidation/plan/annuler`).type('form').send(undo).expect(303);

    for (const id of [...ids.sms!, ...ids.driving!, ...ids.coffee!]) expect(await status(id), String(id)).to.equal('a_traiter');
    const links = await t.db('consolidation_links').where({ plan_id: plan.id });
    expect(links).to.have.length(6);
    for (const l of links) expect(l.undone_at).to.not.equal(null);
    expect((await t.db('consolidated_contributions').where({ id: created.id }).first()).status).to.equal('annulee');
    expect((await t.db('consolidated_contributions').where({ id: targetId }).first()).status).to.not.equal('annulee');
    expect(await t.db('audit_log').where({ action: 'consolidation.plan_undo' })).to.have.length(1);
    expect(await t.db('audit_log').where({ action: 'consolidation.detach' })).to.have.length(6);
    // The withdrawn one is no longer offered as a target; the same plan can be applied again.
    const again = await amb.get(planUrl()).expect(200);
    expect(again.text).to.not.contain(created.code);
    expect(again.text).to.contain('Plan annulé : 6 liens défaits, 1 contribution remise à traiter, 1 contribution consolidée retirée.');
    // Undoing twice is refused, nothing changes.
    await amb.post(`/consultations/${slug}/consolidation/plan/annuler`).type('form').send(undo).expect(409);
  });

  it('refuses a ticked group without title, or an unknown target code, next to the field, keeping what was typed', async () => {
    const page = await amb.get(planUrl()).expect(200);
    const f = formFields(page.text, action);
    const driving = f[`m_${ids.driving![0]}`]!;
    const sms = f[`m_${ids.sms![0]}`]!;
    f[`${driving}_title`] = '   ';
    f[`${sms}_code`] = 'CC-XYZ-999';
    f[`m_${ids.alone![0]}`] = 'out';
    f.out_reason = '';
    const res = await amb.post(action).type('form').send(f).expect(422);
    expect(res.text).to.contain('Le titre est obligatoire.');
    expect(res.text).to.contain('Le motif est obligatoire.');
    expect(res.text).to.contain(`id="f-${driving}_title-erreur"`);
    expect(await t.db('consolidation_links').whereIn('raw_contribution_id', [...ids.sms!, ...ids.driving!]).whereNull('undone_at')).to.have.length(0);
    expect(formFields(res.text, action)[`m_${ids.alone![0]}`]).to.equal('out');

    f[`${driving}_title`] = 'Aides au permis';
    f.out_reason = 'Hors sujet';
    const unknown = await amb.post(action).type('form').send(f).expect(422);
    expect(unknown.text).to.contain('Aucune contribution consolidée « CC-XYZ-999 » dans cette consultation');
    expect(formFields(unknown.text, action)[`${sms}_code`]).to.equal('CC-XYZ-999');
    expect(await t.db('consolidation_plans')).to.have.length(0);
  });

  it('accepts a ticked « attach » group whose members all went elsewhere (merged into another group): its target is still known', async () => {
    const page = await amb.get(planUrl()).expect(200);
    const f = formFields(page.text, action);
    const sms = f[`m_${ids.sms![0]}`]!;
    const driving = f[`m_${ids.driving![0]}`]!;
    f[`${sms}_into`] = driving.slice(1);
    await amb.post(action).type('form').send(f).expect(303);
    const created = await t.db('consolidated_contributions').where({ consultation_id: consultationId }).whereNot({ id: targetId }).first();
    for (const id of [...ids.sms!, ...ids.driving!]) expect(Number((await activeLink(id))?.consolidated_contribution_id)).to.equal(Number(created.id));
  });

  it('lets only the theme’s ambassadors apply it; others read it or are refused', async () => {
    const page = await amb.get(planUrl()).expect(200);
    const f = formFields(page.text, action);
    await other.post(action).type('form').send({ ...f, _csrf: formFields((await other.get(planUrl()).expect(200)).text, action)._csrf ?? f._csrf }).expect(403);
    expect(await t.db('consolidation_plans')).to.have.length(0);
    const contributor = await makeUser(t.db, 'contributeur');
    const c = await loginAs(app, contributor.email);
    await c.get(planUrl()).expect(403);
    await amb.get(`/consultations/${slug}/consolidation/plan?theme=999999`).expect(404);
    void ambId;
  });
});
