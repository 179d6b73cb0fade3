import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { PendingPanel } from './PendingPanel';
import { usePending } from './store';
import { usePanels } from '../app/panels';
import { route } from '../socket/store';

const change = {
  id: 'p1',
  session_id: 's1',
  conversation_id: 'c1',
  connector: 'hubspot',
  operation: 'update_deal',
  preview: 'Move “Acme expansion” to Closed won',
  params: { stage: 'closedwon', amount: 120000 },
  diff: [{ field: 'stage', before: 'negotiation', after: 'closedwon' }],
  status: 'pending',
};

function json(body: unknown, status = 200) {
  return Promise.resolve(new Response(JSON.stringify(body), { status }));
}

describe('Pending changes panel', () => {
  beforeEach(() => {
    usePending.getState().reset();
    usePanels.setState({ pendingOpen: true });
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows a change with its field diff, edits it and approves it', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = String(input);
      if (url === '/api/pending-changes' && (!init?.method || init.method === 'GET')) return json([change]);
      if (url === '/api/pending-changes/p1' && init?.method === 'PATCH') return json({ ...change, params: JSON.parse(String(init.body)).params });
      if (url === '/api/pending-changes/p1/approve') return json({ ...change, status: 'completed', result: { summary: 'Deal updated in HubSpot' } });
      return json({ error: { code: 'not_found', message: 'no' } }, 404);
    });
    render(<PendingPanel />);
    const card = await screen.findByTestId('pending-change');
    expect(within(card).getByText('Move “Acme expansion” to Closed won')).toBeTruthy();
    const row = within(card).getByRole('row', { name: /stage/ });
    expect(row.textContent).toContain('negotiation');
    expect(row.textContent).toContain('closedwon');

    fireEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    fireEvent.change(within(card).getByLabelText('amount'), { target: { value: '125000' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(usePending.getState().changes.p1.params).toEqual({ stage: 'closedwon', amount: 125000 }));

    // the form closes once the edit is saved
    fireEvent.click(await within(card).findByRole('button', { name: 'Approve' }));
    // the card decided here stays in view with its outcome, without its buttons
    expect(await within(card).findByText(/Deal updated in HubSpot/)).toBeTruthy();
    expect(usePending.getState().changes.p1.status).toBe('completed');
    expect(within(card).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(fetch.mock.calls.map((c) => `${c[1]?.method ?? 'GET'} ${c[0]}`)).toContain('POST /api/pending-changes/p1/approve');
  });

  it('updates live from socket events', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => json([]));
    render(<PendingPanel />);
    await screen.findByText(/Nothing waits for your approval/);
    act(() => route({ kind: 'frame', frame: { type: 'pending_change', pending_change: change } }, () => {}));
    expect(await screen.findByTestId('pending-change')).toBeTruthy();
    act(() => route({ kind: 'frame', frame: { type: 'pending_change', pending_change: { ...change, status: 'rejected' } } }, () => {}));
    await waitFor(() => expect(screen.queryByTestId('pending-change')).toBeNull());
  });

  it('says so when this server has no approvals yet', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => json({ error: { code: 'not_found', message: 'No such endpoint' } }, 404));
    render(<PendingPanel />);
    expect(await screen.findByText('Not available on this server yet')).toBeTruthy();
  });
});
