import { describe, expect, it } from 'vitest';
import { pickOrg, useAuth } from './store';
import type { Me } from '../lib/types';

const me: Me = {
  user: { id: 'u1', email: 'ada@acme.com' },
  organizations: [
    { id: 'personal', name: 'Ada', handle: 'ada', is_personal: true, role: 'admin', status: 'active' },
    { id: 'acme', name: 'Acme', handle: 'acme', is_personal: false, role: 'member', status: 'active' },
    { id: 'old', name: 'Old', handle: 'old', is_personal: false, role: 'member', status: 'deactivated' },
  ],
};

describe('auth store', () => {
  it('acts in the team organization first, and never in one the user left', () => {
    expect(pickOrg(me, null)).toBe('acme');
    expect(pickOrg(me, 'personal')).toBe('personal');
    expect(pickOrg(me, 'old')).toBe('acme');
  });

  it('keeps the session across reloads and switches organizations', () => {
    useAuth.getState().signIn('tok', new Date(Date.now() + 60_000).toISOString(), me);
    expect(JSON.parse(localStorage.getItem('revtops.session')!).token).toBe('tok');
    useAuth.getState().selectOrg('personal');
    expect(useAuth.getState().orgId).toBe('personal');
    useAuth.getState().selectOrg('not-mine');
    expect(useAuth.getState().orgId).toBe('personal');
  });

  it('signs out with a reason when the server refuses the token', () => {
    useAuth.getState().signIn('tok', null, me);
    useAuth.getState().expire();
    expect(useAuth.getState().token).toBeNull();
    expect(useAuth.getState().notice).toMatch(/Sign in again/);
    expect(localStorage.getItem('revtops.session')).toBeNull();
  });
});
