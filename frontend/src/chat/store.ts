// Live chat state: answers being streamed (per task), messages sent but not yet confirmed, who is typing.
// Saved conversations and messages come from REST (TanStack Query); this store holds only what is in flight.
import { create } from 'zustand';
import type { ContentBlock } from '../lib/types';
import type { TaskChunk, TaskStatus } from '../socket/protocol';
import { applyChunk, type LiveContent } from './blocks';

export interface LiveTask extends LiveContent {
  taskId: string;
  conversationId: string | null;
  status: TaskStatus;
  error?: string;
  lastIndex: number;
}

export interface OutgoingMessage {
  requestId: string;
  /** 'new' until the server created the conversation. */
  conversationKey: string;
  text: string;
  state: 'sending' | 'queued' | 'started' | 'failed';
  error?: string;
  scope?: 'private' | 'shared';
}

export interface ChatState {
  tasks: Record<string, LiveTask>;
  outgoing: OutgoingMessage[];
  typing: Record<string, { userId: string; until: number }>;
  addOutgoing: (m: OutgoingMessage) => void;
  updateOutgoing: (requestId: string, patch: Partial<OutgoingMessage>) => void;
  removeOutgoing: (requestId: string) => void;
  /** The server created the conversation a 'new' message started. */
  conversationCreated: (requestId: string | undefined, conversationId: string) => void;
  taskStarted: (taskId: string, conversationId: string | null) => void;
  chunk: (taskId: string, chunk: TaskChunk) => void;
  complete: (taskId: string, status: TaskStatus, error?: string) => void;
  removeTask: (taskId: string) => void;
  setTyping: (conversationId: string, userId: string) => void;
  reset: () => void;
}

const TYPING_MS = 4000;

export const useChat = create<ChatState>((set) => ({
  tasks: {},
  outgoing: [],
  typing: {},
  addOutgoing: (m) => set((s) => ({ outgoing: [...s.outgoing, m] })),
  updateOutgoing: (requestId, patch) =>
    set((s) => ({ outgoing: s.outgoing.map((o) => (o.requestId === requestId ? { ...o, ...patch } : o)) })),
  removeOutgoing: (requestId) => set((s) => ({ outgoing: s.outgoing.filter((o) => o.requestId !== requestId) })),
  conversationCreated: (requestId, conversationId) =>
    set((s) => ({
      outgoing: s.outgoing.map((o) =>
        o.requestId === requestId && o.conversationKey === 'new' ? { ...o, conversationKey: conversationId } : o,
      ),
    })),
  taskStarted: (taskId, conversationId) =>
    set((s) => {
      const t = s.tasks[taskId];
      if (t) return { tasks: { ...s.tasks, [taskId]: { ...t, conversationId: conversationId ?? t.conversationId } } };
      // a new answer starts: earlier ended ones (stopped, failed) are shown from their saved messages again
      const kept = Object.fromEntries(
        Object.entries(s.tasks).filter(([, o]) => !(conversationId && o.conversationId === conversationId && o.status !== 'running')),
      );
      return {
        tasks: { ...kept, [taskId]: { taskId, conversationId, status: 'running', blocks: [], lastIndex: -1 } },
      };
    }),
  chunk: (taskId, chunk) =>
    set((s) => {
      const t = s.tasks[taskId] ?? { taskId, conversationId: null, status: 'running' as const, blocks: [], lastIndex: -1 };
      if (chunk.index <= t.lastIndex) return s; // already applied
      const content = applyChunk(t, chunk);
      return { tasks: { ...s.tasks, [taskId]: { ...t, ...content, lastIndex: chunk.index } } };
    }),
  complete: (taskId, status, error) =>
    set((s) => {
      const t = s.tasks[taskId];
      if (!t) return s;
      return { tasks: { ...s.tasks, [taskId]: { ...t, status, error } } };
    }),
  removeTask: (taskId) =>
    set((s) => {
      const { [taskId]: _gone, ...rest } = s.tasks;
      return { tasks: rest };
    }),
  setTyping: (conversationId, userId) =>
    set((s) => ({ typing: { ...s.typing, [conversationId]: { userId, until: Date.now() + TYPING_MS } } })),
  reset: () => set({ tasks: {}, outgoing: [], typing: {} }),
}));

/** Tasks answering in a conversation, oldest first. */
export function tasksOf(tasks: Record<string, LiveTask>, conversationId: string | null): LiveTask[] {
  return Object.values(tasks).filter((t) => t.conversationId === conversationId);
}

export function hasVisibleContent(blocks: ContentBlock[]): boolean {
  return blocks.some((b) => (b.type === 'text' && (b.text ?? '').trim() !== '') || (b.type === 'tool_use' && !b.hidden) || b.type === 'artifact' || b.type === 'app');
}
