// Live sync progress from `sync_progress` socket events, per provider and stream.
import { create } from 'zustand';
import type { SyncProgressFrame } from '../socket/protocol';

export interface ProviderProgress {
  status: string;
  entities: Record<string, number>;
  lastEntity?: string;
  at: number;
}

interface ProgressState {
  byProvider: Record<string, ProviderProgress>;
  apply: (f: SyncProgressFrame) => void;
  /** The integration list shows the run ended (the socket may not say so). */
  ended: (provider: string, status: string) => void;
  reset: () => void;
}

export const useSyncProgress = create<ProgressState>((set) => ({
  byProvider: {},
  apply: (f) =>
    set((s) => {
      const prev = s.byProvider[f.provider] ?? { status: 'running', entities: {}, at: 0 };
      // entity 'all' (or none) speaks for the whole run: failed or cancelled; otherwise it is one stream
      const runLevel = !f.entity || f.entity === 'all';
      const entities = !runLevel && typeof f.count === 'number' ? { ...prev.entities, [f.entity!]: f.count } : prev.entities;
      const runEnded = runLevel && f.status !== 'running';
      if (runLevel && f.status === 'running') {
        // requested: running until the integration list shows it ended
        return { byProvider: { ...s.byProvider, [f.provider]: { status: 'running', entities: {}, at: Date.now() } } };
      }
      const status = runEnded ? f.status : f.status === 'failed' ? 'failed' : 'running';
      return {
        byProvider: { ...s.byProvider, [f.provider]: { status, entities, lastEntity: runLevel ? prev.lastEntity : f.entity, at: Date.now() } },
      };
    }),
  ended: (provider, status) =>
    set((s) => (s.byProvider[provider] ? { byProvider: { ...s.byProvider, [provider]: { ...s.byProvider[provider], status } } } : s)),
  reset: () => set({ byProvider: {} }),
}));
