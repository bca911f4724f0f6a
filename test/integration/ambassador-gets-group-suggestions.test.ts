import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/config';
import { makeConsultation, makeRawContribution } from '../support/factories';
import { planFor, similarConsolidated, similarRawContributions, suggestGroupsFor, type SuggestedGroup } from '../../src/modules/similarity';
import { createDb } from '../../src/shared/db';
import { DEMO_SLUG } from '../../seeds/demo';
import { freshDb, type TestDb } from '../support/db';
import { sqliteTemplate } from '../support/templates';

const AGENDA = [
  "L'agenda I-Milo n'est pas synchronisé avec Outlook : on tient deux agendas en parallèle, c'est ingérable.",
  'Synchroniser les agendas I-Milo et Outlook, on gère deux agendas en parallèle.',
  "Deux agendas en parallèle (I-Milo et Outlook) car ils ne sont pas synchronisés, c'est ingérable !",
];
const DRIVING = [
  'Recenser dans le logiciel les aides au permis de conduire et les auto-écoles sociales du territoire.',
  'Une liste des aides au permis de conduire et des auto-écoles sociales du territoire dans le logiciel.',
];

/** Ambassadors look for near-duplicates among what is left to process, in a theme or in « à classer ». */
describe('An ambassador gets suggested groups of similar contributions', function () {
  this.timeout(60_000);
  let t: TestDb;
  let consultationId: number;
  let themeId: number;
  const ids: Record<string, number> = {};

  const raw = (consultation: number, theme: number | null, status: string, body: string) =>
    makeRawContribution(t.db, consultation, { theme_id: theme, source: 'individuelle', status, body, reference: `TEST-${Object.keys(ids).length + 1}` });

  const allIds = (groups: SuggestedGroup[]) => groups.flatMap((g) => g.contributions.map((c) => c.id));

  before(async () => {
    t = await freshDb({ template: 'demo' });
    consultationId = Number((await t.db('consultations').where({ slug: DEMO_SLUG }).first()).id);
    themeId = Number((await t.db('themes').where({ consultation_id: consultationId }).orderBy('position').first()).id);
    // « à classer », still to process: three wordings of one idea.
    for (const [i, body] of AGENDA.entries()) ids[`agenda${i}`] = await raw(consultationId, null, 'a_traiter', body);
    // The same words, but processed, withdrawn, out of scope, in a theme, or in another consultation.
    ids.consolidated = await raw(consultationId, null, 'consolidee', AGENDA[0]!);
    ids.withdrawn = await raw(consultationId, null, 'retiree', AGENDA[1]!);
    ids.outOfScope = await raw(consultationId, null, 'hors_perimetre', AGENDA[2]!);
    ids.themedAgenda = await raw(consultationId, themeId, 'a_traiter', AGENDA[0]!);
    for (const [i, body] of DRIVING.entries()) ids[`driving${i}`] = await raw(consultationId, themeId, 'a_traiter', body);
    const other = (await makeConsultation(t.db, { slug: 'autre-consultation', title: 'Autre consultation' })).id;
    ids.otherConsultation = await raw(other, null, 'a_traiter', AGENDA[0]!);
    ids.otherConsultation2 = await raw(other, null, 'a_traiter', AGENDA[1]!);
  });
  after(() => t.destroy());

  it('suggests groups among the unprocessed « à classer » contributions of the consultation only', async () => {
    const groups = await suggestGroupsFor(t.db, consultationId, 'a_classer');

    const rows = await t.db('raw_contributions').whereIn('id', allIds(groups));
    expect(rows).to.have.length(allIds(groups).length);
    for (const r of rows) {
      expect(Number(r.consultation_id)).to.equal(consultationId);
      expect(r.theme_id).to.equal(null);
      expect(r.status).to.equal('a_traiter');
    }
    const agenda = groups.find((g) => g.contributions.some((c) => c.id === ids.agenda0));
    expect(agenda, 'the three wordings form a group').to.not.equal(undefined);
    expect(agenda!.contributions.map((c) => c.id)).to.include.members([ids.agenda0, ids.agenda1, ids.agenda2]);
    expect(agenda!.contributions.find((c) => c.id === ids.agenda0)!.reference).to.match(/^TEST-/);
    expect(agenda!.label).to.contain('agenda');
    for (const excluded of ['consolidated', 'withdrawn', 'outOfScope', 'themedAgenda', 'otherConsultation', 'otherConsultation2']) {
      expect(allIds(groups), excluded).to.not.include(ids[excluded]);
    }
    expect(groups.map((g) => g.number)).to.deep.equal(groups.map((_, i) => i + 1));
  });

  it('suggests groups within one theme, only of its unprocessed contributions, each in at most one group', async () => {
    const groups = await suggestGroupsFor(t.db, consultationId, { themeId });

    const listed = allIds(groups);
    expect(new Set(listed).size).to.equal(listed.length);
    const rows = await t.db('raw_contributions').whereIn('id', listed);
    for (const r of rows) {
      expect(Number(r.theme_id)).to.equal(themeId);
      expect(r.status).to.equal('a_traiter');
      expect(Number(r.consultation_id)).to.equal(consultationId);
    }
    const driving = groups.find((g) => g.contributions.some((c) => c.id === ids.driving0));
    expect(driving?.contributions.map((c) => c.id)).to.include(ids.driving1);
    expect(listed).to.not.include(ids.agenda0);
  });

  it('ranks similar raw contributions of the same consultation, never withdrawn ones, never itself', async () => {
    const found = await similarRawContributions(t.db, ids.agenda0!, 10);

    const foundIds = found.map((f) => f.id);
    // Word-for-word copies first (even processed or in a theme), then the other wordings.
    expect(foundIds.slice(0, 2)).to.have.members([ids.consolidated, ids.themedAgenda]);
    expect(found[0]!.score).to.be.greaterThan(0.99);
    expect(foundIds).to.include.members([ids.agenda1, ids.agenda2]);
    expect(foundIds).to.not.include.members([ids.agenda0, ids.withdrawn, ids.otherConsultation]);
    for (let i = 1; i < found.length; i++) expect(found[i - 1]!.score).to.be.at.least(found[i]!.score);
    expect(await similarRawContributions(t.db, 999_999, 5)).to.deep.equal([]);
  });

  it('ranks the consolidated contributions closest to a raw contribution, its own consolidation among the first', async () => {
    // A demo raw contribution that the ambassadors consolidated: where it went should come up.
    const link = await t.db('consolidation_links as l')
      .join('raw_contributions as r', 'r.id', 'l.raw_contribution_id')
      .where('r.consultation_id', consultationId)
      .whereNull('l.undone_at')
      .whereNull('l.extract_id')
      .orderBy('l.id')
      .select('l.raw_contribution_id', 'l.consolidated_contribution_id')
      .first();

    const found = await similarConsolidated(t.db, Number(link.raw_contribution_id), 5);

    expect(found.map((f) => f.id)).to.include(Number(link.consolidated_contribution_id));
    const rows = await t.db('consolidated_contributions').whereIn('id', found.map((f) => f.id));
    for (const r of rows) expect(Number(r.consultation_id)).to.equal(consultationId);
    expect(found[0]!.title).to.be.a('string');
  });
});

