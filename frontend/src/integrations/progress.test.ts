import { beforeEach, describe, expect, it } from 'vitest';
import { useSyncProgress } from './progress';

describe('sync progress store', () => {
  beforeEach(() => useSyncProgress.getState().reset());

  it('tracks counts per stream while a sync runs, and its failure', () => {
    const apply = useSyncProgress.getState().apply;
    apply({ type: 'sync_progress', provider: 'hubspot', entity: 'accounts', count: 100, status: 'running' });
    apply({ type: 'sync_progress', provider: 'hubspot', entity: 'accounts', count: 250, status: 'completed' });
    apply({ type: 'sync_progress', provider: 'hubspot', entity: 'deals', count: 40, status: 'running' });
    let p = useSyncProgress.getState().byProvider.hubspot;
    expect(p.status).toBe('running');
    expect(p.entities).toEqual({ accounts: 250, deals: 40 });
    expect(p.lastEntity).toBe('deals');
    apply({ type: 'sync_progress', provider: 'hubspot', entity: 'all', count: 290, status: 'failed' });
    p = useSyncProgress.getState().byProvider.hubspot;
    expect(p.status).toBe('failed');
    expect(p.entities).toEqual({ accounts: 250, deals: 40 });
  });
});

describe('sync counts', async () => {
  const { countLines } = await import('./IntegrationsScreen');
  it('sums a run report per table and names what changed', () => {
    expect(
      countLines({
        deals: { inserted: 3, updated: 1, unchanged: 10, deleted: 0, failed: 0, warnings: 0 },
        goals: { inserted: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0 },
        contacts: 42,
      }),
    ).toEqual([
      { table: 'deals', total: 14, detail: '3 new, 1 updated' },
      { table: 'contacts', total: 42, detail: '' },
    ]);
  });
});
