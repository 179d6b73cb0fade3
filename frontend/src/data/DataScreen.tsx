// The data browser: synced tables with search, filters, date range, sort and paging, and a record page with
// the records linked to it. Everything shown is text (React escapes it); only http(s) addresses become links.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError, api, errorMessage } from '../lib/api';
import { navigate, useRoute } from '../app/router';
import { Button, Link, Notice, PageHeader, Spinner, inputClass, NotYetAvailable } from '../ui/ui';
import { RecordDetail } from './RecordDetail';
import { TABLES, formatValue, tableView, type TableView } from './tables';

export interface RowsPage { table: string; rows: Record<string, unknown>[]; total: number; limit: number; offset: number }

const PAGE = 50;

function useParamsState(search: string) {
  const p = new URLSearchParams(search);
  return Object.fromEntries(p.entries());
}

function Tabs({ active }: { active: string }) {
  return (
    <div className="-mx-1 mb-4 overflow-x-auto">
      <nav aria-label="Tables" className="flex min-w-max gap-1 px-1">
        {TABLES.map((t) => (
          <Link
            key={t.name}
            to={`/data/${t.name}`}
            aria-current={t.name === active ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ${t.name === active ? 'bg-accent text-accent-ink' : 'bg-panel text-ink hover:bg-raised border border-line'}`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}

function Filters({ view, params, set }: { view: TableView; params: Record<string, string>; set: (p: Record<string, string>) => void }) {
  const [q, setQ] = useState(params.q ?? '');
  useEffect(() => setQ(params.q ?? ''), [params.q]);
  useEffect(() => {
    const t = setTimeout(() => {
      if ((params.q ?? '') !== q) set({ ...params, q, offset: '' });
    }, 300);
    return () => clearTimeout(t);
  }, [q]); // eslint-disable-line react-hooks/exhaustive-deps
  const sortable = view.columns.filter((c) => c.sort);
  const [open, setOpen] = useState(false);
  const active = Object.entries(params).filter(([k, v]) => v && k !== 'offset' && k !== 'q').length;
  return (
    <form className="mb-3 grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-end" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
      <div className="col-span-2 flex items-end gap-2 sm:w-64">
        <div className="min-w-0 flex-1">
          <label htmlFor="data-q" className="mb-0.5 block text-xs font-medium text-muted">Search</label>
          <input id="data-q" type="search" className={inputClass} placeholder={`Search ${view.label.toLowerCase()}`} value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <Button className="sm:hidden" aria-expanded={open} aria-controls="data-filters" onClick={() => setOpen(!open)}>
          Filters{active ? ` (${active})` : ''}
        </Button>
      </div>
      <div id="data-filters" className={`${open ? 'grid' : 'hidden'} col-span-2 grid-cols-2 gap-2 sm:contents`}>
      {view.filters.map((f) => (
        <div key={f.key} className="sm:w-40">
          <label htmlFor={`f-${f.key}`} className="mb-0.5 block text-xs font-medium text-muted">{f.label}</label>
          {f.kind === 'select' ? (
            <select id={`f-${f.key}`} className={inputClass} value={params[f.key] ?? ''} onChange={(e) => set({ ...params, [f.key]: e.target.value, offset: '' })}>
              <option value="">Any</option>
              {f.options!.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          ) : (
            <input
              id={`f-${f.key}`}
              className={inputClass}
              defaultValue={params[f.key] ?? ''}
              key={params[f.key] ?? ''}
              onBlur={(e) => e.target.value !== (params[f.key] ?? '') && set({ ...params, [f.key]: e.target.value, offset: '' })}
              onKeyDown={(e) => e.key === 'Enter' && set({ ...params, [f.key]: (e.target as HTMLInputElement).value, offset: '' })}
            />
          )}
        </div>
      ))}
      <div className="sm:w-40">
        <label htmlFor="f-from" className="mb-0.5 block text-xs font-medium text-muted">{view.dateLabel} from</label>
        <input id="f-from" type="date" className={inputClass} value={params.from ?? ''} onChange={(e) => set({ ...params, from: e.target.value, offset: '' })} />
      </div>
      <div className="sm:w-40">
        <label htmlFor="f-to" className="mb-0.5 block text-xs font-medium text-muted">{view.dateLabel} to</label>
        <input id="f-to" type="date" className={inputClass} value={params.to ?? ''} onChange={(e) => set({ ...params, to: e.target.value, offset: '' })} />
      </div>
      <div className="sm:w-44">
        <label htmlFor="f-sort" className="mb-0.5 block text-xs font-medium text-muted">Sort by</label>
        <select id="f-sort" className={inputClass} value={params.sort ?? ''} onChange={(e) => set({ ...params, sort: e.target.value, offset: '' })}>
          <option value="">Default</option>
          {sortable.map((c) => <option key={c.sort} value={c.sort}>{c.label}</option>)}
        </select>
      </div>
      <div className="sm:w-32">
        <label htmlFor="f-order" className="mb-0.5 block text-xs font-medium text-muted">Order</label>
        <select id="f-order" className={inputClass} value={params.order ?? ''} onChange={(e) => set({ ...params, order: e.target.value, offset: '' })}>
          <option value="">Default</option>
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
      </div>
      {Object.entries(params).some(([k, v]) => v && k !== 'offset') && (
        <Button variant="ghost" className="col-span-2 sm:col-span-1" onClick={() => set({})}>Clear filters</Button>
      )}
      </div>
    </form>
  );
}

function Rows({ view, params }: { view: TableView; params: Record<string, string> }) {
  const offset = Number(params.offset ?? 0) || 0;
  const query = useQuery({
    queryKey: ['data', view.name, params],
    queryFn: ({ signal }) => api<RowsPage>(`/api/data/${view.name}`, { query: { ...params, limit: PAGE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
  const setOffset = (o: number) => navigate(`/data/${view.name}?${new URLSearchParams({ ...params, offset: String(o) })}`, { replace: true });
  if (query.isPending) return <Spinner />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotYetAvailable what="The data browser" />;
    return (
      <Notice kind="error" title={`${view.label} could not be loaded`} action={<Button onClick={() => query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Notice>
    );
  }
  const { rows, total } = query.data;
  if (rows.length === 0) {
    return (
      <Notice title={`No ${view.label.toLowerCase()} match`}>
        {Object.keys(params).length ? 'Change or clear the filters.' : `Nothing is synced yet: connect a source on the Integrations page.`}
      </Notice>
    );
  }
  return (
    <div>
      {/* phones: one card per row, the title and the other columns on a line under it */}
      <ul className="divide-y divide-line rounded-lg border border-line bg-panel sm:hidden">
        {rows.map((r) => (
          <li key={String(r.id)} className="px-3 py-2 text-sm">
            <Link to={`/data/${view.name}/${r.id}`} className="font-medium text-accent">
              {formatValue(r[view.columns[0].key] ?? r.display_title, view.columns[0].format)}
            </Link>
            <p className="mt-0.5 truncate text-xs text-muted">
              {view.columns.slice(1).map((c) => formatValue(r[c.key], c.format)).filter((v) => v !== '—').join(' · ')}
            </p>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-lg border border-line bg-panel sm:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{view.label}</caption>
          <thead className="bg-raised text-xs uppercase tracking-wide text-muted">
            <tr>
              {view.columns.map((c) => <th key={c.key} scope="col" className="whitespace-nowrap px-3 py-2 font-medium">{c.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r.id)} className="border-t border-line hover:bg-raised/60">
                {view.columns.map((c, i) => (
                  <td key={c.key} className={`px-3 py-2 ${i === 0 ? 'font-medium' : 'text-muted'} max-w-[22rem] truncate`}>
                    {i === 0 ? (
                      <Link to={`/data/${view.name}/${r.id}`} className="text-accent hover:underline">
                        {formatValue(r[c.key] ?? r.display_title, c.format)}
                      </Link>
                    ) : (
                      formatValue(r[c.key], c.format)
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-sm">
        <span className="text-muted" aria-live="polite">
          {(offset + 1).toLocaleString()}–{(offset + rows.length).toLocaleString()} of {total.toLocaleString()}
          {query.isFetching && ' · updating…'}
        </span>
        <span className="flex gap-2">
          <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Previous</Button>
          <Button disabled={offset + rows.length >= total} onClick={() => setOffset(offset + PAGE)}>Next</Button>
        </span>
      </nav>
    </div>
  );
}

export default function DataScreen({ table, recordId }: { table: string; recordId: string | null }) {
  const search = useRoute((s) => s.search);
  const params = useParamsState(search);
  const view = tableView(table);
  if (!view) {
    return (
      <div className="p-6">
        <Notice kind="warn" title="No such table" action={<Button onClick={() => navigate('/data')}>Show accounts</Button>}>
          “{table}” is not one of the browsable tables.
        </Notice>
      </div>
    );
  }
  const set = (p: Record<string, string>) => {
    const clean = Object.fromEntries(Object.entries(p).filter(([, v]) => v));
    const qs = new URLSearchParams(clean).toString();
    navigate(`/data/${view.name}${qs ? `?${qs}` : ''}`, { replace: true });
  };
  return (
    <div className="mx-auto max-w-7xl p-4 sm:p-6">
      {recordId ? (
        <RecordDetail view={view} id={recordId} />
      ) : (
        <>
          <PageHeader title="Data" subtitle="Everything synced from your connected systems, as you are allowed to see it." />
          <Tabs active={view.name} />
          <Filters view={view} params={params} set={set} />
          <Rows view={view} params={params} />
        </>
      )}
    </div>
  );
}