describe('An operator prints suggested groups from the command line', function () {
  this.timeout(60_000);
  let dataDir: string;
  const run = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' };
    delete env.DATABASE_URL;
    return spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'ensemble.js'), ...args], { env, encoding: 'utf8', input: '' });
  };
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-suggest-'));
    // The demo database of this run (templates.ts) rather than `seed:demo` in a child process: loading
    // the demo from the command line is the subject of operator-uses-command-line, not of this file.
    fs.copyFileSync(await sqliteTemplate('demo'), path.join(dataDir, 'ensemble.sqlite'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  type Printed = {
    number: number; scope: string; action: string | null; ticked: boolean; cohesion: number; label: string;
    target: { id: number; code: string | null; title: string; score: number } | null; title: string | null; reason: string | null;
    contributions: Array<{ id: number; reference: string | null; score: number | null }>;
  };

  it('prints each theme’s consolidation plan as JSON — the plan page’s groups and proposed actions — then the « à classer » groups', async () => {
    const res = run('suggest-groups', '--consultation', DEMO_SLUG, '--format', 'json');

    expect(res.status, res.stderr).to.equal(0);
    const doc = JSON.parse(res.stdout) as { consultation: string; groups: Printed[] };
    expect(doc.consultation).to.equal(DEMO_SLUG);
    expect(doc.groups.length).to.be.greaterThan(0);
    doc.groups.forEach((g, i) => {
      expect(g.number).to.equal(i + 1);
      expect(g.label).to.be.a('string');
      expect(g.contributions.length).to.be.at.least(1);
      for (const c of g.contributions) {
        expect(c.id).to.be.a('number');
        expect(c.reference === null || typeof c.reference === 'string').to.equal(true);
      }
      if (g.scope === 'a_classer') {
        expect(g.action).to.equal(null);
        expect(g.cohesion).to.be.within(0, 1);
        expect(g.contributions.length).to.be.at.least(2);
        return;
      }
      expect(g.action).to.be.oneOf(['attach', 'create', 'out_of_scope']);
      if (g.action === 'attach') {
        expect(g.target!.id).to.be.a('number');
        expect(g.target!.code).to.match(/^CC-[A-Z]{3}-\d{3}$/);
        expect(g.target!.title).to.be.a('string').and.not.equal('');
        expect(g.target!.score).to.be.within(0, 1);
        for (const c of g.contributions) expect(c.score).to.be.a('number');
      } else expect(g.target).to.equal(null);
      if (g.action === 'create') expect(g.title).to.be.a('string').and.not.equal('');
      if (g.action === 'out_of_scope') expect(g.reason).to.be.a('string').and.not.equal('');
      // Unticked, as on the page: a contribution that matches nothing and no one, alone; or weaker
      // look-alikes of one consolidated contribution gathered « à vérifier » under it.
      if (!g.ticked && g.action !== 'attach') expect(g.contributions).to.have.length(1);
      if (!g.ticked && g.action === 'attach') expect(g.contributions.length).to.be.at.least(2);
    });
    expect(doc.groups.some((g) => g.action === 'attach')).to.equal(true);
    const scoped = JSON.parse(run('suggest-groups', '--consultation', DEMO_SLUG, '--theme', 'a_classer').stdout) as { groups: Array<{ scope: string }> };
    for (const g of scoped.groups) expect(g.scope).to.equal('a_classer');
  });

  it('prints for one theme the same plan as the plan page computes (planFor), numbered from 1', async () => {
    const res = run('suggest-groups', '--consultation', DEMO_SLUG, '--theme', 'USAGERS');
    expect(res.status, res.stderr).to.equal(0);
    const doc = JSON.parse(res.stdout) as { groups: Printed[] };
    const db = createDb({ databaseUrl: undefined, dataDir });
    try {
      const consultationId = Number((await db('consultations').where({ slug: DEMO_SLUG }).first()).id);
      const themeId = Number((await db('themes').where({ consultation_id: consultationId, code: 'USAGERS' }).first()).id);
      const plan = await planFor(db, consultationId, { themeId });
      expect(doc.groups.map((g) => [g.number, g.scope, g.action, g.ticked, g.target?.id ?? null, g.contributions.map((c) => c.id)])).to.deep.equal(
        plan.groups.map((g, i) => [i + 1, 'USAGERS', g.action, g.ticked, g.action === 'attach' ? g.targetId : null, g.members.map((m) => m.id)]),
      );
      const codes = new Map((await db('consolidated_contributions').where({ consultation_id: consultationId })).map((c) => [Number(c.id), c.code]));
      for (const g of doc.groups) if (g.target) expect(g.target.code).to.equal(codes.get(g.target.id));
    } finally {
      await db.destroy();
    }
  });

  it('prints the same groups as CSV with semicolons, one line per contribution, with the proposed action', () => {
    const json = JSON.parse(run('suggest-groups', '--consultation', DEMO_SLUG).stdout) as { groups: Printed[] };
    const res = run('suggest-groups', '--consultation', DEMO_SLUG, '--format', 'csv');

    expect(res.status, res.stderr).to.equal(0);
    const lines = res.stdout.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).to.equal('groupe;perimetre;action;coche;cible_id;cible_code;cible_titre;ressemblance;titre_propose;motif;cohesion;libelle;contribution_id;reference;score;texte');
    const rows = lines.slice(1);
    expect(rows).to.have.length(json.groups.reduce((n, g) => n + g.contributions.length, 0));
    const first = json.groups[0]!;
    const cells = rows[0]!.split(';');
    expect(cells[0]).to.equal(String(first.number));
    expect(cells[2]).to.equal(first.action ?? '');
    expect(cells[4]).to.equal(String(first.target?.id ?? ''));
    expect(cells[12]).to.equal(String(first.contributions[0]!.id));
  });

  it('refuses an unknown consultation or theme in French, with exit code 1', () => {
    const unknown = run('suggest-groups', '--consultation', 'nulle-part');
    expect(unknown.status).to.equal(1);
    expect(unknown.stderr).to.contain('Consultation inconnue');
    const badTheme = run('suggest-groups', '--consultation', DEMO_SLUG, '--theme', 'NIMPORTE');
    expect(badTheme.status).to.equal(1);
    expect(badTheme.stderr).to.contain('Thématique inconnue');
  });
});
