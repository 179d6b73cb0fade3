// A small history-API router: the path is state; links push it; the server answers every app path with index.html.
import { create } from 'zustand';

interface RouteState {
  path: string;
  search: string;
  navigate: (to: string, opts?: { replace?: boolean }) => void;
}

const current = () => ({ path: window.location.pathname, search: window.location.search });

export const useRoute = create<RouteState>((set) => ({
  ...current(),
  navigate: (to, opts) => {
    if (to === window.location.pathname + window.location.search) return;
    if (opts?.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    set(current());
    window.scrollTo?.(0, 0);
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => useRoute.setState(current()));
}

/** Matches '/data/:table/:id' against a path; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function navigate(to: string, opts?: { replace?: boolean }) {
  useRoute.getState().navigate(to, opts);
}

export function searchParams(): URLSearchParams {
  return new URLSearchParams(useRoute.getState().search);
}
