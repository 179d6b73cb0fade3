// Every connector this server offers, with its connection status, live sync progress, sharing and actions.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useAuth } from '../auth/store';
import { ApiError, errorMessage } from '../lib/api';
import { relativeTime } from '../lib/format';
import { Badge, Button, ConfirmDialog, Notice, PageHeader, Spinner, inputClass, NotYetAvailable } from '../ui/ui';
import * as rest from './api';
import type { AvailableConnector, Credentials, Integration } from './api';
import { useSyncProgress, type ProviderProgress } from './progress';

type Tone = 'neutral' | 'ok' | 'warn' | 'danger' | 'accent';

export function statusOf(i: Integration | undefined, live: ProviderProgress | undefined): { label: string; tone: Tone } {
  if (!i || i.status === 'disconnected') return { label: 'Not connected', tone: 'neutral' };
  if (i.status === 'needs_reconnect') return { label: 'Needs reconnect', tone: 'danger' };
  if ((live && live.status === 'running') || i.current_run) return { label: 'Syncing', tone: 'accent' };
  if (i.last_error || live?.status === 'failed') return { label: 'Error', tone: 'danger' };
  return { label: 'Connected', tone: 'ok' };
}

/** Records per table: a number (live progress) or {inserted, updated, unchanged, deleted, failed} (a run's report). */
export function countLines(counts: Record<string, unknown>): { table: string; total: number; detail: string }[] {
  const lines: { table: string; total: number; detail: string }[] = [];
  for (const [table, v] of Object.entries(counts ?? {})) {
    if (typeof v === 'number') lines.push({ table, total: v, detail: '' });
    else if (v && typeof v === 'object') {
      const c = v as Record<string, number>;
      const total = (c.inserted ?? 0) + (c.updated ?? 0) + (c.unchanged ?? 0);
      const parts = [c.inserted ? `${c.inserted} new` : '', c.updated ? `${c.updated} updated` : '', c.deleted ? `${c.deleted} deleted` : '', c.failed ? `${c.failed} failed` : '']
        .filter(Boolean);
      lines.push({ table, total, detail: parts.join(', ') });
    }
  }
  return lines.filter((l) => l.total > 0 || l.detail);
}

function Counts({ counts }: { counts: Record<string, unknown> }) {
  const lines = countLines(counts);
  if (lines.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted">
      {lines.map((l) => (
        <li key={l.table} data-testid="sync-count" data-table={l.table}>
          {l.table.replace(/_/g, ' ')}: <span className="font-medium text-ink">{l.total.toLocaleString()}</span>
          {l.detail && <span> ({l.detail})</span>}
        </li>
      ))}
    </ul>
  );
}

