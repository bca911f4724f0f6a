import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { openDemo, type DemoDb } from '../support/demo';
import { loginAs, tokenFor } from '../support/app';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../seeds/demo';

/**
 * Issue 9: a stale version never loses what was typed; odd input (control characters, other
 * spellings of an id) is refused at the one boundary, with a French message, and nothing is stored.
 */
describe('Odd input is refused at the boundary, and a failed form keeps what was typed', () => {
  let demo: DemoDb;
  let app: Express;
  let db: Knex;
  let dsi: request.Agent;
  let token: string;
  const unescape = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

  before(async () => {
    demo = await openDemo();
    ({ app, db } = demo);
    dsi = await loginAs(app, 'dsi@ensemble.test', DEMO_PASSWORD);
    token = await tokenFor(dsi);
  });
  after(() => demo.t.destroy());

  describe('with a stale version (another person saved meanwhile)', () => {
    it('keeps the return comment typed on a need', async () => {
      const need = await db('needs').where({ consultation_id: demo.consultationId }).whereNull('merged_into_id').orderBy('id').first();
      await db('needs').where({ id: need.id }).update({ status: 'soumis', version: need.version + 1 });
      const comment = 'Merci de préciser le public visé : commentaire à ne pas perdre.';
      const res = await dsi.post(`/besoins/${need.id}/renvoyer`).type('form').send({ _csrf: token, version: String(need.version), comment });
      expect(res.status).to.equal(409);
      expect(unescape(res.text)).to.contain(comment);
      expect((await db('needs').where({ id: need.id }).first()).status).to.equal('soumis');
      // The page now carries the current version: sending it again succeeds.
      const again = await dsi.post(`/besoins/${need.id}/renvoyer`).type('form').send({ _csrf: token, version: String(need.version + 1), comment });
      expect(again.status).to.equal(303);
    });

    it('keeps the return comment typed on a functional proposal', async () => {
      const proposal = await db('functional_proposals').orderBy('id').first();
      await db('functional_proposals').where({ id: proposal.id }).update({ status: 'soumis', version: proposal.version + 1 });
      const comment = 'La priorité ne correspond pas au besoin : commentaire gardé.';
      const res = await dsi.post(`/propositions/${proposal.id}/renvoyer`).type('form').send({ _csrf: token, version: String(proposal.version), comment });
      expect(res.status).to.equal(409);
      expect(unescape(res.text)).to.contain(comment);
    });

    it('keeps the title typed when editing a need or a consultation', async () => {
      const need = await db('needs').where({ consultation_id: demo.consultationId }).whereNull('merged_into_id').orderBy('id', 'desc').first();
      const needTitle = 'Un titre de besoin tapé pendant que quelqu’un d’autre enregistrait';
      const r1 = await dsi
        .post(`/besoins/${need.id}`)
        .type('form')
        .send({ _csrf: token, version: String(need.version + 7), title: needTitle, descriptionMd: need.description_md, themeId: String(need.theme_id) });
      expect(r1.status).to.equal(409);
      expect(unescape(r1.text)).to.contain(needTitle);

      const consultation = await db('consultations').where({ id: demo.consultationId }).first();
      const title = 'Un titre de consultation tapé pendant une autre modification';
      const r2 = await dsi.post(`/admin/consultations/${DEMO_SLUG}`).type('form').send({ _csrf: token, version: String(consultation.version + 7), title, slug: DEMO_SLUG });
      expect(r2.status).to.equal(409);
      expect(unescape(r2.text)).to.contain(title);
    });
  });

  describe('control characters and other odd text', () => {
    it('refuses a NUL in a consultation title, with a French message next to the field and the text kept', async () => {
      const before = await db('consultations').count({ n: '*' }).first();
      const res = await dsi.post('/admin/consultations').type('form').send({ _csrf: token, title: 'Consultation\u0000 piégée', slug: '' });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('caractère invisible non autorisé (U+0000)');
      expect(res.text).to.contain('piégée');
      expect(await db('consultations').count({ n: '*' }).first()).to.deep.equal(before);
    });

    it('refuses a control character in a phase title of the calendar', async () => {
      const before = await db('consultation_phases').where({ consultation_id: demo.consultationId }).orderBy('id');
      const res = await dsi
        .post(`/admin/consultations/${DEMO_SLUG}/calendrier`)
        .type('form')
        .send({ _csrf: token, consultation_title: 'Collecte\u0007 sonore', consultation_startsOn: '2027-01-10', consultation_endsOn: '2027-02-10' });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('(U+0007)');
      expect(await db('consultation_phases').where({ consultation_id: demo.consultationId }).orderBy('id')).to.deep.equal(before);
    });

    it('stores text in NFC, so that the two ways of typing « é » are one', async () => {
      const decomposed = 'Atelier e\u0301te\u0301 — re\u0301gion';
      const res = await dsi.post('/admin/consultations').type('form').send({ _csrf: token, title: decomposed, slug: 'consultation-nfc' });
      expect(res.status).to.equal(303);
      const row = await db('consultations').where({ slug: 'consultation-nfc' }).first();
      expect(row.title).to.equal(decomposed.normalize('NFC'));
      expect(row.title).to.not.equal(decomposed);
    });
  });

  describe('ids in paths', () => {
    it('opens a page only under the canonical spelling of its id', async () => {
      const c = await db('raw_contributions').where({ id: 16 }).first();
      expect(c, 'the demo has a contribution n° 16').to.not.equal(undefined);
      expect((await dsi.get('/contributions/16')).status).to.equal(200);
      for (const odd of ['0x10', '016', '16.0', '1e1', '+16', '%2016', '16%20', '99999999999', '0', '-16']) {
        expect((await dsi.get(`/contributions/${odd}`)).status, odd).to.equal(404);
      }
      expect((await dsi.get('/consolidees/1e2')).status).to.equal(404);
      expect((await dsi.get('/consolidees/100')).status).to.equal(200);
    });
  });
});
