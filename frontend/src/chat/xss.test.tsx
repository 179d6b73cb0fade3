import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { Blocks } from './Blocks';
import { renderMarkdown } from '../lib/markdown';
import { Snippet } from '../search/SearchScreen';

const PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 1">',
  '<a href="javascript:window.__pwned=1">click</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload="window.__pwned=1"></svg>',
];

describe('untrusted text never becomes markup', () => {
  it('shows HTML in a message as text, not elements', () => {
    const { container } = render(<Blocks blocks={PAYLOADS.map((p) => ({ type: 'text', text: `Subject: ${p}` }))} />);
    expect(container.querySelector('script, img, iframe, svg')).toBeNull();
    expect(container.querySelector('[onerror], [onload]')).toBeNull();
    expect(container.textContent).toContain('<script>window.__pwned = 1</script>');
    expect(container.textContent).toContain('<img src=x onerror="window.__pwned = 1">');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('keeps Markdown formatting while refusing dangerous links', () => {
    const html = renderMarkdown('**bold** | [ok](https://acme.com) [bad](javascript:alert(1)) [data](data:text/html,<b>x</b>)');
    const div = document.createElement('div');
    div.innerHTML = html;
    expect(div.querySelector('strong')?.textContent).toBe('bold');
    const links = [...div.querySelectorAll('a')];
    expect(links.find((a) => a.textContent === 'ok')?.getAttribute('href')).toBe('https://acme.com');
    expect(links.find((a) => a.textContent === 'ok')?.getAttribute('rel')).toBe('noopener noreferrer');
    for (const a of links.filter((l) => l.textContent !== 'ok')) expect(a.getAttribute('href') ?? '').not.toMatch(/^(javascript|data):/i);
  });

  it('renders tables and code from Markdown', () => {
    const html = renderMarkdown('| Deal | Amount |\n|---|---|\n| Acme | 10 |\n\n```sql\nSELECT 1\n```');
    const div = document.createElement('div');
    div.innerHTML = html;
    expect(div.querySelectorAll('td')).toHaveLength(2);
    expect(div.querySelector('pre code')?.textContent).toContain('SELECT 1');
  });

  it('shows a tool’s input and result as text', () => {
    render(
      <Blocks blocks={[{ type: 'tool_use', id: 'u', name: 'search', status: 'completed', status_text: '<b>Searching</b>', input: { q: '<img src=x onerror=alert(1)>' } }]} />,
    );
    expect(screen.getByText('<b>Searching</b>')).toBeTruthy();
    screen.getByRole('button').click();
    expect(document.querySelector('img')).toBeNull();
  });

  it('highlights search snippets without interpreting other tags', () => {
    const { container } = render(<Snippet text={'Re: <mark>pricing</mark> <img src=x onerror=alert(1)>'} terms={['pricing']} />);
    expect(container.querySelector('mark')?.textContent).toBe('pricing');
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('turns the server\'s «marks» into highlights and shows no guillemets', () => {
    const { container } = render(<Snippet text={'A «22»% «discount» <script>alert(1)</script>'} terms={['22%', 'discount']} />);
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['22', 'discount']);
    expect(container.textContent).toBe('A 22% discount <script>alert(1)</script>');
    expect(container.querySelector('script')).toBeNull();
  });
});
