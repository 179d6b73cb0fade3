// Top bar: menu (phones), organization switcher, connection state, pending-changes count, theme, account.
import { useAuth } from '../auth/store';
import { openCount, usePending } from '../pending/store';
import { useSocket } from '../socket/store';
import { Link } from '../ui/ui';
import { Icon } from '../ui/icons';
import { usePanels } from './panels';
import { useTheme } from './theme';

function OrgSwitcher() {
  const me = useAuth((s) => s.me);
  const orgId = useAuth((s) => s.orgId);
  const selectOrg = useAuth((s) => s.selectOrg);
  const orgs = (me?.organizations ?? []).filter((o) => o.status === 'active');
  const current = orgs.find((o) => o.id === orgId);
  if (orgs.length <= 1) return <span className="truncate text-sm font-medium text-muted">{current?.name}</span>;
  return (
    <>
      <label htmlFor="org-switcher" className="sr-only">Organization</label>
      <select
        id="org-switcher"
        value={orgId ?? ''}
        onChange={(e) => selectOrg(e.target.value)}
        className="max-w-[10rem] truncate rounded-md border border-line bg-panel px-2 py-1 text-sm sm:max-w-xs"
      >
        {orgs.map((o) => (
          <option key={o.id} value={o.id}>{o.name}{o.is_personal ? ' (personal)' : ''}</option>
        ))}
      </select>
    </>
  );
}

function ConnectionDot() {
  const state = useSocket((s) => s.state);
  const label = state === 'open' ? 'Live' : state === 'reconnecting' ? 'Reconnecting' : state === 'connecting' ? 'Connecting' : 'Offline';
  const color = state === 'open' ? 'bg-ok' : state === 'reconnecting' || state === 'connecting' ? 'bg-warn' : 'bg-muted';
  return (
    <span className="hidden items-center gap-1.5 text-xs text-muted sm:inline-flex" title={`Live updates: ${label}`}>
      <span aria-hidden className={`h-2 w-2 rounded-full ${color}`} />
      <span>{label}</span>
    </span>
  );
}

export function Header() {
  const me = useAuth((s) => s.me);
  const signOut = useAuth((s) => s.signOut);
  const count = usePending((s) => openCount(s.changes));
  const available = usePending((s) => s.available);
  const { pendingOpen, togglePending, setNav } = usePanels();
  const { theme, toggle } = useTheme();
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-line bg-panel px-3">
      <button type="button" className="rounded-md px-2 py-1 text-lg lg:hidden" aria-label="Open menu" onClick={() => setNav(true)}>
        <Icon name="menu" className="h-5 w-5" />
      </button>
      <Link to="/chat" className="flex items-center gap-2 font-semibold" aria-label="Revtops home">
        <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-lg bg-accent text-sm font-bold text-accent-ink">R</span>
        <span className="hidden sm:inline">Revtops</span>
      </Link>
      <span aria-hidden className="mx-1 hidden h-5 w-px bg-line sm:block" />
      <div className="min-w-0 flex-1">
        <OrgSwitcher />
      </div>
      <ConnectionDot />
      <button
        type="button"
        onClick={togglePending}
        aria-expanded={pendingOpen}
        aria-controls="pending-panel"
        className={`inline-flex items-center gap-1.5 rounded-md border px-2.5 py-1 text-sm ${count > 0 ? 'border-warn/50 bg-warn/10' : 'border-line'}`}
        title={available === false ? 'Approvals are not available on this server yet' : 'Pending changes'}
      >
        <span className="hidden sm:inline">Pending</span>
        <Icon name="inbox" className="h-4 w-4 sm:hidden" />
        <span
          data-testid="pending-count"
          className={`min-w-[1.25rem] rounded-full px-1.5 text-center text-xs font-semibold ${count > 0 ? 'bg-warn text-white' : 'bg-raised text-muted'}`}
        >
          {count}
        </span>
        <span className="sr-only">pending changes</span>
      </button>
      <button
        type="button"
        onClick={toggle}
        className="rounded-md p-1.5 text-muted hover:bg-raised hover:text-ink"
        aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
      >
        <Icon name={theme === 'dark' ? 'sun' : 'moon'} className="h-4 w-4" />
      </button>
      <details className="relative">
        <summary className="list-none rounded-full" aria-label="Account">
          <span className="flex h-7 w-7 items-center justify-center rounded-full bg-raised text-xs font-semibold uppercase">
            {(me?.user.name || me?.user.email || '?').slice(0, 1)}
          </span>
        </summary>
        <div className="absolute right-0 z-30 mt-2 w-56 rounded-lg border border-line bg-panel p-2 text-sm shadow-lg">
          <p className="truncate px-2 py-1 font-medium">{me?.user.name || me?.user.email}</p>
          <p className="truncate px-2 pb-2 text-xs text-muted">{me?.user.email}</p>
          <button type="button" className="w-full rounded-md px-2 py-1.5 text-left hover:bg-raised" onClick={signOut}>
            Sign out
          </button>
        </div>
      </details>
    </header>
  );
}
