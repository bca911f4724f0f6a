import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/config';

/**
 * Landed migrations are append-only (Ghost's integrity test, adapted): each migration file's SHA-256
 * is recorded in migrations/CHECKSUMS. Editing a landed migration fails here; a new migration must
 * be added to the list on purpose.
 */
describe('Migrations are append-only', () => {
  const dir = path.join(PROJECT_ROOT, 'migrations');
  const recorded = new Map(
    fs
      .readFileSync(path.join(dir, 'CHECKSUMS'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => {
        const [sum, file] = l.trim().split(/\s+/);
        return [file!, sum!] as const;
      }),
  );
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();

  it('records every migration file', () => {
    expect(files.filter((f) => !recorded.has(f)), 'add new migrations to migrations/CHECKSUMS').to.deep.equal([]);
    expect([...recorded.keys()].filter((f) => !files.includes(f)), 'a landed migration was removed').to.deep.equal([]);
  });

  it('never changes a landed migration', () => {
    for (const f of files) {
      const sum = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex');
      expect(sum, `${f} was edited after landing: write a new migration instead`).to.equal(recorded.get(f));
    }
  });

  it('names migrations with a timestamp so that they apply in order', () => {
    for (const f of files) expect(f).to.match(/^\d{14}_[a-z0-9_]+\.ts$/);
  });
});
