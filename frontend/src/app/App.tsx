// The application shell: sign-in gate, navigation, header (organization, pending changes, theme), screens.
import { lazy, Suspense, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../auth/store';
import SignIn from '../auth/SignIn';
import ChatScreen from '../chat/ChatScreen';
import { useChat } from '../chat/store';
import { api } from '../lib/api';
import type { Me } from '../lib/types';
import { PendingPanel } from '../pending/PendingPanel';
import { usePending } from '../pending/store';
import { useSyncProgress } from '../integrations/progress';
import { useSocket } from '../socket/store';
import { Spinner, Notice, Button } from '../ui/ui';
import { Header } from './Header';
import { Nav } from './Nav';
import { match, navigate, useRoute } from './router';
import { ErrorBoundary } from './ErrorBoundary';

const DataScreen = lazy(() => import('../data/DataScreen'));
const SearchScreen = lazy(() => import('../search/SearchScreen'));
const IntegrationsScreen = lazy(() => import('../integrations/IntegrationsScreen'));
const SettingsScreen = lazy(() => import('../settings/SettingsScreen'));
const MemoriesScreen = lazy(() => import('../memories/MemoriesScreen'));
const ComingSoon = lazy(() => import('../workflows/ComingSoon'));

function Screen({ path }: { path: string }) {
  let m: Record<string, string> | null;
  if (path === '/' || path === '/chat' || path === '/auth/callback') return <ChatScreen conversationId={null} />;
  if (path === '/chat/new') return <ChatScreen conversationId={null} composing />;
  if ((m = match('/chat/:id', path))) return <ChatScreen conversationId={m.id} />;
  if (path === '/search') return <SearchScreen />;
  if (path === '/data') return <DataScreen table="accounts" recordId={null} />;
  if ((m = match('/data/:table', path))) return <DataScreen table={m.table} recordId={null} />;
  if ((m = match('/data/:table/:id', path))) return <DataScreen table={m.table} recordId={m.id} />;
  if (path === '/integrations') return <IntegrationsScreen />;
  if (path === '/settings') return <SettingsScreen />;
  if (path === '/memories') return <MemoriesScreen />;
  if (path === '/workflows') return <ComingSoon what="Workflows" />;
  if (path === '/artifacts') return <ComingSoon what="Artifacts and apps" />;
  return (
    <div className="p-6">
      <Notice kind="warn" title="There is no page here" action={<Button onClick={() => navigate('/chat')}>Go to chat</Button>}>
        The address {path} does not match any screen.
      </Notice>
    </div>
  );
}

function SignedIn() {
  const qc = useQueryClient();
  const orgId = useAuth((s) => s.orgId);
  const me = useAuth((s) => s.me);
  const path = useRoute((s) => s.path);

  // one socket per organization; everything live starts again when the organization changes
  useEffect(() => {
    if (!orgId) return;
    useChat.getState().reset();
    usePending.getState().reset();
    useSyncProgress.getState().reset();
    qc.clear();
    useSocket.getState().start();
    void usePending.getState().load();
    return () => useSocket.getState().stop();
  }, [orgId, qc]);

  // the saved session may be stale: ask who we are (a 401 signs out)
  useEffect(() => {
    api<Me>('/api/auth/me', { noOrg: true }).then((m) => useAuth.getState().updateMe(m)).catch(() => undefined);
  }, []);

  useEffect(() => {
    if (path === '/auth/callback' || path === '/') navigate('/chat', { replace: true });
  }, [path]);

  if (!orgId) {
    return (
      <div className="p-6">
        <Notice kind="warn" title="You are not an active member of any organization" action={<Button onClick={() => useAuth.getState().signOut()}>Sign out</Button>}>
          {me?.user.email} has no active membership. Ask an administrator of your team to reactivate you.
        </Notice>
      </div>
    );
  }

  return (
    <div className="flex h-full flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-panel focus:px-3 focus:py-2">
        Skip to content
      </a>
      <Header />
      <div className="flex min-h-0 flex-1">
        <Nav />
        <main id="main" className="min-w-0 flex-1 overflow-y-auto" tabIndex={-1}>
          <ErrorBoundary key={path}>
            <Suspense fallback={<div className="p-6"><Spinner /></div>}>
              <Screen path={path} />
            </Suspense>
          </ErrorBoundary>
        </main>
        <PendingPanel />
      </div>
    </div>
  );
}

export default function App() {
  const token = useAuth((s) => s.token);
  const me = useAuth((s) => s.me);
  return token && me ? <SignedIn /> : <SignIn />;
}
