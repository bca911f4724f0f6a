import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { freshDb, type TestDb } from '../support/db';
import { buildApp } from '../support/app';
import { makeConsultation } from '../support/factories';
import { PROJECT_ROOT } from '../../src/config';
import { auditSummary, readAccessibilityAudit } from '../../src/modules/legal';

describe('A visitor reads the public-sector pages linked from every footer', () => {
  let t: TestDb;
  before(async () => {
    t = await freshDb();
    await makeConsultation(t.db, { slug: 'rgpd', title: 'Consultation RGPD', data_notice_md: 'Vos données servent **uniquement** à la consultation.' });
  });
  after(() => t.destroy());

  it('finds the statement, the legal notice, the personal data and the source code in the footer', async () => {
    const app = buildApp(t.db, { SOURCE_CODE_URL: 'https://forge.exemple.fr/ensemble' });
    const home = await request(app).get('/consultations');
    const footer = home.text.slice(home.text.indexOf('<footer'));
    expect(footer).to.contain('href="/accessibilite">Accessibilité : partiellement conforme</a>');
    expect(footer).to.contain('href="/mentions-legales"').and.contain('href="/donnees-personnelles"');
    expect(footer).to.contain('href="https://forge.exemple.fr/ensemble">Code source (AGPL)</a>');
  });

  it('states the conformity, the last automated audit, the contact and the recourse', async () => {
    const res = await request(buildApp(t.db)).get('/accessibilite');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('<strong>partiellement conforme</strong>').and.contain('RGAA), version 4.1');
    expect(res.text).to.contain('Défenseur des droits').and.contain('Libre réponse 71120');
    const audit = readAccessibilityAudit();
    expect(audit, 'src/modules/legal/accessibility-audit.json').not.to.equal(null);
    const s = auditSummary(audit!);
    expect(res.text).to.contain(`${s.pages} pages ont été contrôlées`);
  });

  it('has a legal notice naming the licence of the code and of the open data', async () => {
    const res = await request(buildApp(t.db, { OPERATOR_NAME: 'l’Union des Missions Locales de test' })).get('/mentions-legales');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('l’Union des Missions Locales de test').and.contain('AGPL-3.0-or-later').and.contain('Licence Ouverte / Open Licence version 2.0');
  });

  it('gathers every consultation’s personal-data notice', async () => {
    const res = await request(buildApp(t.db)).get('/donnees-personnelles');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Consultation RGPD').and.contain('<strong>uniquement</strong>');
  });

  it('ships the AGPL-3.0 text as LICENSE', () => {
    const text = fs.readFileSync(path.join(PROJECT_ROOT, 'LICENSE'), 'utf8');
    expect(text).to.match(/^GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007/);
    expect(text).to.contain('13. Remote Network Interaction; Use with the GNU General Public License.');
  });
});
