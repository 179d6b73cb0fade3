import { afterEach, describe, expect, it, vi } from 'vitest';
import { authorizeUrl, challengeFor, completeSignIn } from './supabase';

const at = (url: string) => new URL(url) as unknown as Location;

describe('Supabase sign-in', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    sessionStorage.clear();
  });

  it('uses the implicit flow without an anon key and reads the token from the fragment', async () => {
    const url = new URL(await authorizeUrl('https://p.supabase.co', 'google'));
    expect(url.pathname).toBe('/auth/v1/authorize');
    expect(url.searchParams.get('provider')).toBe('google');
    expect(url.searchParams.get('redirect_to')).toBe(`${window.location.origin}/auth/callback`);
    expect(url.searchParams.has('code_challenge')).toBe(false);
    const tokens = await completeSignIn('https://p.supabase.co', at('http://app/auth/callback#access_token=abc&expires_in=60&refresh_token=r'));
    expect(tokens).toMatchObject({ accessToken: 'abc', refreshToken: 'r' });
  });

  it('uses PKCE with an anon key: S256 challenge out, code and verifier exchanged back', async () => {
    const url = new URL(await authorizeUrl('https://p.supabase.co', 'azure', 'anon'));
    expect(url.searchParams.get('code_challenge_method')).toBe('s256');
    const verifier = sessionStorage.getItem('revtops.pkce.verifier')!;
    expect(url.searchParams.get('code_challenge')).toBe(await challengeFor(verifier));
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(JSON.stringify({ access_token: 'jwt', expires_in: 3600 }), { status: 200 }),
    );
    const tokens = await completeSignIn('https://p.supabase.co', at('http://app/auth/callback?code=xyz'), 'anon');
    expect(tokens?.accessToken).toBe('jwt');
    const [target, init] = fetch.mock.calls[0];
    expect(String(target)).toBe('https://p.supabase.co/auth/v1/token?grant_type=pkce');
    expect((init!.headers as Record<string, string>).apikey).toBe('anon');
    expect(JSON.parse(String(init!.body))).toEqual({ auth_code: 'xyz', code_verifier: verifier });
  });

  it('reports the provider’s refusal', async () => {
    await expect(completeSignIn('https://p.supabase.co', at('http://app/auth/callback?error=access_denied&error_description=Email+not+allowed'))).rejects.toThrow(
      'Email not allowed',
    );
  });
});
