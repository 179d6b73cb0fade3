// One record with every field and the records linked to it.
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, errorMessage } from '../lib/api';
import { Button, Link, Notice, Spinner } from '../ui/ui';
import { formatValue, safeUrl, tableView, type TableView } from './tables';

interface Detail { table: string; record: Record<string, unknown>; linked: Record<string, Record<string, unknown>[]> }

const HIDDEN = new Set(['display_title', 'id', 'owner_user_id', 'pipeline_id', 'project_id', 'team_id', 'repository_id', 'account_name']);
/** Foreign keys shown as links to the record they point at. */
const ID_LINKS: Record<string, string> = { account_id: 'accounts', contact_id: 'contacts', deal_id: 'deals', meeting_id: 'meetings' };
const LONG = new Set(['description', 'summary', 'transcript', 'body', 'content_text']);
const DATES = /(_at|_time|_date|_source)$/;

function label(key: string) {
  return key.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

function FieldValue({ k, v, record }: { k: string; v: unknown; record: Record<string, unknown> }) {
  if (ID_LINKS[k] && typeof v === 'string') {
    const name = k === 'account_id' && typeof record.account_name === 'string' ? record.account_name : `Open ${label(k).replace(/ id$/i, '').toLowerCase()}`;
    return <Link to={`/data/${ID_LINKS[k]}/${v}`} className="text-accent hover:underline">{name}</Link>;
  }
  const url = safeUrl(v);
  if (url) return <a href={url} target="_blank" rel="noopener noreferrer" className="break-all text-accent underline">{url}</a>;
  if (LONG.has(k) && typeof v === 'string') return <p className="max-h-96 overflow-y-auto whitespace-pre-wrap break-words">{v}</p>;
  if (v !== null && typeof v === 'object') return <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-words text-xs">{JSON.stringify(v, null, 2)}</pre>;
  if (typeof v === 'string' && DATES.test(k)) return <>{formatValue(v, v.length === 10 ? 'date' : 'datetime')}</>;
  if (k === 'amount' || k === 'annual_revenue') return <>{formatValue(v, 'money')}</>;
  return <>{formatValue(v)}</>;
}

function Linked({ table, rows }: { table: string; rows: Record<string, unknown>[] }) {
  const view = tableView(table);
  const cols = (view?.columns ?? []).slice(0, 3);
  return (
    <section className="rounded-lg border border-line bg-panel" aria-labelledby={`linked-${table}`}>
      <h2 id={`linked-${table}`} className="border-b border-line px-4 py-2 text-sm font-semibold">
        {view?.label ?? table} <span className="font-normal text-muted">({rows.length})</span>
      </h2>
      <ul className="divide-y divide-line">
        {rows.map((r) => (
          <li key={String(r.id)} className="flex flex-wrap items-baseline justify-between gap-x-3 px-4 py-2 text-sm">
            <Link to={`/data/${table}/${r.id}`} className="min-w-0 truncate font-medium text-accent hover:underline">
              {formatValue(r.display_title)}
            </Link>
            <span className="text-xs text-muted">
              {cols.slice(1).map((c) => formatValue(r[c.key], c.format)).filter((s) => s !== '—').join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RecordDetail({ view, id }: { view: TableView; id: string }) {
  const q = useQuery({ queryKey: ['data', view.name, 'record', id], queryFn: () => api<Detail>(`/api/data/${view.name}/${id}`) });
  return (
    <div>
      <Link to={`/data/${view.name}`} className="text-sm text-accent hover:underline">‹ All {view.label.toLowerCase()}</Link>
      {q.isPending ? (
        <div className="mt-4"><Spinner /></div>
      ) : q.isError ? (
        <div className="mt-4">
          {q.error instanceof ApiError && q.error.status === 404 ? (
            <Notice kind="warn" title={`${view.singular} not found`}>It was deleted upstream, or you are not allowed to see it.</Notice>
          ) : (
            <Notice kind="error" title="Could not load this record" action={<Button onClick={() => q.refetch()}>Try again</Button>}>{errorMessage(q.error)}</Notice>
          )}
        </div>
      ) : (
        <div className="mt-3 grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <article className="min-w-0 rounded-lg border border-line bg-panel p-4">
            <p className="text-xs uppercase tracking-wide text-muted">{view.singular}</p>
            <h1 className="mt-0.5 break-words text-xl font-semibold">{formatValue(q.data.record.display_title)}</h1>
            <dl className="mt-4 grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
              {Object.entries(q.data.record)
                .filter(([k, v]) => !HIDDEN.has(k) && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && v && !Array.isArray(v) && Object.keys(v).length === 0))
                .map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="font-medium text-muted">{ID_LINKS[k] ? label(k).replace(/ id$/i, '') : label(k)}</dt>
                    <dd className="min-w-0 break-words"><FieldValue k={k} v={v} record={q.data.record} /></dd>
                  </div>
                ))}
            </dl>
          </article>
          <div className="space-y-4">
            {Object.keys(q.data.linked).length === 0 ? (
              <p className="text-sm text-muted">No linked records.</p>
            ) : (
              Object.entries(q.data.linked).map(([t, rows]) => <Linked key={t} table={t} rows={rows} />)
            )}
          </div>
        </div>
      )}
    </div>
  );
}