function CredentialsForm({ connector, onDone }: { connector: AvailableConnector; onDone: () => void }) {
  const qc = useQueryClient();
  const [creds, setCreds] = useState<Credentials>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields: { key: keyof Credentials; label: string; secret: boolean }[] =
    connector.auth_type === 'api_key'
      ? [{ key: 'api_key', label: 'API key', secret: true }]
      : [
          { key: 'access_token', label: 'Access token', secret: true },
          { key: 'refresh_token', label: 'Refresh token (optional)', secret: true },
        ];
  if (connector.slug === 'salesforce') fields.push({ key: 'instance_url', label: 'Instance URL', secret: false });
  return (
    <form
      className="mt-3 space-y-2 rounded-md border border-line bg-raised/50 p-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await rest.connect(connector.slug, { credentials: creds });
          await qc.invalidateQueries({ queryKey: ['integrations'] });
          onDone();
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <p className="text-xs text-muted">Stored encrypted on this server and never shown again.</p>
      {fields.map((f) => (
        <div key={f.key}>
          <label htmlFor={`${connector.slug}-${f.key}`} className="mb-0.5 block text-xs font-medium">{f.label}</label>
          <input
            id={`${connector.slug}-${f.key}`}
            type={f.secret ? 'password' : 'url'}
            autoComplete="off"
            className={inputClass}
            value={creds[f.key] ?? ''}
            onChange={(e) => setCreds({ ...creds, [f.key]: e.target.value })}
          />
        </div>
      ))}
      {error && <Notice kind="error">{error}</Notice>}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={busy || !Object.values(creds).some((v) => v?.trim())}>Save and connect</Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

function NangoFinish({ connector, link, onDone }: { connector: AvailableConnector; link?: string; onDone: () => void }) {
  const qc = useQueryClient();
  const [id, setId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const finish = async (connectionId: string) => {
    try {
      await rest.finishNango(connector.slug, connectionId);
      await qc.invalidateQueries({ queryKey: ['integrations'] });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  // Nango's connect window tells its opener the new connection id
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const d = e.data as { connectionId?: string; connection_id?: string } | null;
      const cid = d?.connectionId ?? d?.connection_id;
      if (typeof cid === 'string' && cid) void finish(cid);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="mt-3 space-y-2 rounded-md border border-line bg-raised/50 p-3 text-sm">
      <p>
        Finish signing in to {connector.name} in the window that opened
        {link && <> (or <a className="text-accent underline" href={link} target="_blank" rel="noopener noreferrer">open it again</a>)</>}.
      </p>
      <form
        className="flex flex-wrap gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (id.trim()) void finish(id.trim());
        }}
      >
        <label htmlFor={`${connector.slug}-cid`} className="sr-only">Nango connection id</label>
        <input id={`${connector.slug}-cid`} className={`${inputClass} sm:w-64`} placeholder="Connection id (if asked)" value={id} onChange={(e) => setId(e.target.value)} />
        <Button type="submit" disabled={!id.trim()}>Finish</Button>
        <Button variant="ghost" onClick={onDone}>Cancel</Button>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
    </div>
  );
}

function ConnectorCard({ connector, integration }: { connector: AvailableConnector; integration?: Integration }) {
  const qc = useQueryClient();
  const orgId = useAuth((s) => s.orgId)!;
  const isAdmin = useAuth((s) => s.currentOrg()?.role === 'admin');
  const live = useSyncProgress((s) => s.byProvider[connector.slug]);
  const [mode, setMode] = useState<'idle' | 'credentials' | 'nango'>('idle');
  const [nangoLink, setNangoLink] = useState<string | undefined>();
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  // live progress ends when the socket says so, or when the integration list shows the run finished
  const runFinishedAt = integration?.last_run?.finished_at ? Date.parse(integration.last_run.finished_at) : 0;
  // re-check now and then: a run that ended without a last frame reaching this tab must not look running forever
  const [, recheck] = useState(0);
  useEffect(() => {
    if (!live || live.status !== 'running') return;
    const t = setInterval(() => recheck((n) => n + 1), 5_000);
    return () => clearInterval(t);
  }, [live]);
  const liveStale = !!live && live.status === 'running' && !integration?.current_run &&
    (runFinishedAt > live.at || Date.now() - live.at > 15_000);
  useEffect(() => {
    if (liveStale) useSyncProgress.getState().ended(connector.slug, integration?.last_run?.status ?? 'completed');
  }, [liveStale, connector.slug, integration?.last_run?.status]);
  const status = statusOf(integration, liveStale ? undefined : live);
  const connectedNow = !!integration && integration.status !== 'disconnected';
  const mayManage = connector.scope === 'user' || isAdmin;
  const refresh = () => qc.invalidateQueries({ queryKey: ['integrations'] });

  async function startConnect() {
    setMessage(null);
    if (connector.auth_type === 'none') {
      setBusy(true);
      try {
        await rest.connect(connector.slug, {});
        await refresh();
      } catch (e) {
        setMessage({ kind: 'error', text: errorMessage(e) });
      } finally {
        setBusy(false);
      }
      return;
    }
    if (connector.nango_provider) {
      try {
        const s = await rest.connectSession(connector.slug);
        setNangoLink(s.connect_link);
        if (s.connect_link) window.open(s.connect_link, 'revtops-connect', 'width=520,height=720');
        setMode('nango');
        return;
      } catch (e) {
        // without Nango on this server, credentials are entered here instead
        if (!(e instanceof ApiError && e.status === 400)) {
          setMessage({ kind: 'error', text: errorMessage(e) });
          return;
        }
      }
    }
    setMode('credentials');
  }

  async function run(action: () => Promise<unknown>, ok?: string) {
    setBusy(true);
    setMessage(null);
    try {
      await action();
      if (ok) setMessage({ kind: 'ok', text: ok });
      await refresh();
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  const liveEntities = live && live.status === 'running' && !liveStale ? live.entities : null;
  return (
    <li className="flex flex-col rounded-xl border border-line bg-panel p-4" data-testid={`connector-${connector.slug}`}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="font-semibold">{connector.name}</h2>
          <p className="text-xs text-muted">
            {connector.scope === 'user' ? 'Personal connection' : 'Whole organization'} · {connector.capabilities.join(', ') || 'built in'}
          </p>
        </div>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      {connectedNow && (
        <div className="mt-2 text-sm">
          {liveEntities ? (
            <div aria-live="polite" data-testid="sync-progress">
              <p className="flex items-center gap-2 text-accent">
                <span aria-hidden className="h-2 w-2 animate-pulse rounded-full bg-accent" />
                Syncing{live?.lastEntity ? ` ${live.lastEntity}` : ''}…
              </p>
              <Counts counts={liveEntities} />
            </div>
          ) : integration?.current_run ? (
            <div aria-live="polite">
              <p className="text-accent">Sync running since {relativeTime(integration.current_run.started_at)}</p>
              <Counts counts={integration.current_run.counts} />
            </div>
          ) : (
            <p className="text-muted">
              {!connector.capabilities.includes('sync')
                ? 'Penny uses it on demand.'
                : integration?.last_sync_at ? `Last synced ${relativeTime(integration.last_sync_at)}` : 'Not synced yet'}
            </p>
          )}
          {!liveEntities && integration?.last_run && <Counts counts={integration.last_run.counts} />}
          {integration?.status === 'needs_reconnect' ? (
            <Notice kind="error" title={`Reconnect ${connector.name}`}>
              {integration.last_error ?? 'The connection was revoked or expired.'} Connect again to resume syncing.
            </Notice>
          ) : integration?.last_error ? (
            <p className="mt-1 text-xs text-danger">Last error: {integration.last_error}</p>
          ) : null}
        </div>
      )}
      {connectedNow && integration && connector.scope === 'user' && (
        <fieldset className="mt-3 space-y-1 text-sm">
          <legend className="text-xs font-medium text-muted">Sharing with teammates</legend>
          {([
            ['share_synced_data', 'Teammates see the synced records'],
            ['share_query_access', 'Teammates’ Penny may read through this connection'],
            ['share_write_access', 'Teammates’ Penny may write through this connection'],
          ] as const).map(([k, label]) => (
            <label key={k} className="flex items-center gap-2">
              <input type="checkbox" checked={integration[k]} disabled={busy} onChange={(e) => run(() => rest.share(integration.id, { [k]: e.target.checked }))} />
              {label}
            </label>
          ))}
        </fieldset>
      )}
      {message && <div className="mt-2"><Notice kind={message.kind}>{message.text}</Notice></div>}
      {mode === 'credentials' && <CredentialsForm connector={connector} onDone={() => setMode('idle')} />}
      {mode === 'nango' && <NangoFinish connector={connector} link={nangoLink} onDone={() => setMode('idle')} />}
      <div className="mt-auto flex flex-wrap gap-2 pt-3">
        {!mayManage ? (
          <p className="text-xs text-muted">An administrator connects this for the organization.</p>
        ) : !connectedNow ? (
          <Button variant="primary" disabled={busy || mode !== 'idle'} onClick={startConnect}>Connect</Button>
        ) : (
          <>
            {connector.capabilities.includes('sync') && (
              <Button
                disabled={busy || status.label === 'Syncing' || integration?.status === 'needs_reconnect'}
                onClick={() =>
                  run(async () => {
                    const r = await rest.syncNow(orgId, connector.slug);
                    if (r.status === 'already_syncing') throw new Error('A sync is already queued or running.');
                    useSyncProgress.getState().apply({ type: 'sync_progress', provider: connector.slug, status: 'running' });
                  }, 'Sync started.')
                }
              >
                Sync now
              </Button>
            )}
            {integration?.status === 'needs_reconnect' && (
              <Button variant="primary" disabled={busy || mode !== 'idle'} onClick={startConnect}>Reconnect</Button>
            )}
            <Button variant="ghost" disabled={busy} onClick={() => setConfirm(true)}>Disconnect</Button>
          </>
        )}
      </div>
      <ConfirmDialog
        open={confirm}
        title={`Disconnect ${connector.name}?`}
        body="Its credentials are deleted and a running sync stops. Records already synced stay, following the sharing rules."
        confirmLabel="Disconnect"
        onCancel={() => setConfirm(false)}
        onConfirm={() => {
          setConfirm(false);
          if (integration) void run(() => rest.disconnect(integration.id), `${connector.name} was disconnected.`);
        }}
      />
    </li>
  );
}

export default function IntegrationsScreen() {
  const orgId = useAuth((s) => s.orgId)!;
  const isAdmin = useAuth((s) => s.currentOrg()?.role === 'admin');
  const available = useQuery({ queryKey: ['integrations', 'available'], queryFn: rest.available });
  const live = useSyncProgress((s) => Object.values(s.byProvider).some((p) => p.status === 'running'));
  const connected = useQuery({
    queryKey: ['integrations', 'connected'],
    queryFn: rest.connected,
    // while a sync runs, its counts move: look more often
    refetchInterval: (q) => (live || (q.state.data ?? []).some((i) => i.current_run) ? 2_000 : 30_000),
  });
  const [note, setNote] = useState<string | null>(null);
  const byProvider = useMemo(() => {
    const m = new Map<string, Integration>();
    for (const i of connected.data ?? []) if (!m.has(i.provider) || i.status !== 'disconnected') m.set(i.provider, i);
    return m;
  }, [connected.data]);

  if (available.isPending) return <div className="p-6"><Spinner /></div>;
  if (available.isError) {
    return (
      <div className="mx-auto max-w-6xl p-4 sm:p-6">
        <PageHeader title="Integrations" />
        {available.error instanceof ApiError && available.error.status === 404 ? (
          <NotYetAvailable what="Integrations" />
        ) : (
          <Notice kind="error" title="Integrations could not be loaded" action={<Button onClick={() => available.refetch()}>Try again</Button>}>
            {errorMessage(available.error)}
          </Notice>
        )}
      </div>
    );
  }
  const list = [...available.data].sort((a, b) => Number(b.connected) - Number(a.connected) || a.name.localeCompare(b.name));
  return (
    <div className="mx-auto max-w-6xl p-4 sm:p-6">
      <PageHeader
        title="Integrations"
        subtitle="Connect the systems Penny reads from and acts on. Syncs run every hour and on demand."
        actions={
          isAdmin && byProvider.size > 0 ? (
            <Button
              onClick={async () => {
                try {
                  const r = await rest.syncAll(orgId);
                  setNote(`${r.syncs.length} sync${r.syncs.length === 1 ? '' : 's'} started.`);
                } catch (e) {
                  setNote(errorMessage(e));
                }
              }}
            >
              Sync everything
            </Button>
          ) : undefined
        }
      />
      {note && <div className="mb-3"><Notice>{note}</Notice></div>}
      {connected.isError && <div className="mb-3"><Notice kind="error">Connection status could not be loaded: {errorMessage(connected.error)}</Notice></div>}
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {list.map((c) => <ConnectorCard key={c.slug} connector={c} integration={byProvider.get(c.slug)} />)}
      </ul>
    </div>
  );
}
