import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeFromEvent, diffRows, openCount, usePending } from './store';
import { useAuth } from '../auth/store';

function respond(status: number, body: unknown) {
  return Promise.resolve(new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
}

describe('pending changes store', () => {
  beforeEach(() => {
    usePending.getState().reset();
    useAuth.setState({ token: 'tok', orgId: 'org-1' });
  });
  afterEach(() => vi.restoreAllMocks());

  it('loads the open changes and counts them', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(() =>
      respond(200, [
        { id: 'p1', status: 'pending', preview: 'Update deal' },
        { id: 'p2', status: 'executed' },
      ]),
    );
    await usePending.getState().load();
    expect(usePending.getState().available).toBe(true);
    expect(openCount(usePending.getState().changes)).toBe(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/pending-changes');
    expect((init!.headers as Record<string, string>)['X-Organization-Id']).toBe('org-1');
    expect((init!.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it('says approvals are not available when the server has no such endpoint', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => respond(404, { error: { code: 'not_found', message: 'No endpoint' } }));
    await usePending.getState().load();
    expect(usePending.getState().available).toBe(false);
    expect(usePending.getState().error).toBeNull();
  });

  it('approves one change and shows the outcome the server returns', async () => {
    usePending.getState().upsert({ id: 'p1', status: 'pending' });
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(() => respond(200, { id: 'p1', status: 'completed', result: { summary: 'Deal updated' } }));
    await usePending.getState().approve('p1');
    expect(fetch.mock.calls[0][0]).toBe('/api/pending-changes/p1/approve');
    expect(usePending.getState().changes.p1).toMatchObject({ status: 'completed', result: { summary: 'Deal updated' } });
    expect(openCount(usePending.getState().changes)).toBe(0);
  });

  it('sends edited parameters before approval', async () => {
    usePending.getState().upsert({ id: 'p1', status: 'pending', params: { amount: 1 } });
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(() => respond(200, { id: 'p1', status: 'pending', params: { amount: 2 } }));
    await usePending.getState().edit('p1', { amount: 2 });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/pending-changes/p1');
    expect(init!.method).toBe('PATCH');
    expect(JSON.parse(String(init!.body))).toEqual({ params: { amount: 2 } });
  });

  it('keeps a failure visible', async () => {
    usePending.getState().upsert({ id: 'p1', status: 'pending' });
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => respond(409, { error: { code: 'conflict', message: 'Already decided' } }));
    await expect(usePending.getState().approve('p1')).rejects.toThrow('Already decided');
    expect(usePending.getState().error).toBe('Already decided');
  });

  it('reads a change from socket events and diffs in either shape', () => {
    expect(changeFromEvent({ type: 'pending_change', pending_change: { id: 'x', status: 'pending' } })?.id).toBe('x');
    expect(changeFromEvent({ type: 'pending_change', id: 'y', status: 'approved' })?.id).toBe('y');
    expect(changeFromEvent({ type: 'pending_change' })).toBeNull();
    expect(diffRows({ id: 'a', status: 'pending', diff: { amount: { before: 1, after: 2 } } })).toEqual([{ field: 'amount', before: 1, after: 2 }]);
  });
});
