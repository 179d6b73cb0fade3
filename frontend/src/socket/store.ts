// The one socket of this tab: connects when someone is signed in to an organization and routes what arrives
// to the stores of the screens (chat, pending changes, sync progress) and to the REST caches.
import { create } from 'zustand';
import { useAuth } from '../auth/store';
import { useChat } from '../chat/store';
import { useSyncProgress } from '../integrations/progress';
import { queryClient } from '../lib/queryClient';
import { changeFromEvent, usePending } from '../pending/store';
import { ChatSocketClient, type ConnectionState, type SocketEvent } from './client';
import { socketUrl } from './protocol';

interface SocketState {
  state: ConnectionState;
  attempt: number;
  /** Whether this connection was ever open (a drop, not a server without sockets). */
  opened: boolean;
  client: ChatSocketClient | null;
  /** The last error frame not tied to a message being sent. */
  lastError: string | null;
  start: () => void;
  stop: () => void;
  clearError: () => void;
}

let invalidateTimer: ReturnType<typeof setTimeout> | null = null;
function invalidateSoon(key: unknown[]) {
  if (invalidateTimer) return;
  invalidateTimer = setTimeout(() => {
    invalidateTimer = null;
    void queryClient.invalidateQueries({ queryKey: key });
  }, 500);
}

/** Routes one socket event; exported for tests. */
export function route(e: SocketEvent, set: (p: Partial<SocketState>) => void) {
  const chat = useChat.getState();
  switch (e.kind) {
    case 'state':
      set(e.state === 'open' ? { state: e.state, attempt: e.attempt, opened: true } : { state: e.state, attempt: e.attempt });
      return;
    case 'chunk':
      chat.chunk(e.taskId, e.chunk);
      if (e.chunk.type === 'pending_change') {
        const c = changeFromEvent(e.chunk.data);
        if (c) usePending.getState().upsert(c);
        else void usePending.getState().load();
      }
      return;
    case 'complete': {
      chat.complete(e.taskId, e.status, e.error);
      const t = useChat.getState().tasks[e.taskId];
      const cid = t?.conversationId;
      // the saved message replaces the streamed one once it is loaded
      const done = cid
        ? queryClient.invalidateQueries({ queryKey: ['conversation', cid] })
        : Promise.resolve();
      void done.then(() => {
        const now = useChat.getState().tasks[e.taskId];
        if (now && now.status === 'completed') useChat.getState().removeTask(e.taskId);
      });
      void queryClient.invalidateQueries({ queryKey: ['conversations'] });
      return;
    }
    case 'frame': {
      const f = e.frame;
      switch (f.type) {
        case 'conversation_created':
          chat.conversationCreated(f.request_id, f.conversation.id);
          void queryClient.invalidateQueries({ queryKey: ['conversations'] });
          return;
        case 'task_started':
          chat.taskStarted(f.task_id, f.conversation_id);
          if (f.request_id) {
            chat.conversationCreated(f.request_id, f.conversation_id);
            chat.updateOutgoing(f.request_id, { state: 'started' });
          }
          // the user's saved message replaces the optimistic one
          void queryClient.invalidateQueries({ queryKey: ['conversation', f.conversation_id] }).then(() => {
            if (f.request_id) useChat.getState().removeOutgoing(f.request_id);
          });
          return;
        case 'catchup':
          if (f.conversation_id) chat.taskStarted(f.task_id, f.conversation_id);
          return;
        case 'typing':
          chat.setTyping(f.conversation_id, f.user_id);
          return;
        case 'new_message':
          void queryClient.invalidateQueries({ queryKey: ['conversation', f.conversation_id] });
          void queryClient.invalidateQueries({ queryKey: ['conversations'] });
          if (f.task_id) {
            chat.taskStarted(f.task_id, f.conversation_id);
            useSocket.getState().client?.watch(f.task_id, -1);
          }
          return;
        case 'sync_progress':
          useSyncProgress.getState().apply(f);
          if (f.status !== 'running') invalidateSoon(['integrations']);
          return;
        case 'pending_change': {
          const c = changeFromEvent(f as Record<string, unknown>);
          if (c) usePending.getState().upsert(c);
          else void usePending.getState().load();
          // a decided change leaves a note in its conversation ("Change 1 is done …"): show it without a reload
          if (typeof f.conversation_id === 'string' && f.status !== 'pending') {
            void queryClient.invalidateQueries({ queryKey: ['conversation', f.conversation_id] });
          }
          return;
        }
        case 'error':
          if (f.request_id && chat.outgoing.some((o) => o.requestId === f.request_id)) {
            chat.updateOutgoing(f.request_id, { state: 'failed', error: f.message });
          } else if (f.task_id) {
            chat.complete(f.task_id, 'failed', f.message);
          } else {
            // a frame the server could not read has no request id: what was being sent failed
            const sending = chat.outgoing.filter((o) => o.state === 'sending');
            if (sending.length > 0 && (f.code === 'frame_too_large' || f.code === 'malformed_json' || f.code === 'invalid_frame')) {
              for (const o of sending) chat.updateOutgoing(o.requestId, { state: 'failed', error: f.message });
            } else {
              set({ lastError: f.message });
            }
          }
          return;
        default:
          return;
      }
    }
  }
}

export const useSocket = create<SocketState>((set, get) => ({
  state: 'idle',
  attempt: 0,
  opened: false,
  client: null,
  lastError: null,
  start: () => {
    get().client?.close();
    const client = new ChatSocketClient({
      url: () => {
        const { token, orgId } = useAuth.getState();
        return token && orgId ? socketUrl(window.location.origin, token, orgId) : null;
      },
    });
    client.on((e) => route(e, set));
    set({ client, opened: false });
    client.connect();
  },
  stop: () => {
    get().client?.close();
    set({ client: null, state: 'idle' });
  },
  clearError: () => set({ lastError: null }),
}));

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => useSocket.getState().client?.reconnectNow());
}
