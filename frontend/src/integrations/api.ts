import { api } from '../lib/api';

export interface Operation { name: string; description?: string; read_only?: boolean }
export interface AvailableConnector {
  slug: string; name: string; auth_type: 'oauth2' | 'api_key' | 'none' | string; scope: 'organization' | 'user' | string;
  capabilities: string[]; entity_types: string[]; queries?: Operation[]; writes?: Operation[]; actions?: Operation[];
  nango_provider?: string; connected: boolean; integration_id?: string; status?: string;
}
export interface RunView { id: string; status: string; started_at: string; finished_at?: string; counts: Record<string, unknown>; error?: string }
export interface Integration {
  id: string; provider: string; name: string; scope: string; user_id?: string; status: string; last_sync_at?: string;
  last_error?: string; share_synced_data: boolean; share_query_access: boolean; share_write_access: boolean;
  credentials_configured: boolean; credentials_source: string; base_url?: string; last_run?: RunView; current_run?: RunView;
  created_at: string;
}
export interface ConnectSession { provider: string; nango_provider: string; token: string; expires_at?: string; connect_link?: string }
export interface Credentials { api_key?: string; access_token?: string; refresh_token?: string; instance_url?: string }

export const available = () => api<AvailableConnector[]>('/api/integrations/available');
export const connected = () => api<Integration[]>('/api/integrations');
export const connectSession = (provider: string) => api<ConnectSession>(`/api/integrations/${provider}/connect-session`, { method: 'POST' });
export const connect = (provider: string, body: { nango_connection_id?: string; credentials?: Credentials }) =>
  api<Integration>(`/api/integrations/${provider}/connect`, { method: 'POST', body });
export const finishNango = (provider: string, connectionId: string) =>
  api<Integration>('/api/integrations/callback', { query: { provider, connection_id: connectionId } });
export const share = (id: string, body: Partial<Pick<Integration, 'share_synced_data' | 'share_query_access' | 'share_write_access'>>) =>
  api<Integration>(`/api/integrations/${id}`, { method: 'PATCH', body });
export const disconnect = (id: string) => api<Integration>(`/api/integrations/${id}`, { method: 'DELETE' });
export const syncNow = (orgId: string, provider: string) =>
  api<{ integration_id: string; provider: string; status: string; job: string }>(`/api/sync/${orgId}/${provider}`, { method: 'POST' });
export const syncAll = (orgId: string) => api<{ syncs: unknown[] }>(`/api/sync/${orgId}/all`, { method: 'POST' });
