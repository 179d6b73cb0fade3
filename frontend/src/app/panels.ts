// Which side panels are open (navigation on small screens, Pending changes).
import { create } from 'zustand';

interface Panels {
  pendingOpen: boolean;
  navOpen: boolean;
  openPending: () => void;
  closePending: () => void;
  togglePending: () => void;
  setNav: (open: boolean) => void;
}

export const usePanels = create<Panels>((set) => ({
  pendingOpen: false,
  navOpen: false,
  openPending: () => set({ pendingOpen: true }),
  closePending: () => set({ pendingOpen: false }),
  togglePending: () => set((s) => ({ pendingOpen: !s.pendingOpen })),
  setNav: (navOpen) => set({ navOpen }),
}));
