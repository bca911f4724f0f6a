import { expect } from 'chai';
import { seedDemo } from '../../seeds/demo';
import { freshDb, type TestDb } from '../support/db';
import { demoFingerprint } from '../support/demo-fingerprint';

/**
 * The operator loads the demo and gets, table by table, exactly the rows recorded here (count and
 * SHA-256 in primary-key order, the moments of the load left out: test/support/demo-fingerprint.ts).
 * Recorded before the seed was split into a plan and one writer per owning module (issue 10, item 5),
 * identical on SQLite and PostgreSQL; issue 12 added the continuous intake and the 2025 prioritisation,
 * drawn from their own generator so that every other table kept its rows. A deliberate change to the demo's content updates this list;
 * any other change to it means the seed no longer writes what it wrote.
 */
const EXPECTED: Readonly<Record<string, readonly [number, string]>> = {
  ambassador_applications: [24, '9f96d3f11973cff11a151d9bda38a9f2bc87f5fadbe335a0997061f6b85dc7f1'],
  ambassador_themes: [28, '8706b043706420d3136720170958dcf1e3cd86547c4b92b5a3e0f13ceb4eec29'],
  // Issue 12 (word cloud, map): the content's word_cloud column (none chosen), the edition's snapshot
  // with the map of the regions, and the publication's audit entry that records them.
  audit_log: [2, '5894a6704d8e598f227816295bca81544566419305a7772c91bbb4314ca6d71a'],
  // Issue 11 added plan_id (null for the demo) to consolidated contributions and links.
  consolidated_contributions: [300, '678c441b90218499fa8b25889fa223d4a6156c5aa25e4863b7ee75613e02b60c'],
  consolidation_links: [999, '23c9b03b059791acfb726904dac7b8b0b2ef0eac15496f8631fd8c39915a947f'],
  consolidation_plans: [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  consultation_phases: [6, 'ea9766f1bc3f320292aaa7260155cf666b5d7ba52214d5ffa0a69bbeb1d9a156'],
  // Issue 15: the data notice says who sees an anonymous contribution's author and structure.
  consultations: [1, 'fdd88654a4847b66fb33f32fbb356ea7dfa148077b11a4599e0bbbb3916396df'],
  contribution_extracts: [12, 'd64e638b6fdc1670b7d1b5707fff6e820b3da9add931ea37dda9d9adcb289ebc'],
  // The follow-up since the publication (issue 12): statuses recorded, current states, capacity per stream.
  followup_capacities: [24, '6e7bfa7a2df2fdf04c64ab072e7e6802985d19fac749a45bf8aa828ea1674250'],
  followup_changes: [316, '5f21e484da89b146b29fbbfbecb4d275467a28057060fa8d50fd4ef0564cb8f1'],
  followup_current: [159, 'e190ecf6b82fc9b3808f9e062511c4c73e7106bc00009f4e459090388353c903'],
  functional_proposals: [159, '792549a6bbc42e3a329e8f4f24eb59a7879b7784ca206e608ac869d46d2d63ef'],
  import_runs: [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  login_throttle: [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  need_comments: [20, 'd6531e6f43e1fdc9a2cb8506f2a9df20d87e061ae6f7f7d66c4b985d81786645'],
  need_supports: [314, '7f0f793078535a1aaf48d47855f8c635896e86378f5005b5bfd74e21855e1dc5'],
  // Issue 14 (email): the demo writes no mail, no preference, no reset link.
  notification_preferences: [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  outbox_mails: [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  password_resets: [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  needs: [88, 'd5e5fb51d6c6f9f634f52f7594235ab9445ccb9cf6826c0a2f7b0b0d5d26936a'],
  // Issue 12: the closed 2025 prioritisation, 420 ballots.
  prioritisation_ballots: [420, '2f3fe39c6c3f767b132a0afdae90db6ccd8c216e3e679dc8311a731a3eddfa56'],
  prioritisation_lines: [1189, '22e2de4c97af29979de0bd04b84994ca23732ae9f44b92cdfa02a4953f92d1d2'],
  prioritisation_steps: [1, '9c9bc089102de14392379de39563f518d1aab4a9434a83396ac5429064970149'],
  // Issue 12: the column « continuous_intake » (false for the 1 091 of the consultation) and the 12
  // remontées continues sent after publication.
  // Issue 15: the column « submitted_day_only » (false for all of them: no demo row is an imported bare date).
  raw_contributions: [1103, '3b6e4b68a0e9c4876d579e9778e7c1745c0c79da3fd0252c040a48e8850d76a9'],
  representative_quotes: [227, '749ef037ea1023f47682baacfee0f7feb6e93d83d0cefa2e8f41dd8f64cced93'],
  sessions: [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  // Similarity learns from the demo lazily, on its first suggestion: nothing at load.
  similarity_associations: [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  similarity_glossary: [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  similarity_state: [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  structures: [60, 'bfb34334ca6478643998760db472b88ca6fd8a2e87922e4e531e6c963c69e191'],
  themes: [7, 'df01a2e546917e45b94591cf3a865b273c3443b805c03a8f9a85e6b5670b0905'],
  users: [850, 'c5590f59d5aecdbbb4e0430f9736e63937a7d0bdd2f829f32f6b3a1740be023c'],
  // Issue 15: the editorial text names its figures ({{ateliers}}…); the edition's snapshot draws the
  // funnel with the proposals beside it and places contributions where they were said.
  whitepaper_content: [1, 'e523c9ed39c70cff33329cff73f8d45b0c0a1bf78bd68e9c170210096a4d12de'],
  whitepaper_draft_pdfs: [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  whitepaper_editions: [1, '1a1ff299df7556495b3e29d51016619bdce9b38a2ffa7adb549202812dfed55a'],
  whitepaper_publications: [1, 'dda67adf7daa81099ac8d784223f93af546982945771fe2a5d58144c6044f80f'],
  whitepaper_theme_intros: [7, '26c616d63e1d662338bd64b931434d8e48ba3bacb8dd83ec12e04d0ca3a103f4'],
  workshop_registrations: [833, '4d85e5636556e881f699e7dd8f5087348238b78c142cd167a6d2f29e16a12e0e'],
  workshop_themes: [181, 'e049e164c24c705e167350bf9a48c8d67749d788f76c6ee3b3fb0e4f097e9332'],
  workshops: [84, 'b92b56b25e5604628b3e468423a2d8311b606abd84993d5894b99eb0b9ba98a4'],
  // The word clouds' cache is filled when a cloud is first read: nothing at load.
  word_clouds: [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
};

describe('The operator loads the very same demo, table by table', function () {
  this.timeout(180_000);
  let t: TestDb;

  before(async () => {
    t = await freshDb();
  });
  after(async () => {
    await t?.destroy();
  });

  it('writes the recorded rows in every table', async () => {
    // Act
    await seedDemo(t.db);
    // Assert
    const actual = Object.fromEntries(Object.entries(await demoFingerprint(t.db)).map(([table, f]) => [table, [f.rows, f.sha256]]));
    expect(actual).to.deep.equal(EXPECTED);
  });
});
