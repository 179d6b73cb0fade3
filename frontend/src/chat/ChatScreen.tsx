// Chat with Penny: conversation list on the left, the conversation on the right (one pane at a time on phones).
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';

/** `composing`: the new-chat pane is wanted (on phones /chat shows the list, /chat/new the composer). */
export default function ChatScreen({ conversationId, composing = false }: { conversationId: string | null; composing?: boolean }) {
  const paneFirst = !!conversationId || composing;
  return (
    <div className="flex h-full min-h-0">
      <aside className={`${paneFirst ? 'hidden md:flex' : 'flex'} w-full shrink-0 flex-col border-r border-line bg-panel md:w-72`}>
        <ConversationList activeId={conversationId} />
      </aside>
      <section className={`${paneFirst ? 'flex' : 'hidden md:flex'} min-w-0 flex-1 flex-col`} aria-label="Conversation">
        <ConversationView key={conversationId ?? 'new'} conversationId={conversationId} />
      </section>
    </div>
  );
}
