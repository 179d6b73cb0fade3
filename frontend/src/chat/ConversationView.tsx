// One conversation: saved messages, the answer being streamed, typing, and the composer.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAuth } from '../auth/store';
import { ApiError, api, errorMessage } from '../lib/api';
import { newRequestId } from '../lib/format';
import type { ChatMessage, ContentBlock, Member, Scope } from '../lib/types';
import { useSocket } from '../socket/store';
import { Badge, Button, Link, Notice, Spinner, NotYetAvailable } from '../ui/ui';
import { navigate } from '../app/router';
import { Blocks } from './Blocks';
import { Composer } from './Composer';
import { Participants } from './Participants';
import { getConversation, updateConversation } from './api';
import { hasVisibleContent, tasksOf, useChat, type LiveTask, type OutgoingMessage } from './store';

function UserBubble({ text, note }: { text: string; note?: React.ReactNode }) {
  return (
    <div className="flex justify-end">
      <div className="min-w-0 max-w-[85%] rounded-2xl rounded-br-sm bg-accent/12 px-4 py-2 text-sm" data-testid="user-message">
        <p className="whitespace-pre-wrap break-words">{text}</p>
        {note && <div className="mt-1 text-xs text-muted">{note}</div>}
      </div>
    </div>
  );
}

function AssistantBubble({ children, label = 'Penny' }: { children: React.ReactNode; label?: string }) {
  return (
    <div className="flex gap-3">
      <span aria-hidden className="mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-accent text-xs font-bold text-accent-ink">P</span>
      <div className="min-w-0 flex-1 text-sm">
        <p className="sr-only">{label}:</p>
        {children}
      </div>
    </div>
  );
}

function textOf(blocks: ContentBlock[]): string {
  return blocks.filter((b) => b.type === 'text').map((b) => b.text ?? '').join('\n');
}

function StoredMessage({ m }: { m: ChatMessage }) {
  const blocks = Array.isArray(m.content_blocks) ? m.content_blocks : [];
  if (m.role === 'user') return <UserBubble text={textOf(blocks)} />;
  return (
    <AssistantBubble>
      <Blocks blocks={blocks} />
    </AssistantBubble>
  );
}

function LiveAnswer({ task, onRetry }: { task: LiveTask; onRetry?: () => void }) {
  const visible = hasVisibleContent(task.blocks);
  // the server often streams the failure's explanation as text too: say it once
  const errorShown = !!task.error && task.blocks.some((b) => b.type === 'text' && (b.text ?? '').includes(task.error!));
  return (
    <AssistantBubble>
      <div aria-live="polite" aria-busy={task.status === 'running'} data-testid="live-answer" data-status={task.status}>
        <Blocks blocks={task.blocks} streaming={task.status === 'running'} />
        {task.status === 'running' && !visible && <Spinner label="Penny is thinking" />}
        {task.status === 'cancelled' && <p className="mt-1 text-xs text-muted">Stopped.</p>}
        {task.status === 'failed' && (
          <Notice kind="error" title="Penny could not finish this answer" action={onRetry && <Button onClick={onRetry}>Ask again</Button>}>
            {errorShown ? '' : `${task.error || 'Something went wrong on the server.'} `}Ask again, or rephrase the question.
          </Notice>
        )}
      </div>
    </AssistantBubble>
  );
}

function ConnectionBanner() {
  const { state, attempt, client, opened } = useSocket();
  if (state !== 'reconnecting' || (!opened && attempt < 2)) return null;
  return (
    <div role="status" data-testid="connection-banner" className="flex items-center justify-between gap-3 border-b border-warn/40 bg-warn/10 px-4 py-2 text-sm">
      <span className="min-w-0 flex-1">
        {opened
          ? `Connection lost — reconnecting${attempt > 1 ? ` (try ${attempt})` : ''}… Answers in progress continue where they left off.`
          : 'Cannot open the live connection to the server, so messages cannot be sent yet. Retrying; if this lasts, check that the server is running and that your network allows WebSockets.'}
      </span>
      <Button onClick={() => client?.reconnectNow()}>Reconnect now</Button>
    </div>
  );
}

