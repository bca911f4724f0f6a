import { expect } from 'chai';
import { usersPolicy } from '../../src/modules/users/policy';
import { auditPolicy } from '../../src/modules/audit/policy';
import type { Actor, Role } from '../../src/shared/actor';
import { currentEntry } from '../../src/navigation';

const actor = (role: Role, id = 1): Actor => ({ id, role, email: `${role}@x.test`, displayName: role, structureId: null });

describe('Role policies', () => {
  it('lets only the DSI manage accounts and read the audit log', () => {
    for (const role of ['contributeur', 'ambassadeur'] as const) {
      expect(usersPolicy.canList(actor(role))).to.equal(false);
      expect(usersPolicy.canCreate(actor(role))).to.equal(false);
      expect(auditPolicy.canBrowse(actor(role))).to.equal(false);
    }
    expect(usersPolicy.canList(null)).to.equal(false);
    expect(usersPolicy.canList(actor('dsi'))).to.equal(true);
    expect(auditPolicy.canBrowse(actor('dsi'))).to.equal(true);
  });

  it('decides on the object: no self-deactivation, no reset of an inactive account', () => {
    const dsi = actor('dsi', 7);
    expect(usersPolicy.canDeactivate(dsi, { id: 7, role: 'dsi', active: true })).to.equal(false);
    expect(usersPolicy.canDeactivate(dsi, { id: 8, role: 'contributeur', active: true })).to.equal(true);
    expect(usersPolicy.canResetPassword(dsi, { id: 8, role: 'contributeur', active: false })).to.equal(false);
    expect(usersPolicy.canReactivate(dsi, { id: 8, role: 'contributeur', active: false })).to.equal(true);
  });

  it('shows a profile to its owner and to the DSI only', () => {
    expect(usersPolicy.canViewProfile(actor('contributeur', 3), { id: 3 })).to.equal(true);
    expect(usersPolicy.canViewProfile(actor('ambassadeur', 4), { id: 3 })).to.equal(false);
    expect(usersPolicy.canViewProfile(actor('dsi', 5), { id: 3 })).to.equal(true);
    expect(usersPolicy.canViewProfile(null, { id: 3 })).to.equal(false);
  });
});

describe('Main navigation', () => {
  it('marks one entry as current: the deepest one that contains the page', () => {
    const items = [
      { href: '/', label: 'Accueil' },
      { href: '/consultations', label: 'Consultations' },
      { href: '/admin/consultations', label: 'Gérer' },
      { href: '/consolidation', label: 'Consolidation' },
    ];
    expect(currentEntry(items, '/')).to.equal('/');
    expect(currentEntry(items, '/consultations/x')).to.equal('/consultations');
    expect(currentEntry(items, '/admin/consultations/x/calendrier')).to.equal('/admin/consultations');
    expect(currentEntry(items, '/consolidation')).to.equal('/consolidation');
  });

  it('names the section one is in when the address lives under another one', () => {
    const staff = [
      { href: '/', label: 'Accueil' },
      { href: '/consultations', label: 'Consultations' },
      { href: '/contributions', label: 'Contributions' },
      { href: '/consolidation', label: 'Consolidation' },
      { href: '/priorisation', label: 'Priorisation' },
    ];
    expect(currentEntry(staff, '/consultations/x/consolidation/a-traiter')).to.equal('/consolidation');
    expect(currentEntry(staff, '/consultations/x/besoins')).to.equal('/consolidation');
    expect(currentEntry(staff, '/consolidees/3')).to.equal('/consolidation');
    expect(currentEntry(staff, '/besoins/3')).to.equal('/consolidation');
    expect(currentEntry(staff, '/consultations/x/contributions')).to.equal('/contributions');
    expect(currentEntry(staff, '/priorisations/2/resultats')).to.equal('/priorisation');
    expect(currentEntry(staff, '/consultations/x')).to.equal('/consultations');
    // A section missing from the person's menu: the address's own parent, as before.
    const visitor = [{ href: '/', label: 'Accueil' }, { href: '/consultations', label: 'Consultations' }];
    expect(currentEntry(visitor, '/consultations/x/besoins')).to.equal('/consultations');
    const contributor = [...visitor, { href: '/mes-contributions', label: 'Mes contributions' }];
    expect(currentEntry(contributor, '/contributions/12')).to.equal('/mes-contributions');
  });
});
