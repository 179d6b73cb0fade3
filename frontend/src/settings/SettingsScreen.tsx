// Settings: the organization's model (admins), the user's tool auto-approvals, members (admins), appearance.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useAuth } from '../auth/store';
import { useTheme } from '../app/theme';
import { ApiError, api, errorMessage } from '../lib/api';
import type { Member, Organization } from '../lib/types';
import { Badge, Button, ConfirmDialog, Notice, PageHeader, Spinner, inputClass, NotYetAvailable } from '../ui/ui';

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <section className="rounded-xl border border-line bg-panel p-4 sm:p-5" aria-labelledby={`s-${title}`}>
      <h2 id={`s-${title}`} className="text-base font-semibold">{title}</h2>
      {description && <p className="mt-0.5 text-sm text-muted">{description}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

const PROVIDERS = [
  { value: '', label: 'Server default' },
  { value: 'anthropic', label: 'Anthropic (Claude)' },
  { value: 'openai', label: 'OpenAI or compatible (Azure, Ollama, vLLM…)' },
  { value: 'scripted', label: 'Scripted (tests and demos)' },
];

function ModelSettings({ isAdmin }: { isAdmin: boolean }) {
  const qc = useQueryClient();
  const org = useQuery({ queryKey: ['organization'], queryFn: () => api<Organization>('/api/organizations/current') });
  const [name, setName] = useState('');
  const [provider, setProvider] = useState('');
  const [model, setModel] = useState('');
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => {
    if (!org.data) return;
    setName(org.data.name);
    setProvider(String(org.data.settings?.llm_provider ?? ''));
    setModel(String(org.data.settings?.model ?? ''));
  }, [org.data]);
  if (org.isPending) return <Spinner />;
  if (org.isError) return <Notice kind="error">{errorMessage(org.error)}</Notice>;
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setMsg(null);
        try {
          const settings: Record<string, string> = { model };
          if (provider) settings.llm_provider = provider;
          await api('/api/organizations/current', { method: 'PATCH', body: { name, settings } });
          await qc.invalidateQueries({ queryKey: ['organization'] });
          setMsg({ kind: 'ok', text: 'Saved. New answers use these settings.' });
        } catch (err) {
          setMsg({ kind: 'error', text: err instanceof ApiError && err.status === 404 ? 'This server cannot change organization settings yet.' : errorMessage(err) });
        }
      }}
    >
      <div className="sm:col-span-2">
        <label htmlFor="org-name" className="mb-1 block text-sm font-medium">Organization name</label>
        <input id="org-name" className={inputClass} value={name} disabled={!isAdmin} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </div>
      <div>
        <label htmlFor="llm-provider" className="mb-1 block text-sm font-medium">Model provider</label>
        <select id="llm-provider" className={inputClass} value={provider} disabled={!isAdmin} onChange={(e) => setProvider(e.target.value)}>
          {PROVIDERS.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="llm-model" className="mb-1 block text-sm font-medium">Model</label>
        <input id="llm-model" className={inputClass} value={model} disabled={!isAdmin} placeholder="e.g. claude-sonnet-4-5 or gpt-4.1" onChange={(e) => setModel(e.target.value)} maxLength={200} />
      </div>
      {isAdmin ? (
        <div className="sm:col-span-2 flex items-center gap-3">
          <Button type="submit" variant="primary">Save</Button>
          {msg && <span role="status" className={`text-sm ${msg.kind === 'ok' ? 'text-ok' : 'text-danger'}`}>{msg.text}</span>}
        </div>
      ) : (
        <p className="sm:col-span-2 text-sm text-muted">Only administrators change these.</p>
      )}
    </form>
  );
}

interface ToolSetting { tool: string; auto_approve: boolean; denied_by_org?: boolean; description?: string }

function ToolApprovals() {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['tool-settings'],
    queryFn: async () => {
      const r = await api<unknown>('/api/tool-settings');
      const list = Array.isArray(r) ? r : ((r as { settings?: unknown; tools?: unknown })?.settings ?? (r as { tools?: unknown })?.tools ?? []);
      return list as ToolSetting[];
    },
  });
  const [error, setError] = useState<string | null>(null);
  if (q.isPending) return <Spinner />;
  if (q.isError) {
    return q.error instanceof ApiError && q.error.status === 404 ? (
      <NotYetAvailable what="Tool approvals" />
    ) : (
      <Notice kind="error">{errorMessage(q.error)}</Notice>
    );
  }
  if (q.data.length === 0) return <p className="text-sm text-muted">No tool needs approval settings yet.</p>;
  return (
    <div>
      <ul className="divide-y divide-line">
        {q.data.map((t) => (
          <li key={t.tool} className="flex items-center justify-between gap-3 py-2 text-sm">
            <div>
              <p className="font-medium">{t.tool}</p>
              {t.description && <p className="text-xs text-muted">{t.description}</p>}
            </div>
            {t.denied_by_org ? (
              <Badge tone="danger">Denied by admin</Badge>
            ) : (
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={t.auto_approve}
                  onChange={async (e) => {
                    setError(null);
                    try {
                      const next = q.data.map((x) => (x.tool === t.tool ? { ...x, auto_approve: e.target.checked } : x));
                      await api('/api/tool-settings', { method: 'PUT', body: { settings: next.map(({ tool, auto_approve }) => ({ tool, auto_approve })) } });
                      await qc.invalidateQueries({ queryKey: ['tool-settings'] });
                    } catch (err) {
                      setError(errorMessage(err));
                    }
                  }}
                />
                Run without asking
              </label>
            )}
          </li>
        ))}
      </ul>
      {error && <Notice kind="error">{error}</Notice>}
    </div>
  );
}

