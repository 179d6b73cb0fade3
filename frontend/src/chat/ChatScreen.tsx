// Chat with Penny: conversation list on the left, the conversation on the right (one pane at a time on phones).
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';

export default function ChatScreen({ conversationId }: { conversationId: string | null }) {
  return (
    <div className="flex h-full min-h-0">
      <aside className={`${conversationId ? 'hidden md:flex' : 'flex'} w-full shrink-0 flex-col border-r border-line bg-panel md:w-72`}>
        <ConversationList activeId={conversationId} />
      </aside>
      <section className={`${conversationId ? 'flex' : 'hidden md:flex'} min-w-0 flex-1 flex-col`} aria-label="Conversation">
        <ConversationView key={conversationId ?? 'new'} conversationId={conversationId} />
      </section>
    </div>
  );
}
