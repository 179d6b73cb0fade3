// The Pending Changes panel: every external write Penny proposed, waiting for a person (SPEC §5).
import { useEffect, useMemo, useRef, useState } from 'react';
import { usePanels } from '../app/panels';
import { match, useRoute } from '../app/router';
import { display, pretty, relativeTime } from '../lib/format';
import { Badge, Button, ConfirmDialog, Notice, Spinner, inputClass, NotYetAvailable } from '../ui/ui';
import { Icon } from '../ui/icons';
import { diffRows, isOpen, outcomeText, usePending, type PendingChange } from './store';

const STATUS_TONE: Record<string, 'warn' | 'ok' | 'danger' | 'neutral' | 'accent'> = {
  pending: 'warn', approved: 'accent', executing: 'accent', executed: 'ok', completed: 'ok', succeeded: 'ok',
  rejected: 'neutral', discarded: 'neutral', expired: 'neutral', failed: 'danger',
};

/** A diff value: numbers the same way on both sides, even when the proposal carries one as text ("123456"). */
function diffValue(v: unknown, other: unknown): string {
  const numeric = (x: unknown) => typeof x === 'number' || (typeof x === 'string' && /^-?\d+(\.\d+)?$/.test(x.trim()));
  if (typeof v === 'string' && numeric(v) && numeric(other)) return display(Number(v));
  return display(v);
}

