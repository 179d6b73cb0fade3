// Pending changes (SPEC §5): external writes waiting for a person. Loaded by REST, kept live by socket events.
import { create } from 'zustand';
import { api, ApiError, errorMessage } from '../lib/api';

export interface FieldDiff { field: string; before: unknown; after: unknown }

export interface PendingChange {
  id: string;
  conversation_id?: string;
  /** The change session (GET /api/pending-changes: session_id). */
  session_id?: string;
  tool?: string;
  connector?: string;
  operation?: string;
  params?: Record<string, unknown>;
  preview?: string;
  diff?: FieldDiff[] | Record<string, { before?: unknown; after?: unknown }>;
  warnings?: string[];
  status: string;
  /** What the executed write returned: {summary, source_id, vendor_response, local_copy, …}. */
  result?: { summary?: string } & Record<string, unknown>;
  error?: string;
  created_at?: string;
}

export function diffRows(c: PendingChange): FieldDiff[] {
  if (!c.diff) return [];
  if (Array.isArray(c.diff)) return c.diff;
  return Object.entries(c.diff).map(([field, v]) => ({ field, before: v?.before, after: v?.after }));
}

export const isOpen = (c: PendingChange) => c.status === 'pending';

/** One line saying how an executed change went. */
export function outcomeText(c: PendingChange): string | null {
  if (!c.result || c.error) return null;
  return typeof c.result.summary === 'string' && c.result.summary ? c.result.summary : 'Done.';
}

interface PendingState {
  /** null until the first load; false when this server has no approvals endpoint yet. */
  available: boolean | null;
  changes: Record<string, PendingChange>;
  loading: boolean;
  error: string | null;
  busy: Record<string, boolean>;
  load: () => Promise<void>;
  upsert: (c: PendingChange) => void;
  approve: (id: string) => Promise<void>;
  reject: (id: string) => Promise<void>;
  edit: (id: string, params: Record<string, unknown>) => Promise<void>;
  commitAll: (sessionId: string) => Promise<void>;
  discardAll: (sessionId: string) => Promise<void>;
  reset: () => void;
}

function listOf(v: unknown): PendingChange[] {
  if (Array.isArray(v)) return v as PendingChange[];
  const o = v as Record<string, unknown> | undefined;
  const inner = o?.pending_changes ?? o?.changes ?? o?.items;
  return Array.isArray(inner) ? (inner as PendingChange[]) : [];
}

/** The change inside a pending_change socket frame or chunk, whatever key it came under. */
export function changeFromEvent(ev: Record<string, unknown>): PendingChange | null {
  const c = (ev.pending_change ?? ev.change ?? ev.operation ?? ev.data ?? ev) as Record<string, unknown>;
  return c && typeof c.id === 'string' && typeof c.status === 'string' ? (c as unknown as PendingChange) : null;
}

export const usePending = create<PendingState>((set, get) => {
  async function act(id: string, path: string, method: 'POST' | 'PATCH', body?: unknown) {
    set((s) => ({ busy: { ...s.busy, [id]: true }, error: null }));
    try {
      const r = await api<unknown>(path, { method, body });
      const updated = r && typeof r === 'object' && 'id' in (r as object) ? (r as PendingChange) : null;
      if (updated) get().upsert(updated);
      else await get().load();
    } catch (e) {
      set({ error: errorMessage(e) });
      throw e;
    } finally {
      set((s) => ({ busy: { ...s.busy, [id]: false } }));
    }
  }
  return {
    available: null,
    changes: {},
    loading: false,
    error: null,
    busy: {},
    load: async () => {
      set({ loading: true });
      try {
        const r = await api<unknown>('/api/pending-changes');
        const changes: Record<string, PendingChange> = {};
        for (const c of listOf(r)) changes[c.id] = c;
        set({ changes, available: true, error: null });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) set({ available: false, error: null });
        else set({ error: errorMessage(e) });
      } finally {
        set({ loading: false });
      }
    },
    upsert: (c) => set((s) => ({ available: true, changes: { ...s.changes, [c.id]: { ...s.changes[c.id], ...c } } })),
    approve: (id) => act(id, `/api/pending-changes/${id}/approve`, 'POST'),
    reject: (id) => act(id, `/api/pending-changes/${id}/reject`, 'POST'),
    edit: (id, params) => act(id, `/api/pending-changes/${id}`, 'PATCH', { params }),
    commitAll: async (sessionId) => {
      await act(sessionId, `/api/change-sessions/${sessionId}/commit`, 'POST');
      await get().load();
    },
    discardAll: async (sessionId) => {
      await act(sessionId, `/api/change-sessions/${sessionId}/discard`, 'POST');
      await get().load();
    },
    reset: () => set({ available: null, changes: {}, error: null, busy: {} }),
  };
});

export function openCount(changes: Record<string, PendingChange>): number {
  return Object.values(changes).filter(isOpen).length;
}
