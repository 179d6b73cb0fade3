// The chat socket protocol (/ws/chat?token=…&org_id=…), typed once for every screen (SPEC §9, docs/websocket.md).
import type { ChatMessage, ConversationSummary, Scope } from '../lib/types';

// ---- client → server ---------------------------------------------------------------------------------------
export interface SendMessageFrame {
  type: 'send_message';
  message: string;
  conversation_id?: string;
  scope?: Scope;
  local_time?: string;
  timezone?: string;
  request_id?: string;
}
/** Chunks after `since_index` (the last index the client has; -1 for all), then live ones. */
export interface SubscribeFrame { type: 'subscribe'; task_id: string; since_index: number; request_id?: string }
export interface CancelFrame { type: 'cancel'; task_id: string; request_id?: string }
export interface TypingFrame { type: 'typing'; conversation_id: string; request_id?: string }
export type ClientFrame = SendMessageFrame | SubscribeFrame | CancelFrame | TypingFrame;

// ---- server → client ---------------------------------------------------------------------------------------
export type ChunkType =
  | 'text_delta'
  | 'thinking_delta'
  | 'tool_call_start'
  | 'tool_call'
  | 'tool_result'
  | 'artifact'
  | 'app'
  | 'pending_change'
  | 'context_usage';

/** One streamed piece of a task; `index` is dense per task: 0, 1, 2, … */
export interface TaskChunk { index: number; type: ChunkType; data: Record<string, unknown> }

export type TaskStatus = 'running' | 'completed' | 'failed' | 'cancelled';

export interface ConversationCreatedFrame { type: 'conversation_created'; conversation: ConversationSummary; request_id?: string }
export interface TaskStartedFrame { type: 'task_started'; task_id: string; conversation_id: string; message_id?: string; request_id?: string }
export interface TaskChunkFrame { type: 'task_chunk'; task_id: string; chunk: TaskChunk }
export interface TaskCompleteFrame { type: 'task_complete'; task_id: string; status: TaskStatus; error?: string }
export interface CatchupFrame {
  type: 'catchup'; task_id: string; conversation_id?: string; chunks: TaskChunk[]; status: TaskStatus; error?: string;
}
export interface TypingEventFrame { type: 'typing'; conversation_id: string; user_id: string }
export interface NewMessageFrame { type: 'new_message'; conversation_id: string; message: ChatMessage; task_id?: string }
export interface SyncProgressFrame {
  type: 'sync_progress'; provider: string; entity?: string; count?: number; status: string; integration_id?: string;
}
export interface PendingChangeFrame { type: 'pending_change'; [k: string]: unknown }
export interface ErrorFrame { type: 'error'; code: string; message: string; request_id?: string; task_id?: string }

export type ServerFrame =
  | ConversationCreatedFrame
  | TaskStartedFrame
  | TaskChunkFrame
  | TaskCompleteFrame
  | CatchupFrame
  | TypingEventFrame
  | NewMessageFrame
  | SyncProgressFrame
  | PendingChangeFrame
  | ErrorFrame;

export const SERVER_FRAME_TYPES: ReadonlySet<string> = new Set([
  'conversation_created', 'task_started', 'task_chunk', 'task_complete', 'catchup', 'typing', 'new_message',
  'sync_progress', 'pending_change', 'error',
]);

/** Parses one text frame; null for anything that is not a known server frame. */
export function parseServerFrame(text: string): ServerFrame | null {
  try {
    const v = JSON.parse(text) as { type?: unknown };
    if (v && typeof v === 'object' && typeof v.type === 'string' && SERVER_FRAME_TYPES.has(v.type)) return v as ServerFrame;
  } catch {
    // not JSON: ignored
  }
  return null;
}

export function socketUrl(origin: string, token: string, orgId: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return `${ws}/ws/chat?token=${encodeURIComponent(token)}&org_id=${encodeURIComponent(orgId)}`;
}