export function ConversationView({ conversationId }: { conversationId: string | null }) {
  const qc = useQueryClient();
  const me = useAuth((s) => s.me);
  const client = useSocket((s) => s.client);
  const socketState = useSocket((s) => s.state);
  const socketError = useSocket((s) => s.lastError);
  const tasks = useChat((s) => s.tasks);
  const outgoingAll = useChat((s) => s.outgoing);
  const typing = useChat((s) => (conversationId ? s.typing[conversationId] : undefined));
  const [newScope, setNewScope] = useState<Scope>('private');
  const [showPeople, setShowPeople] = useState(false);
  const [, tick] = useState(0);
  const bottom = useRef<HTMLDivElement>(null);

  const detail = useQuery({
    queryKey: ['conversation', conversationId],
    queryFn: () => getConversation(conversationId!),
    enabled: !!conversationId,
  });
  const members = useQuery({ queryKey: ['members'], queryFn: () => api<Member[]>('/api/members'), staleTime: 60_000 });

  // a reload (or another tab) finds answers still running: follow them from their first chunk
  useEffect(() => {
    if (!detail.data || !client) return;
    for (const taskId of detail.data.running_task_ids ?? []) {
      if (!useChat.getState().tasks[taskId]) useChat.getState().taskStarted(taskId, detail.data.id);
      if (!client.isWatching(taskId)) client.watch(taskId, useChat.getState().tasks[taskId]?.lastIndex ?? -1);
    }
  }, [detail.data, client]);

  // the conversation a new chat created: move to its address
  const pendingNew = outgoingAll.find((o) => o.conversationKey !== 'new' && !conversationId);
  useEffect(() => {
    if (!conversationId && pendingNew) navigate(`/chat/${pendingNew.conversationKey}`, { replace: true });
  }, [conversationId, pendingNew]);

  const live = useMemo(() => tasksOf(tasks, conversationId), [tasks, conversationId]);
  const outgoing = outgoingAll.filter((o) => o.conversationKey === (conversationId ?? 'new'));
  const running = live.find((t) => t.status === 'running');

  // saved assistant messages after the last user message are being streamed live: show them once
  const messages = useMemo(() => {
    const all = detail.data?.messages ?? [];
    if (live.length === 0) return all;
    let lastUser = -1;
    all.forEach((m, i) => {
      if (m.role === 'user') lastUser = i;
    });
    return all.filter((m, i) => m.role === 'user' || i < lastUser);
  }, [detail.data, live.length]);

  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length, live, outgoing.length]);

  // typing indicators expire
  useEffect(() => {
    if (!typing) return;
    const t = setTimeout(() => tick((n) => n + 1), Math.max(0, typing.until - Date.now()) + 50);
    return () => clearTimeout(t);
  }, [typing]);
  const typer = typing && typing.until > Date.now() && typing.userId !== me?.user.id
    ? members.data?.find((m) => m.user_id === typing.userId)?.name || members.data?.find((m) => m.user_id === typing.userId)?.email || 'Someone'
    : null;

  function send(text: string, retryOf?: OutgoingMessage): boolean {
    if (!client) return false;
    const requestId = newRequestId();
    const msg: OutgoingMessage = {
      requestId,
      conversationKey: conversationId ?? 'new',
      text,
      state: 'sending',
      scope: conversationId ? undefined : newScope,
    };
    if (retryOf) useChat.getState().removeOutgoing(retryOf.requestId);
    useChat.getState().addOutgoing(msg);
    const result = client.send({
      type: 'send_message',
      message: text,
      conversation_id: conversationId ?? undefined,
      scope: conversationId ? undefined : newScope,
      local_time: new Date().toISOString(),
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      request_id: requestId,
    });
    if (result === 'queued') useChat.getState().updateOutgoing(requestId, { state: 'queued' });
    if (result === 'dropped') useChat.getState().updateOutgoing(requestId, { state: 'failed', error: 'Too many messages are waiting for the connection.' });
    return true;
  }

  const lastUserText = (() => {
    const all = detail.data?.messages ?? [];
    for (let i = all.length - 1; i >= 0; i--) if (all[i].role === 'user') return textOf(all[i].content_blocks ?? []);
    return null;
  })();

  const c = detail.data;
  const isOwner = !!c && c.owner_id === me?.user.id;
  const missing = detail.error instanceof ApiError && detail.error.status === 404;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex items-center gap-2 border-b border-line bg-panel px-4 py-2.5">
        <Link to="/chat" className="rounded-md px-1 text-sm text-accent md:hidden" aria-label="Back to conversations">
          ‹ Chats
        </Link>
        <h1 className="min-w-0 flex-1 truncate text-base font-semibold">
          {conversationId ? c?.title || (detail.isPending ? '' : 'Untitled conversation') : 'New chat'}
        </h1>
        {c && (
          <>
            <Badge tone={c.scope === 'shared' ? 'accent' : 'neutral'}>{c.scope}</Badge>
            {isOwner && (
              <Button
                variant="ghost"
                className="text-xs"
                onClick={async () => {
                  await updateConversation(c.id, { scope: c.scope === 'shared' ? 'private' : 'shared' });
                  await qc.invalidateQueries({ queryKey: ['conversation', c.id] });
                  await qc.invalidateQueries({ queryKey: ['conversations'] });
                }}
              >
                {c.scope === 'shared' ? 'Make private' : 'Share with team'}
              </Button>
            )}
            <Button variant="ghost" className="text-xs" aria-expanded={showPeople} onClick={() => setShowPeople(!showPeople)}>
              People ({(c.participants?.length ?? 0) + 1})
            </Button>
          </>
        )}
      </header>
      <ConnectionBanner />
      {socketError && (
        <div className="border-b border-line px-4 py-2">
          <Notice kind="error" action={<Button onClick={() => useSocket.getState().clearError()}>Dismiss</Button>}>{socketError}</Notice>
        </div>
      )}
      {showPeople && c && (
        <Participants conversation={c} members={members.data ?? []} isOwner={isOwner} onClose={() => setShowPeople(false)} />
      )}
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto max-w-3xl space-y-5 px-4 py-6">
          {conversationId && detail.isPending && <Spinner label="Loading conversation" />}
          {missing && (
            <Notice kind="error" title="This conversation is not available">
              It was deleted, or it is private to someone else. <Link to="/chat/new" className="text-accent underline">Start a new chat</Link>.
            </Notice>
          )}
          {detail.isError && !missing && (
            <Notice kind="error" title="The conversation could not be loaded" action={<Button onClick={() => detail.refetch()}>Try again</Button>}>
              {errorMessage(detail.error)}
            </Notice>
          )}
          {!conversationId && outgoing.length === 0 && (
            <div className="py-10 text-center">
              <p className="text-lg font-semibold">Ask Penny anything about your business</p>
              <p className="mt-1 text-sm text-muted">
                “Which deals closing this month have had no activity for two weeks?” · “Summarize my last call with Acme”
              </p>
            </div>
          )}
          {messages.map((m) => (
            <StoredMessage key={m.id} m={m} />
          ))}
          {outgoing.map((o) => (
            <UserBubble
              key={o.requestId}
              text={o.text}
              note={
                o.state === 'queued' ? 'Waiting for the connection…' :
                o.state === 'failed' ? (
                  <span className="text-danger">
                    Not sent: {o.error}{' '}
                    <button type="button" className="underline" onClick={() => send(o.text, o)}>Send again</button>
                  </span>
                ) : null
              }
            />
          ))}
          {live.map((t) => (
            <LiveAnswer key={t.taskId} task={t} onRetry={lastUserText ? () => send(lastUserText) : undefined} />
          ))}
          {typer && <p className="text-xs text-muted" aria-live="polite">{typer} is typing…</p>}
          <div ref={bottom} />
        </div>
      </div>
      {!missing && (
        <Composer
          running={!!running}
          onSend={(t) => send(t)}
          onStop={running ? () => client?.cancel(running.taskId) : undefined}
          onTyping={conversationId ? () => client?.send({ type: 'typing', conversation_id: conversationId }) : undefined}
          disabledReason={socketState === 'idle' ? 'Not connected.' : null}
          scopeChoice={
            !conversationId ? (
              <label className="flex items-center gap-1.5">
                <span>Visible to</span>
                <select
                  className="rounded border border-line bg-panel px-1.5 py-0.5 text-xs text-ink"
                  value={newScope}
                  onChange={(e) => setNewScope(e.target.value as Scope)}
                >
                  <option value="private">only me</option>
                  <option value="shared">my team</option>
                </select>
              </label>
            ) : null
          }
        />
      )}
    </div>
  );
}

export { NotYetAvailable };
