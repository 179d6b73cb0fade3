// Sign-in: a dev login form when the server runs in dev mode; in jwt mode, sign-in with the identity provider
// (Supabase Auth) and the callback that turns its token into a Revtops session.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../lib/api';
import type { AuthConfig, Me, TokenResponse } from '../lib/types';
import { navigate, useRoute } from '../app/router';
import { Button, Notice, Spinner, inputClass } from '../ui/ui';
import { useAuth } from './store';
import { authorizeUrl, completeSignIn } from './supabase';

type Config = AuthConfig;

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center bg-surface px-4 py-12">
      <div className="w-full max-w-sm rounded-2xl border border-line bg-panel p-6 shadow-sm">
        <div className="mb-5 flex items-center gap-2">
          <span aria-hidden className="flex h-8 w-8 items-center justify-center rounded-lg bg-accent font-bold text-accent-ink">R</span>
          <span className="text-lg font-semibold">Revtops</span>
        </div>
        {children}
      </div>
    </main>
  );
}

function DevLogin() {
  const signIn = useAuth((s) => s.signIn);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          const r = await api<TokenResponse>('/api/auth/dev-login', {
            method: 'POST',
            body: { email: email.trim(), name: name.trim() || undefined },
            noOrg: true,
          });
          signIn(r.token, r.expires_at, r.me);
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <p className="text-sm text-muted">
        Development sign-in: enter your work email. The first person from a company domain creates its organization.
      </p>
      <div>
        <label htmlFor="email" className="mb-1 block text-sm font-medium">Work email</label>
        <input id="email" type="email" required autoComplete="email" className={inputClass} value={email} onChange={(e) => setEmail(e.target.value)} placeholder="you@yourcompany.com" />
      </div>
      <div>
        <label htmlFor="name" className="mb-1 block text-sm font-medium">Name <span className="text-muted">(optional)</span></label>
        <input id="name" type="text" autoComplete="name" className={inputClass} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      <Button type="submit" variant="primary" className="w-full" disabled={busy || !email.trim()}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}

const PROVIDER_NAMES: Record<string, string> = { google: 'Google', azure: 'Microsoft', github: 'GitHub', gitlab: 'GitLab', okta: 'Okta' };

function ProviderLogin({ config }: { config: Config }) {
  const [error, setError] = useState<string | null>(null);
  const providers = config.providers?.length ? config.providers : ['google', 'azure'];
  if (!config.supabase_url) {
    return (
      <Notice kind="error" title="Sign-in is not configured">
        This server accepts tokens from an identity provider but does not say where to sign in. Ask the administrator to set SUPABASE_URL.
      </Notice>
    );
  }
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted">Sign in with your work account.</p>
      {providers.map((p) => (
        <Button
          key={p}
          className="w-full"
          onClick={async () => {
            try {
              window.location.assign(await authorizeUrl(config.supabase_url!, p, config.supabase_anon_key));
            } catch (e) {
              setError(errorMessage(e));
            }
          }}
        >
          Continue with {PROVIDER_NAMES[p] ?? p}
        </Button>
      ))}
      {error && <Notice kind="error">{error}</Notice>}
    </div>
  );
}

/** /auth/callback: the identity provider sent the browser back. */
function Callback({ config }: { config: Config }) {
  const signIn = useAuth((s) => s.signIn);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let done = false;
    (async () => {
      try {
        const tokens = await completeSignIn(config.supabase_url ?? '', window.location, config.supabase_anon_key);
        if (!tokens) throw new Error('This page expects an answer from the sign-in provider. Start again.');
        // the token is ours for the API now; /api/users/sync creates or joins the organization
        useAuth.setState({ token: tokens.accessToken });
        const me = await api<Me>('/api/users/sync', { method: 'POST', noOrg: true });
        if (done) return;
        signIn(tokens.accessToken, tokens.expiresAt, me);
        navigate('/chat', { replace: true });
      } catch (e) {
        useAuth.setState({ token: null });
        if (!done) setError(errorMessage(e));
      }
    })();
    return () => {
      done = true;
    };
  }, [config, signIn]);
  if (error) {
    return (
      <Notice kind="error" title="Sign-in did not complete" action={<Button onClick={() => navigate('/', { replace: true })}>Start again</Button>}>
        {error}
      </Notice>
    );
  }
  return <Spinner label="Signing you in" />;
}

export default function SignIn() {
  const notice = useAuth((s) => s.notice);
  const path = useRoute((s) => s.path);
  const config = useQuery({ queryKey: ['auth-config'], queryFn: () => api<Config>('/api/auth/config', { noOrg: true }) });
  return (
    <Frame>
      <h1 className="mb-3 text-xl font-semibold">Sign in</h1>
      {notice && <div className="mb-3"><Notice kind="warn">{notice}</Notice></div>}
      {config.isPending ? (
        <Spinner />
      ) : config.isError ? (
        <Notice kind="error" title="The server did not answer" action={<Button onClick={() => config.refetch()}>Try again</Button>}>
          {errorMessage(config.error)}
        </Notice>
      ) : config.data.mode === 'dev' ? (
        <DevLogin />
      ) : path === '/auth/callback' ? (
        <Callback config={config.data} />
      ) : (
        <ProviderLogin config={config.data} />
      )}
    </Frame>
  );
}
