// The main navigation: a sidebar on wide screens, a slide-over on phones.
import { useEffect } from 'react';
import { Link } from '../ui/ui';
import { Icon, type IconName } from '../ui/icons';
import { usePanels } from './panels';
import { useRoute } from './router';

const ITEMS: { to: string; label: string; icon: IconName; soon?: boolean }[] = [
  { to: '/chat', label: 'Chat', icon: 'chat' },
  { to: '/search', label: 'Search', icon: 'search' },
  { to: '/data', label: 'Data', icon: 'data' },
  { to: '/integrations', label: 'Integrations', icon: 'plug' },
  { to: '/workflows', label: 'Workflows', icon: 'flow', soon: true },
  { to: '/artifacts', label: 'Apps', icon: 'chart', soon: true },
  { to: '/memories', label: 'Memories', icon: 'memory' },
  { to: '/settings', label: 'Settings', icon: 'settings' },
];

function Items({ onPick }: { onPick?: () => void }) {
  const path = useRoute((s) => s.path);
  return (
    <ul className="space-y-0.5 p-2">
      {ITEMS.map((i) => {
        const active = path === i.to || path.startsWith(i.to + '/') || (i.to === '/chat' && path === '/');
        return (
          <li key={i.to}>
            <Link
              to={i.to}
              onClick={onPick}
              aria-current={active ? 'page' : undefined}
              className={`flex items-center gap-2.5 rounded-md px-3 py-2 text-sm ${active ? 'bg-accent/12 font-semibold text-accent' : 'text-ink hover:bg-raised'}`}
            >
              <Icon name={i.icon} className="h-4 w-4 shrink-0" />
              <span className="flex-1">{i.label}</span>
              {i.soon && <span className="text-[10px] uppercase tracking-wide text-muted">soon</span>}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function Nav() {
  const { navOpen, setNav } = usePanels();
  useEffect(() => {
    if (!navOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setNav(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navOpen, setNav]);
  return (
    <>
      <nav aria-label="Main" className="hidden w-52 shrink-0 border-r border-line bg-panel lg:block">
        <Items />
      </nav>
      {navOpen && (
        <div className="fixed inset-0 z-40 lg:hidden">
          <button type="button" aria-label="Close menu" className="absolute inset-0 h-full w-full bg-black/40" onClick={() => setNav(false)} />
          <nav aria-label="Main" className="absolute inset-y-0 left-0 w-64 border-r border-line bg-panel shadow-xl">
            <Items onPick={() => setNav(false)} />
          </nav>
        </div>
      )}
    </>
  );
}
