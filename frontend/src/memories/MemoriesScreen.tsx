// What Penny remembers: the user's own memories, role memories and global commands; only the creator edits one.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useAuth } from '../auth/store';
import { api, errorMessage } from '../lib/api';
import { relativeTime } from '../lib/format';
import type { Memory } from '../lib/types';
import { Badge, Button, ConfirmDialog, Notice, PageHeader, Spinner, inputClass } from '../ui/ui';

const SCOPES = [
  { value: 'user', label: 'Just me', hint: 'Penny remembers this when you talk to her.' },
  { value: 'role', label: 'Everyone with a role', hint: 'Applies to members with this role name (e.g. sales).' },
  { value: 'global_command', label: 'Global command', hint: 'Always applied in your private chats (at most 1 000 characters).' },
] as const;

function MemoryItem({ m, mine }: { m: Memory; mine: boolean }) {
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(m.content);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['memories'] });
  return (
    <li className="rounded-lg border border-line bg-panel p-3">
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
        <Badge tone={m.scope === 'global_command' ? 'accent' : 'neutral'}>{m.scope.replace('_', ' ')}</Badge>
        {m.role_name && <span>role: {m.role_name}</span>}
        <span>updated {relativeTime(m.updated_at)}</span>
      </div>
      {editing ? (
        <form
          className="mt-2 space-y-2"
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              await api(`/api/memories/${m.id}`, { method: 'PATCH', body: { content: text } });
              setEditing(false);
              await refresh();
            } catch (err) {
              setError(errorMessage(err));
            }
          }}
        >
          <label htmlFor={`mem-${m.id}`} className="sr-only">Memory text</label>
          <textarea id={`mem-${m.id}`} className={inputClass} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          <div className="flex gap-2">
            <Button type="submit" variant="primary" disabled={!text.trim()}>Save</Button>
            <Button onClick={() => { setEditing(false); setText(m.content); }}>Cancel</Button>
          </div>
        </form>
      ) : (
        <p className="mt-1.5 whitespace-pre-wrap break-words text-sm">{m.content}</p>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      {mine && !editing && (
        <div className="mt-2 flex gap-2">
          <Button variant="ghost" className="text-xs" onClick={() => setEditing(true)}>Edit</Button>
          <Button variant="ghost" className="text-xs" onClick={() => setConfirm(true)}>Delete</Button>
        </div>
      )}
      <ConfirmDialog
        open={confirm}
        title="Delete this memory?"
        body="Penny will no longer use it."
        confirmLabel="Delete"
        onCancel={() => setConfirm(false)}
        onConfirm={async () => {
          setConfirm(false);
          try {
            await api(`/api/memories/${m.id}`, { method: 'DELETE' });
            await refresh();
          } catch (err) {
            setError(errorMessage(err));
          }
        }}
      />
    </li>
  );
}

export default function MemoriesScreen() {
  const qc = useQueryClient();
  const me = useAuth((s) => s.me);
  const q = useQuery({ queryKey: ['memories'], queryFn: () => api<Memory[]>('/api/memories') });
  const [scope, setScope] = useState<(typeof SCOPES)[number]['value']>('user');
  const [role, setRole] = useState('');
  const [content, setContent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const limit = scope === 'global_command' ? 1000 : 4000;
  return (
    <div className="mx-auto max-w-3xl p-4 sm:p-6">
      <PageHeader title="Memories" subtitle="Things Penny keeps in mind. She saves them when you ask her to remember, and you can edit them here." />
      <form
        className="mb-6 space-y-3 rounded-xl border border-line bg-panel p-4"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            await api('/api/memories', { method: 'POST', body: { scope, content: content.trim(), role_name: scope === 'role' ? role.trim() : undefined } });
            setContent('');
            await qc.invalidateQueries({ queryKey: ['memories'] });
          } catch (err) {
            setError(errorMessage(err));
          }
        }}
      >
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <legend className="mb-1 text-sm font-medium">Applies to</legend>
          {SCOPES.map((s) => (
            <label key={s.value} className="flex items-center gap-1.5">
              <input type="radio" name="scope" value={s.value} checked={scope === s.value} onChange={() => setScope(s.value)} />
              {s.label}
            </label>
          ))}
        </fieldset>
        <p className="text-xs text-muted">{SCOPES.find((s) => s.value === scope)?.hint}</p>
        {scope === 'role' && (
          <div>
            <label htmlFor="mem-role" className="mb-1 block text-sm font-medium">Role name</label>
            <input id="mem-role" className={inputClass} value={role} onChange={(e) => setRole(e.target.value)} required maxLength={100} />
          </div>
        )}
        <div>
          <label htmlFor="mem-content" className="mb-1 block text-sm font-medium">Remember</label>
          <textarea id="mem-content" className={inputClass} rows={3} value={content} onChange={(e) => setContent(e.target.value)} placeholder="e.g. Quote prices in EUR for European accounts" />
          <p className={`mt-0.5 text-right text-xs ${content.length > limit ? 'text-danger' : 'text-muted'}`}>{content.length} / {limit}</p>
        </div>
        {error && <Notice kind="error">{error}</Notice>}
        <Button type="submit" variant="primary" disabled={!content.trim() || content.length > limit || (scope === 'role' && !role.trim())}>Save memory</Button>
      </form>
      {q.isPending ? (
        <Spinner />
      ) : q.isError ? (
        <Notice kind="error" action={<Button onClick={() => q.refetch()}>Try again</Button>}>{errorMessage(q.error)}</Notice>
      ) : q.data.length === 0 ? (
        <p className="text-sm text-muted">No memories yet.</p>
      ) : (
        <ul className="space-y-2">
          {q.data.map((m) => <MemoryItem key={m.id} m={m} mine={m.user_id === me?.user.id} />)}
        </ul>
      )}
    </div>
  );
}
