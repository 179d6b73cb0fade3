import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RecordDetail } from './RecordDetail';
import { tableView } from './tables';

const SUBJECT = 'Pricing <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

describe('synced data is shown as text', () => {
  afterEach(() => vi.restoreAllMocks());

  it('renders an email whose subject and body carry HTML without creating any element from them', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(
        JSON.stringify({
          table: 'activities',
          record: { id: 'a1', display_title: SUBJECT, subject: SUBJECT, description: '<iframe src="https://evil.example"></iframe>', web_url: 'javascript:alert(1)' },
          linked: { contacts: [{ id: 'c1', display_title: '<b>Jane</b>', email: 'jane@acme.com' }] },
        }),
        { status: 200 },
      ),
    );
    const { container } = render(
      <QueryClientProvider client={new QueryClient()}>
        <RecordDetail view={tableView('activities')!} id="a1" />
      </QueryClientProvider>,
    );
    expect(await screen.findByRole('heading', { level: 1 })).toHaveProperty('textContent', SUBJECT);
    expect(container.querySelector('img, script, iframe, b')).toBeNull();
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
    expect(container.textContent).toContain('<iframe src="https://evil.example"></iframe>');
    expect(container.textContent).toContain('<b>Jane</b>');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
