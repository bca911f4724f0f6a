import http from 'node:http';
import net from 'node:net';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { freshDb, type TestDb } from '../support/db';
import { buildApp, csrfFrom, makeUser } from '../support/app';
import { logIn, sleep, WebClient } from '../support/server-process';
import { makeConsultation, makeStructure } from '../support/factories';
import { isPostgres } from '../../src/shared/db';
import { createWriteBatcher, type WriteBatcher } from '../../src/shared/write-batcher';

const SLUG = 'consultation-en-rafale';
const CLIENTS = 8;

/**
 * Many staff members submit at the same instant through the real form (issue 13, item 1): the writer
 * groups their contributions into shared commits. Every acknowledged one is stored exactly once with
 * its audit line; one the database refuses fails alone, with its French message and the text kept; a
 * client that hangs up never leaves a contribution without its audit line, nor the reverse.
 */
describe('Staff submit contributions all at once: grouped commits, each one stored exactly once', function () {
  this.timeout(120_000);
  let t: TestDb;
  let writer: WriteBatcher;
  let server: http.Server;
  let url: string;
  let themeId: number;
  let consultationId: number;
  const clients: Array<{ client: WebClient; token: string; userId: number }> = [];
  const run = crypto.randomBytes(4).toString('hex');

  before(async () => {
    t = await freshDb();
    const structureId = await makeStructure(t.db, { name: 'Mission Locale de Nîmes' });
    const c = await makeConsultation(t.db, { slug: SLUG, title: 'Consultation en rafale', contributions_open: true }, { themes: [{ code: 'T1', title: 'Outils', position: 0 }] });
    [consultationId, themeId] = [c.id, c.themes.T1!];
    // Group commit on both engines here (PostgreSQL's default is one transaction per unit), with a
    // window of 20 ms: the requests of one burst land in the same batches.
    writer = createWriteBatcher(t.db, { mode: 'batch', windowMs: 20 });
    const app = buildApp(t.db, { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' }, { writer });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (let i = 0; i < CLIENTS; i++) {
      const user = await makeUser(t.db, 'contributeur', { structureId });
      const client = new WebClient(url);
      await logIn(client, user.email);
      const form = await client.get(`/consultations/${SLUG}/contribuer`);
      clients.push({ client, token: csrfFrom(form.text), userId: user.id });
    }
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.destroy();
  });

  const submit = (i: number, body: string) =>
    clients[i % CLIENTS]!.client.postForm(`/consultations/${SLUG}/contributions`, { _csrf: clients[i % CLIENTS]!.token, themeId: String(themeId), body });

  /** Stored contributions whose text starts with `prefix`, by text, with their audit lines. */
  async function stored(prefix: string) {
    const rows: Array<{ id: number; body: string; author_id: number }> = await t.db('raw_contributions').where('consultation_id', consultationId).andWhere('body', 'like', `${prefix}%`).select('id', 'body', 'author_id');
    const audits: Array<{ object_id: string }> = await t.db('audit_log').where({ action: 'contribution.submit', consultation_id: consultationId }).select('object_id');
    const audited = new Set(audits.map((a) => Number(a.object_id)));
    return { rows, unaudited: rows.filter((r) => !audited.has(Number(r.id))).map((r) => r.body) };
  }

  it('stores every acknowledged contribution of a burst exactly once, with its audit line, in fewer commits than requests', async () => {
    const before = { ...writer.stats };
    const N = 48;
    const bodies = Array.from({ length: N }, (_, i) => `Rafale ${run} n° ${i} : un outil de suivi plus simple.`);
    const replies = await Promise.all(bodies.map((body, i) => submit(i, body)));

    expect(replies.map((r) => r.status)).to.deep.equal(bodies.map(() => 303));
    const { rows, unaudited } = await stored(`Rafale ${run}`);
    expect(rows.map((r) => r.body).sort()).to.deep.equal([...bodies].sort());
    expect(unaudited).to.deep.equal([]);
    for (const r of rows) expect(Number(r.author_id)).to.equal(clients[bodies.indexOf(r.body) % CLIENTS]!.userId);
    // Each answer names its own contribution.
    const ids = replies.map((r) => Number(/n° (\d+)/.exec(decodeURIComponent(String(r.headers['set-cookie'] ?? '')))?.[1] ?? 0));
    expect(writer.stats.units - before.units).to.equal(N);
    expect(writer.stats.batches - before.batches).to.be.lessThan(N);
    expect(ids.length).to.equal(N);
  });

  it('refuses alone the one contribution the database rejects, with its French message and the text kept; the others of the burst are stored', async () => {
    // A rule of the schema that refuses one text: the way to make one row of a batch fail.
    if (isPostgres(t.db)) {
      await t.db.raw(`CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN IF NEW.body LIKE '%POISON%' THEN RAISE EXCEPTION 'refusé' USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await t.db.raw('CREATE TRIGGER refuse_poison BEFORE INSERT ON raw_contributions FOR EACH ROW EXECUTE FUNCTION refuse_poison()');
    } else {
      await t.db.raw(`CREATE TRIGGER refuse_poison BEFORE INSERT ON raw_contributions WHEN NEW.body LIKE '%POISON%' BEGIN SELECT RAISE(ABORT, 'refusé'); END`);
    }
    try {
      const before = { ...writer.stats };
      const bodies = Array.from({ length: 16 }, (_, i) => (i === 7 ? `Lot ${run} : POISON dans le texte.` : `Lot ${run} n° ${i} : une remarque sur les outils.`));
      const replies = await Promise.all(bodies.map((body, i) => submit(i, body)));

      expect(replies.map((r) => r.status)).to.deep.equal(bodies.map((_, i) => (i === 7 ? 422 : 303)));
      const refused = replies[7]!.text;
      expect(refused).to.contain('n’a pas pu être enregistrée');
      expect(refused).to.contain(`Lot ${run} : POISON dans le texte.`);
      const { rows, unaudited } = await stored(`Lot ${run}`);
      expect(rows.map((r) => r.body).sort()).to.deep.equal(bodies.filter((_, i) => i !== 7).sort());
      expect(unaudited).to.deep.equal([]);
      // The refused one shared its commit with others: fewer batches than requests.
      expect(writer.stats.batches - before.batches).to.be.lessThan(bodies.length);
    } finally {
      await t.db.raw('DROP TRIGGER refuse_poison' + (isPostgres(t.db) ? ' ON raw_contributions' : ''));
      if (isPostgres(t.db)) await t.db.raw('DROP FUNCTION refuse_poison()');
    }
  });

  it('never leaves half a submission when clients hang up, before or after sending their whole form', async () => {
    const port = (server.address() as AddressInfo).port;
    /** Sends the form raw and hangs up: after the whole body, or halfway through it. */
    const hangUp = (i: number, body: string, whole: boolean) =>
      new Promise<void>((resolve) => {
        const { client, token } = clients[i % CLIENTS]!;
        const form = new URLSearchParams({ _csrf: token, themeId: String(themeId), body }).toString();
        const head = `POST /consultations/${SLUG}/contributions HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${client.cookieHeader}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(form)}\r\n\r\n`;
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(head + (whole ? form : form.slice(0, Math.floor(form.length / 2))), () => {
            socket.destroy();
            resolve();
          });
        });
        socket.on('error', () => resolve());
      });
    const whole = Array.from({ length: 16 }, (_, i) => `Raccroche ${run} entier n° ${i} : une idée.`);
    const half = Array.from({ length: 8 }, (_, i) => `Raccroche ${run} moitié n° ${i} : une idée.`);
    await Promise.all([...whole.map((b, i) => hangUp(i, b, true)), ...half.map((b, i) => hangUp(i, b, false))]);
    // Whatever the server had started finishes: wait until the writer is idle and the rows stop changing.
    let previous = -1;
    for (let stable = 0, i = 0; stable < 3 && i < 100; i++) {
      await sleep(100);
      const n = (await stored(`Raccroche ${run}`)).rows.length;
      stable = n === previous && writer.pending() === 0 ? stable + 1 : 0;
      previous = n;
    }

    const { rows, unaudited } = await stored(`Raccroche ${run}`);
    expect(unaudited, 'contribution sans sa ligne de journal').to.deep.equal([]);
    const byBody = new Map<string, number>();
    for (const r of rows) byBody.set(r.body, (byBody.get(r.body) ?? 0) + 1);
    expect([...byBody.values()].every((n) => n === 1), 'enregistrée deux fois').to.equal(true);
    expect(rows.filter((r) => r.body.includes('moitié')).map((r) => r.body), 'formulaire incomplet enregistré').to.deep.equal([]);
    const orphans = await t.db('audit_log as a')
      .leftJoin('raw_contributions as r', 'r.id', t.db.raw('CAST(a.object_id AS INTEGER)'))
      .where({ 'a.action': 'contribution.submit', 'a.consultation_id': consultationId })
      .whereNull('r.id')
      .count({ n: '*' })
      .first();
    expect(Number(orphans?.n), 'ligne de journal sans sa contribution').to.equal(0);
  });
});
