// Light or dark: follows prefers-color-scheme until the user picks one with the toggle.
import { create } from 'zustand';

type Theme = 'light' | 'dark';
const KEY = 'revtops.theme';

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function saved(): Theme | null {
  try {
    const t = localStorage.getItem(KEY);
    return t === 'dark' || t === 'light' ? t : null;
  } catch {
    return null;
  }
}

function apply(theme: Theme) {
  document.documentElement.classList.toggle('dark', theme === 'dark');
}

interface ThemeState {
  theme: Theme;
  toggle: () => void;
}

export const useTheme = create<ThemeState>((set, get) => ({
  theme: saved() ?? systemTheme(),
  toggle: () => {
    const theme: Theme = get().theme === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      /* ignore */
    }
    apply(theme);
    set({ theme });
  },
}));

if (typeof window !== 'undefined' && typeof matchMedia === 'function') {
  apply(useTheme.getState().theme);
  matchMedia('(prefers-color-scheme: dark)').addEventListener?.('change', (e) => {
    if (saved()) return;
    const theme: Theme = e.matches ? 'dark' : 'light';
    apply(theme);
    useTheme.setState({ theme });
  });
}
