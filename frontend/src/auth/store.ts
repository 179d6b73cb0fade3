// Who is signed in, with which token, acting in which organization. Persisted in localStorage.
import { create } from 'zustand';
import type { Me, Membership } from '../lib/types';

const KEY = 'revtops.session';

interface Saved { token: string; expiresAt: string | null; me: Me; orgId: string | null }

export interface AuthState {
  token: string | null;
  expiresAt: string | null;
  me: Me | null;
  orgId: string | null;
  /** Why the user was signed out (shown on the sign-in screen). */
  notice: string | null;
  signIn: (token: string, expiresAt: string | null, me: Me) => void;
  updateMe: (me: Me) => void;
  selectOrg: (orgId: string) => void;
  signOut: () => void;
  /** The server refused the token: back to sign-in with a reason. */
  expire: () => void;
  currentOrg: () => Membership | null;
}

function load(): Saved | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Saved;
    if (s.expiresAt && Date.parse(s.expiresAt) < Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

function save(s: Saved | null) {
  try {
    if (s) localStorage.setItem(KEY, JSON.stringify(s));
    else localStorage.removeItem(KEY);
  } catch {
    // private mode: the session lives until the tab closes
  }
}

/** The organization to act in: the saved one if the user still belongs to it, else the first active team. */
export function pickOrg(me: Me, wanted: string | null): string | null {
  const active = me.organizations.filter((o) => o.status === 'active');
  if (wanted && active.some((o) => o.id === wanted)) return wanted;
  return (active.find((o) => !o.is_personal) ?? active[0])?.id ?? null;
}

const initial = load();

export const useAuth = create<AuthState>((set, get) => ({
  token: initial?.token ?? null,
  expiresAt: initial?.expiresAt ?? null,
  me: initial?.me ?? null,
  orgId: initial ? pickOrg(initial.me, initial.orgId) : null,
  notice: null,
  signIn: (token, expiresAt, me) => {
    const orgId = pickOrg(me, get().orgId ?? localStorage.getItem('revtops.lastOrg'));
    save({ token, expiresAt, me, orgId });
    set({ token, expiresAt, me, orgId, notice: null });
  },
  updateMe: (me) => {
    const { token, expiresAt } = get();
    const orgId = pickOrg(me, get().orgId);
    if (token) save({ token, expiresAt, me, orgId });
    set({ me, orgId });
  },
  selectOrg: (orgId) => {
    const { token, expiresAt, me } = get();
    if (!me || !me.organizations.some((o) => o.id === orgId)) return;
    if (token) save({ token, expiresAt, me, orgId });
    try {
      localStorage.setItem('revtops.lastOrg', orgId);
    } catch {
      /* ignore */
    }
    set({ orgId });
  },
  signOut: () => {
    save(null);
    set({ token: null, expiresAt: null, me: null, orgId: null, notice: null });
  },
  expire: () => {
    save(null);
    set({ token: null, expiresAt: null, me: null, orgId: null, notice: 'Your session ended. Sign in again to continue.' });
  },
  currentOrg: () => {
    const { me, orgId } = get();
    return me?.organizations.find((o) => o.id === orgId) ?? null;
  },
}));
