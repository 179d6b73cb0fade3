// The conversations the user sees: all, private or shared, filtered by title.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError } from '../lib/api';
import { relativeTime } from '../lib/format';
import { Badge, Button, Link, Notice, Spinner, inputClass, NotYetAvailable } from '../ui/ui';
import { navigate } from '../app/router';
import { listConversations } from './api';
import { Icon } from '../ui/icons';

type Filter = 'all' | 'private' | 'shared';

export function ConversationList({ activeId }: { activeId: string | null }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setDebounced(q), 250);
    return () => clearTimeout(t);
  }, [q]);
  const list = useQuery({ queryKey: ['conversations', filter, debounced], queryFn: () => listConversations(filter, debounced) });

  return (
    <nav aria-label="Conversations" className="flex h-full flex-col">
      <div className="space-y-2 border-b border-line p-3">
        <Button variant="primary" className="w-full" onClick={() => navigate('/chat/new')}>
          <Icon name="plus" /> New chat
        </Button>
        <label className="sr-only" htmlFor="conversation-search">Search conversations by title</label>
        <input
          id="conversation-search"
          type="search"
          className={inputClass}
          placeholder="Search by title"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <div role="group" aria-label="Which conversations" className="flex gap-1 text-xs">
          {(['all', 'private', 'shared'] as Filter[]).map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={filter === f}
              onClick={() => setFilter(f)}
              className={`flex-1 rounded-md px-2 py-1 capitalize ${filter === f ? 'bg-accent/15 font-semibold text-accent' : 'text-muted hover:bg-raised'}`}
            >
              {f}
            </button>
          ))}
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-2">
        {list.isPending ? (
          <div className="p-2"><Spinner /></div>
        ) : list.isError ? (
          list.error instanceof ApiError && list.error.status === 404 ? (
            <NotYetAvailable what="Chat" />
          ) : (
            <Notice kind="error" title="Conversations could not be loaded" action={<Button onClick={() => list.refetch()}>Try again</Button>}>
              {(list.error as Error).message}
            </Notice>
          )
        ) : list.data.conversations.length === 0 ? (
          <p className="p-3 text-sm text-muted">
            {debounced ? `No conversation title contains “${debounced}”.` : 'No conversations yet. Ask Penny something to start one.'}
          </p>
        ) : (
          <ul className="space-y-0.5">
            {list.data.conversations.map((c) => (
              <li key={c.id}>
                <Link
                  to={`/chat/${c.id}`}
                  aria-current={c.id === activeId ? 'page' : undefined}
                  className={`block rounded-md px-3 py-2 text-sm ${c.id === activeId ? 'bg-accent/10' : 'hover:bg-raised'}`}
                >
                  <span className="flex items-center justify-between gap-2">
                    <span className="truncate font-medium">{c.title || 'Untitled conversation'}</span>
                    {c.scope === 'shared' && <Badge tone="accent">shared</Badge>}
                  </span>
                  <span className="text-xs text-muted">{relativeTime(c.last_message_at ?? c.updated_at)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </nav>
  );
}