function EditForm({ change, onDone }: { change: PendingChange; onDone: () => void }) {
  const edit = usePending((s) => s.edit);
  const entries = Object.entries(change.params ?? {});
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
  );
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="mt-2 space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const params: Record<string, unknown> = {};
        for (const [k, original] of entries) {
          const raw = values[k];
          if (typeof original === 'string') params[k] = raw;
          else {
            try {
              params[k] = JSON.parse(raw);
            } catch {
              setError(`“${k}” must be valid JSON (it was ${typeof original}).`);
              return;
            }
          }
        }
        try {
          await edit(change.id, params);
          onDone();
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      {entries.map(([k, v]) => (
        <div key={k}>
          <label htmlFor={`p-${change.id}-${k}`} className="block text-xs font-medium text-muted">{k}</label>
          {typeof v === 'string' && v.length < 80 ? (
            <input id={`p-${change.id}-${k}`} className={inputClass} value={values[k]} onChange={(e) => setValues({ ...values, [k]: e.target.value })} />
          ) : (
            <textarea id={`p-${change.id}-${k}`} rows={3} className={inputClass} value={values[k]} onChange={(e) => setValues({ ...values, [k]: e.target.value })} />
          )}
        </div>
      ))}
      {error && <Notice kind="error">{error}</Notice>}
      <div className="flex gap-2">
        <Button type="submit" variant="primary">Save changes</Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

function ChangeCard({ change, onDecide }: { change: PendingChange; onDecide: (id: string) => void }) {
  const { approve, reject, busy } = usePending();
  const [editing, setEditing] = useState(false);
  const [showParams, setShowParams] = useState(false);
  const rows = diffRows(change);
  const open = isOpen(change);
  const isBusy = !!busy[change.id];
  const title = change.preview || [change.connector, change.operation].filter(Boolean).join(' · ') || change.tool || 'Change';
  return (
    <li className="rounded-lg border border-line bg-panel p-3 text-sm" data-testid="pending-change">
      <div className="flex items-start justify-between gap-2">
        <p className="min-w-0 flex-1 whitespace-pre-wrap break-words font-medium">{title}</p>
        <span data-testid="change-status"><Badge tone={STATUS_TONE[change.status] ?? 'neutral'}>{change.status}</Badge></span>
      </div>
      <p className="mt-0.5 text-xs text-muted">
        {[change.connector, change.operation].filter(Boolean).join(' · ')}
        {change.created_at ? ` · ${relativeTime(change.created_at)}` : ''}
      </p>
      {(change.warnings ?? []).map((w, i) => (
        <p key={i} className="mt-1 text-xs text-warn">⚠ {w}</p>
      ))}
      {rows.length > 0 && (
        <table className="mt-2 w-full table-fixed text-xs">
          <caption className="sr-only">Fields that change</caption>
          <thead>
            <tr className="text-left text-muted">
              <th scope="col" className="w-1/4 pb-1 font-medium">Field</th>
              <th scope="col" className="pb-1 font-medium">Now</th>
              <th scope="col" className="pb-1 font-medium">After</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.field} className="border-t border-line align-top">
                <th scope="row" className="py-1 pr-2 text-left font-medium break-words">{r.field}</th>
                <td className="py-1 pr-2 break-words text-danger line-through decoration-danger/50">{diffValue(r.before, r.after)}</td>
                <td className="py-1 break-words text-ok">{diffValue(r.after, r.before)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {change.params && !editing && (
        <button type="button" className="mt-2 text-xs text-accent underline" aria-expanded={showParams} onClick={() => setShowParams(!showParams)}>
          {showParams ? 'Hide parameters' : 'Show parameters'}
        </button>
      )}
      {showParams && !editing && <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-words rounded bg-raised p-2 text-xs">{pretty(change.params)}</pre>}
      {editing && <EditForm change={change} onDone={() => setEditing(false)} />}
      {change.error && <p className="mt-2 text-xs text-danger">Failed: {change.error}</p>}
      {outcomeText(change) && (
        <p className="mt-2 text-xs text-ok" data-testid="change-outcome">✓ {outcomeText(change)}</p>
      )}
      {open && !editing && (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button variant="primary" disabled={isBusy} onClick={() => { onDecide(change.id); approve(change.id).catch(() => undefined); }}>Approve</Button>
          <Button disabled={isBusy} onClick={() => { onDecide(change.id); reject(change.id).catch(() => undefined); }}>Reject</Button>
          {change.params && Object.keys(change.params).length > 0 && (
            <Button variant="ghost" disabled={isBusy} onClick={() => setEditing(true)}>Edit</Button>
          )}
        </div>
      )}
    </li>
  );
}

export function PendingPanel() {
  const { pendingOpen, closePending } = usePanels();
  const { changes, available, loading, error, load, commitAll, discardAll } = usePending();
  const path = useRoute((s) => s.path);
  const conversationId = match('/chat/:id', path)?.id ?? null;
  const [scope, setScope] = useState<'conversation' | 'all'>('all');
  const [showDone, setShowDone] = useState(false);
  const [discard, setDiscard] = useState<string | null>(null);
  // changes decided here stay in view with their outcome until the panel closes
  const [decided, setDecided] = useState<Set<string>>(() => new Set());
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!pendingOpen) setDecided(new Set());
    if (pendingOpen) {
      void load();
      closeRef.current?.focus();
    }
  }, [pendingOpen, load]);
  useEffect(() => setScope(conversationId ? 'conversation' : 'all'), [conversationId]);
  useEffect(() => {
    if (!pendingOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && closePending();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pendingOpen, closePending]);

  const visible = useMemo(() => {
    return Object.values(changes)
      .filter((c) => scope === 'all' || !conversationId || c.conversation_id === conversationId)
      .filter((c) => showDone || isOpen(c) || decided.has(c.id))
      .sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? ''));
  }, [changes, scope, conversationId, showDone, decided]);

  const sessions = useMemo(() => {
    const m = new Map<string, PendingChange[]>();
    for (const c of visible) {
      const k = c.session_id ?? 'none';
      m.set(k, [...(m.get(k) ?? []), c]);
    }
    return [...m.entries()];
  }, [visible]);

  if (!pendingOpen) return null;
  return (
    <aside
      id="pending-panel"
      aria-label="Pending changes"
      className="fixed inset-0 z-40 flex flex-col bg-surface sm:top-12 sm:bottom-0 sm:left-auto sm:right-0 sm:w-[26rem] sm:border-l sm:border-line sm:shadow-xl 2xl:static 2xl:z-auto 2xl:w-96 2xl:shadow-none"
    >
      <div className="flex items-center justify-between border-b border-line bg-panel px-4 py-2.5">
        <h2 className="font-semibold">Pending changes</h2>
        <Button ref={closeRef} variant="ghost" onClick={closePending} aria-label="Close pending changes"><Icon name="close" /></Button>
      </div>
      <div className="flex flex-wrap items-center gap-3 border-b border-line px-4 py-2 text-xs">
        {conversationId && (
          <label className="flex items-center gap-1.5">
            <input type="checkbox" checked={scope === 'conversation'} onChange={(e) => setScope(e.target.checked ? 'conversation' : 'all')} />
            This conversation only
          </label>
        )}
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={showDone} onChange={(e) => setShowDone(e.target.checked)} />
          Show decided
        </label>
      </div>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-4">
        {available === false ? (
          <NotYetAvailable what="Approvals" />
        ) : loading && Object.keys(changes).length === 0 ? (
          <Spinner />
        ) : visible.length === 0 ? (
          <p className="text-sm text-muted">
            Nothing waits for your approval. When Penny proposes to change a CRM record, send a message or create an issue, it appears here first.
          </p>
        ) : (
          sessions.map(([sessionId, items]) => {
            const openItems = items.filter(isOpen);
            return (
              <section key={sessionId} aria-label="Change session" className="space-y-2">
                {sessionId !== 'none' && openItems.length > 1 && (
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <p className="text-xs text-muted">{openItems.length} changes in this session</p>
                    <div className="flex gap-2">
                      <Button variant="primary" className="text-xs" onClick={() => commitAll(sessionId).catch(() => undefined)}>Approve all</Button>
                      <Button className="text-xs" onClick={() => setDiscard(sessionId)}>Discard all</Button>
                    </div>
                  </div>
                )}
                <ul className="space-y-2">
                  {items.map((c) => <ChangeCard key={c.id} change={c} onDecide={(id) => setDecided((d) => new Set(d).add(id))} />)}
                </ul>
              </section>
            );
          })
        )}
        {error && <Notice kind="error" action={<Button onClick={() => load()}>Reload</Button>}>{error}</Notice>}
      </div>
      <ConfirmDialog
        open={!!discard}
        title="Discard every change of this session?"
        body="None of them will run, and local records they touched go back to how they were."
        confirmLabel="Discard all"
        onCancel={() => setDiscard(null)}
        onConfirm={() => {
          const id = discard!;
          setDiscard(null);
          void discardAll(id).catch(() => undefined);
        }}
      />
    </aside>
  );
}
