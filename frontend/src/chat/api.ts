import { api } from '../lib/api';
import type { ConversationDetail, ConversationPage, ConversationSummary, Participant, Scope } from '../lib/types';

export const listConversations = (scope: Scope | 'all', q: string) =>
  api<ConversationPage>('/api/conversations', { query: { scope: scope === 'all' ? undefined : scope, q: q.trim() || undefined, limit: 100 } });
export const getConversation = (id: string) => api<ConversationDetail>(`/api/conversations/${id}`);
export const updateConversation = (id: string, body: { title?: string; scope?: Scope }) =>
  api<ConversationSummary>(`/api/conversations/${id}`, { method: 'PATCH', body });
export const deleteConversation = (id: string) => api<void>(`/api/conversations/${id}`, { method: 'DELETE' });
export const addParticipant = (id: string, userId: string) =>
  api<Participant[]>(`/api/conversations/${id}/participants`, { method: 'POST', body: { user_id: userId } });
export const removeParticipant = (id: string, userId: string) =>
  api<void>(`/api/conversations/${id}/participants/${userId}`, { method: 'DELETE' });
