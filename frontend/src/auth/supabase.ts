// Sign-in with Supabase Auth (or any GoTrue-compatible OIDC front): PKCE when an anon key is known (the token
// exchange needs it), otherwise the implicit flow; the access token is then a bearer token for the API.

const VERIFIER_KEY = 'revtops.pkce.verifier';

export interface SupabaseTokens { accessToken: string; refreshToken?: string; expiresAt: string | null }

function base64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomVerifier(): string {
  const bytes = new Uint8Array(48);
  crypto.getRandomValues(bytes);
  return base64Url(bytes);
}

export async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export function callbackUrl(): string {
  return `${window.location.origin}/auth/callback`;
}

/** The URL to send the browser to for sign-in with an identity provider (google, azure, github, …). */
export async function authorizeUrl(supabaseUrl: string, provider: string, anonKey?: string): Promise<string> {
  const url = new URL('/auth/v1/authorize', supabaseUrl);
  url.searchParams.set('provider', provider);
  url.searchParams.set('redirect_to', callbackUrl());
  if (anonKey) {
    const verifier = randomVerifier();
    sessionStorage.setItem(VERIFIER_KEY, verifier);
    url.searchParams.set('code_challenge', await challengeFor(verifier));
    url.searchParams.set('code_challenge_method', 's256');
  }
  return url.toString();
}

/**
 * Reads the provider's answer on /auth/callback: `#access_token=…` (implicit) or `?code=…` (PKCE, exchanged
 * at /auth/v1/token). Returns null when the page is not a callback; throws with the provider's error text.
 */
export async function completeSignIn(supabaseUrl: string, location: Location, anonKey?: string): Promise<SupabaseTokens | null> {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const query = new URLSearchParams(location.search);
  const error = hash.get('error_description') ?? query.get('error_description') ?? hash.get('error') ?? query.get('error');
  if (error) throw new Error(`Sign-in was not completed: ${error}`);
  const accessToken = hash.get('access_token');
  if (accessToken) {
    const expiresIn = Number(hash.get('expires_in') ?? '0');
    return {
      accessToken,
      refreshToken: hash.get('refresh_token') ?? undefined,
      expiresAt: expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000).toISOString() : null,
    };
  }
  const code = query.get('code');
  if (!code) return null;
  const verifier = sessionStorage.getItem(VERIFIER_KEY);
  if (!verifier || !anonKey) throw new Error('Sign-in could not be completed in this tab. Start again.');
  sessionStorage.removeItem(VERIFIER_KEY);
  const res = await fetch(new URL('/auth/v1/token?grant_type=pkce', supabaseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', apikey: anonKey },
    body: JSON.stringify({ auth_code: code, code_verifier: verifier }),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || typeof body.access_token !== 'string') {
    throw new Error(`Sign-in failed: ${String(body.error_description ?? body.msg ?? res.status)}`);
  }
  const expiresIn = Number(body.expires_in ?? 0);
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
    expiresAt: expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000).toISOString() : null,
  };
}
