// REST shapes (snake_case, as the server sends them).

export interface User { id: string; email: string; name?: string | null }
export interface Membership {
  id: string; name: string; handle: string; email_domain?: string | null; is_personal: boolean; role: 'admin' | 'member'; status: string;
}
export interface Me { user: User; organizations: Membership[] }
export interface TokenResponse { token: string; token_type: string; expires_at: string; me: Me }
export interface AuthConfig { mode: 'dev' | 'jwt'; supabase_url?: string; supabase_anon_key?: string; providers?: string[] }

export interface Organization {
  id: string; name: string; handle: string; email_domain?: string; is_personal: boolean;
  settings?: { llm_provider?: string; model?: string; [k: string]: unknown };
}
export interface Member {
  user_id: string; email: string; name?: string; role: 'admin' | 'member'; status: string; title?: string; joined_at?: string;
}

export type Scope = 'private' | 'shared';
export interface ConversationSummary {
  id: string; title?: string; scope: Scope; source: string; owner_id: string;
  created_at: string; updated_at: string; last_message_at?: string;
}
export interface ConversationPage { conversations: ConversationSummary[]; next_before?: string }
export interface Participant { user_id: string; email: string; name?: string; added_at: string }

/** A content block of a stored message (text, tool_use, thinking, artifact, app, pending_change, attachment). */
export interface ContentBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  result?: unknown;
  status?: string;
  status_text?: string;
  summary?: string;
  error?: string;
  hidden?: boolean;
  round?: number;
  [k: string]: unknown;
}
export interface ChatMessage {
  id: string; conversation_id: string; user_id?: string; role: 'user' | 'assistant' | 'system' | string;
  content_blocks: ContentBlock[]; created_at: string; updated_at: string;
}
export interface ConversationDetail extends ConversationSummary {
  messages: ChatMessage[]; participants: Participant[]; running_task_ids: string[];
}

export interface Memory {
  id: string; user_id: string; scope: 'user' | 'role' | 'global_command' | 'channel';
  role_name?: string; channel_id?: string; content: string; created_at: string; updated_at: string;
}