function Members({ isAdmin }: { isAdmin: boolean }) {
  const qc = useQueryClient();
  const me = useAuth((s) => s.me);
  const q = useQuery({ queryKey: ['members'], queryFn: () => api<Member[]>('/api/members') });
  const [error, setError] = useState<string | null>(null);
  const [deactivate, setDeactivate] = useState<Member | null>(null);
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      await qc.invalidateQueries({ queryKey: ['members'] });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  if (q.isPending) return <Spinner />;
  if (q.isError) return <Notice kind="error">{errorMessage(q.error)}</Notice>;
  return (
    <div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Members</caption>
          <thead className="text-xs uppercase tracking-wide text-muted">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">Member</th>
              <th scope="col" className="py-2 pr-3 font-medium">Role</th>
              <th scope="col" className="py-2 pr-3 font-medium">Status</th>
              {isAdmin && <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {q.data.map((m) => {
              const self = m.user_id === me?.user.id;
              return (
                <tr key={m.user_id} className="border-t border-line">
                  <td className="py-2 pr-3">
                    <p className="font-medium">{m.name || m.email}{self && <span className="text-muted"> (you)</span>}</p>
                    {m.name && <p className="text-xs text-muted">{m.email}</p>}
                  </td>
                  <td className="py-2 pr-3">
                    {isAdmin && !self && m.status === 'active' ? (
                      <select
                        aria-label={`Role of ${m.email}`}
                        className="rounded border border-line bg-panel px-1.5 py-1"
                        value={m.role}
                        onChange={(e) => act(() => api(`/api/members/${m.user_id}`, { method: 'PATCH', body: { role: e.target.value } }))}
                      >
                        <option value="member">Member</option>
                        <option value="admin">Admin</option>
                      </select>
                    ) : (
                      <span className="capitalize">{m.role}</span>
                    )}
                  </td>
                  <td className="py-2 pr-3"><Badge tone={m.status === 'active' ? 'ok' : 'neutral'}>{m.status}</Badge></td>
                  {isAdmin && (
                    <td className="py-2 text-right">
                      {!self && m.status === 'active' && <Button variant="ghost" className="text-xs" onClick={() => setDeactivate(m)}>Deactivate</Button>}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {error && <div className="mt-2"><Notice kind="error">{error}</Notice></div>}
      <ConfirmDialog
        open={!!deactivate}
        title={`Deactivate ${deactivate?.name || deactivate?.email}?`}
        body="They can no longer sign in to this organization. Their conversations and data stay."
        confirmLabel="Deactivate"
        onCancel={() => setDeactivate(null)}
        onConfirm={() => {
          const m = deactivate!;
          setDeactivate(null);
          void act(() => api(`/api/members/${m.user_id}/deactivate`, { method: 'POST' }));
        }}
      />
    </div>
  );
}

export default function SettingsScreen() {
  const isAdmin = useAuth((s) => s.currentOrg()?.role === 'admin');
  const { theme, toggle } = useTheme();
  return (
    <div className="mx-auto max-w-4xl space-y-4 p-4 sm:p-6">
      <PageHeader title="Settings" />
      <Section title="Organization and model" description="Which model Penny uses for everyone in this organization.">
        <ModelSettings isAdmin={isAdmin} />
      </Section>
      <Section title="Tool approvals" description="Actions that leave Revtops wait for your approval. Choose the ones Penny may run for you without asking.">
        <ToolApprovals />
      </Section>
      <Section title="Members" description={isAdmin ? 'Change roles or deactivate members. New colleagues join by signing in with their work email.' : 'People in this organization.'}>
        <Members isAdmin={isAdmin} />
      </Section>
      <Section title="Appearance">
        <Button onClick={toggle}>Use {theme === 'dark' ? 'light' : 'dark'} theme</Button>
      </Section>
    </div>
  );
}
