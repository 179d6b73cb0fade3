// Hybrid search (keyword + meaning) over emails, meetings, messages, notes and files, with highlighted snippets.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError, api, errorMessage } from '../lib/api';
import { Highlighted } from '../lib/markdown';
import { dateTime } from '../lib/format';
import { navigate, useRoute } from '../app/router';
import { Badge, Button, Link, Notice, PageHeader, Spinner, inputClass, NotYetAvailable } from '../ui/ui';
import { safeUrl } from '../data/tables';

export interface SearchResult { id: string; type: string; date?: string; title?: string; snippet?: string; score?: number; link?: string }
interface SearchPage { results: SearchResult[]; total: number }

const TYPES = [
  { value: 'email', label: 'Emails' },
  { value: 'meeting', label: 'Meetings' },
  { value: 'call', label: 'Calls' },
  { value: 'note', label: 'Notes' },
  { value: 'slack_message', label: 'Slack' },
  { value: 'message', label: 'Chats' },
  { value: 'file', label: 'Files' },
];
const PAGE = 20;

/**
 * A snippet as text: the server marks matched words «like this» (docs/search.md; guillemets in the text itself
 * arrive as quotes) or, from older servers, with <mark>…</mark>; only those marks become highlights, anything else
 * (including other tags) stays literal text. Without marks, the query's words are highlighted.
 */
export function Snippet({ text, terms }: { text: string; terms: string[] }) {
  const marks = text.includes('«') ? /«|»/ : /<mark>/i.test(text) ? /<mark>|<\/mark>/i : null;
  if (!marks) return <Highlighted text={text} terms={terms} />;
  const parts = text.split(marks);
  return <>{parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : <span key={i}>{p}</span>))}</>;
}

function ResultLink({ r, children }: { r: SearchResult; children: React.ReactNode }) {
  if (r.link?.startsWith('/')) return <Link to={r.link} className="text-accent hover:underline">{children}</Link>;
  const url = safeUrl(r.link);
  if (url) return <a href={url} target="_blank" rel="noopener noreferrer" className="text-accent hover:underline">{children}</a>;
  return <span>{children}</span>;
}

export default function SearchScreen() {
  const search = useRoute((s) => s.search);
  const params = Object.fromEntries(new URLSearchParams(search).entries());
  const [text, setText] = useState(params.q ?? '');
  useEffect(() => setText(params.q ?? ''), [params.q]);
  const types = (params.types ?? '').split(',').filter(Boolean);
  const offset = Number(params.offset ?? 0) || 0;
  const set = (p: Record<string, string>) => {
    const clean = Object.fromEntries(Object.entries(p).filter(([, v]) => v));
    navigate(`/search?${new URLSearchParams(clean)}`, { replace: true });
  };
  const q = params.q?.trim() ?? '';
  const result = useQuery({
    queryKey: ['search', params],
    enabled: q.length > 0,
    queryFn: ({ signal }) => api<SearchPage>('/api/search', { query: { q, types: params.types, from: params.from, to: params.to, account_id: params.account_id, limit: PAGE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
  const terms = q.split(/\s+/);

  return (
    <div className="mx-auto max-w-4xl p-4 sm:p-6">
      <PageHeader title="Search" subtitle="Finds by words and by meaning across emails, meetings, calls, notes, Slack, chats and files." />
      <form
        role="search"
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          set({ ...params, q: text.trim(), offset: '' });
        }}
      >
        <label htmlFor="search-q" className="sr-only">Search for</label>
        <input id="search-q" type="search" className={inputClass} placeholder="e.g. pricing objections from Acme" value={text} onChange={(e) => setText(e.target.value)} autoFocus />
        <Button type="submit" variant="primary">Search</Button>
      </form>
      <fieldset className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <legend className="sr-only">Kinds of record</legend>
        {TYPES.map((t) => (
          <label key={t.value} className="flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={types.includes(t.value)}
              onChange={(e) => {
                const next = e.target.checked ? [...types, t.value] : types.filter((x) => x !== t.value);
                set({ ...params, types: next.join(','), offset: '' });
              }}
            />
            {t.label}
          </label>
        ))}
        <label className="flex items-center gap-1.5">
          From <input type="date" className="rounded border border-line bg-panel px-1.5 py-0.5" value={params.from ?? ''} onChange={(e) => set({ ...params, from: e.target.value, offset: '' })} />
        </label>
        <label className="flex items-center gap-1.5">
          To <input type="date" className="rounded border border-line bg-panel px-1.5 py-0.5" value={params.to ?? ''} onChange={(e) => set({ ...params, to: e.target.value, offset: '' })} />
        </label>
      </fieldset>
      <div className="mt-5">
        {!q ? (
          <p className="text-sm text-muted">Type what you are looking for. Filters narrow the kinds of record and the dates.</p>
        ) : result.isPending ? (
          <Spinner label="Searching" />
        ) : result.isError ? (
          result.error instanceof ApiError && result.error.status === 404 ? (
            <NotYetAvailable what="Search" />
          ) : (
            <Notice kind="error" title="Search failed" action={<Button onClick={() => result.refetch()}>Try again</Button>}>{errorMessage(result.error)}</Notice>
          )
        ) : result.data.results.length === 0 ? (
          <Notice title="Nothing found">Try other words, fewer filters, or a wider date range.</Notice>
        ) : (
          <>
            <p className="mb-2 text-sm text-muted" aria-live="polite">{result.data.total.toLocaleString()} results</p>
            <ol className="space-y-3">
              {result.data.results.map((r) => (
                <li key={`${r.type}:${r.id}`} className="rounded-lg border border-line bg-panel p-3">
                  <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
                    <Badge>{r.type.replace('_', ' ')}</Badge>
                    {r.date && <span>{dateTime(r.date)}</span>}
                  </div>
                  <p className="mt-1 font-medium"><ResultLink r={r}>{r.title || 'Untitled'}</ResultLink></p>
                  {r.snippet && <p className="mt-1 text-sm text-muted"><Snippet text={r.snippet} terms={terms} /></p>}
                </li>
              ))}
            </ol>
            <nav aria-label="Pages" className="mt-4 flex justify-end gap-2">
              <Button disabled={offset === 0} onClick={() => set({ ...params, offset: String(Math.max(0, offset - PAGE)) })}>Previous</Button>
              <Button disabled={offset + result.data.results.length >= result.data.total} onClick={() => set({ ...params, offset: String(offset + PAGE) })}>Next</Button>
            </nav>
          </>
        )}
      </div>
    </div>
  );
}
