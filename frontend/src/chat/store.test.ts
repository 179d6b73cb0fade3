import { beforeEach, describe, expect, it } from 'vitest';
import { useChat, tasksOf } from './store';
import { applyChunk } from './blocks';
import type { TaskChunk } from '../socket/protocol';

const c = (index: number, type: TaskChunk['type'], data: Record<string, unknown>): TaskChunk => ({ index, type, data });

describe('chat store', () => {
  beforeEach(() => useChat.getState().reset());

  it('folds streamed chunks into text, thinking and tool blocks', () => {
    const s = useChat.getState();
    s.taskStarted('T', 'C');
    s.chunk('T', c(0, 'thinking_delta', { text: 'Let me ' }));
    s.chunk('T', c(1, 'thinking_delta', { text: 'check.' }));
    s.chunk('T', c(2, 'tool_call_start', { id: 'u1', name: 'run_sql_query' }));
    s.chunk('T', c(3, 'tool_call', { id: 'u1', name: 'run_sql_query', input: { sql: 'SELECT 1' }, status: 'running', status_text: 'Querying deals' }));
    s.chunk('T', c(4, 'tool_result', { id: 'u1', status: 'completed', summary: '3 rows', result: { row_count: 3 } }));
    s.chunk('T', c(5, 'text_delta', { text: 'You have ' }));
    s.chunk('T', c(6, 'text_delta', { text: '3 deals.' }));
    const t = useChat.getState().tasks.T;
    expect(t.blocks.map((b) => b.type)).toEqual(['thinking', 'tool_use', 'text']);
    expect(t.blocks[0].text).toBe('Let me check.');
    expect(t.blocks[1]).toMatchObject({ id: 'u1', status: 'completed', status_text: 'Querying deals', summary: '3 rows', input: { sql: 'SELECT 1' } });
    expect(t.blocks[2].text).toBe('You have 3 deals.');
    expect(t.lastIndex).toBe(6);
  });

  it('applies a chunk index only once', () => {
    const s = useChat.getState();
    s.chunk('T', c(0, 'text_delta', { text: 'a' }));
    s.chunk('T', c(0, 'text_delta', { text: 'a' }));
    s.chunk('T', c(1, 'text_delta', { text: 'b' }));
    expect(useChat.getState().tasks.T.blocks[0].text).toBe('ab');
  });

  it('drops text streamed by a model call that is retried', () => {
    let content = { blocks: [] as never[] } as Parameters<typeof applyChunk>[0];
    content = applyChunk(content, c(0, 'text_delta', { text: 'partial answ' }));
    content = applyChunk(content, c(1, 'text_delta', { text: '', reset_round: 0, retry: 1 }));
    content = applyChunk(content, c(2, 'text_delta', { text: 'Full answer.' }));
    expect(content.blocks).toEqual([{ type: 'text', text: 'Full answer.' }]);
  });

  it('moves a new chat’s outgoing message to the conversation the server created', () => {
    const s = useChat.getState();
    s.addOutgoing({ requestId: 'r1', conversationKey: 'new', text: 'hi', state: 'sending' });
    s.conversationCreated('r1', 'C9');
    expect(useChat.getState().outgoing[0].conversationKey).toBe('C9');
  });

  it('lists the tasks of one conversation and records how they ended', () => {
    const s = useChat.getState();
    s.taskStarted('A', 'C1');
    s.taskStarted('B', 'C2');
    s.complete('A', 'failed', 'The model is overloaded');
    expect(tasksOf(useChat.getState().tasks, 'C1').map((t) => [t.taskId, t.status, t.error])).toEqual([['A', 'failed', 'The model is overloaded']]);
  });
});

describe('a new answer in the same conversation', () => {
  beforeEach(() => useChat.getState().reset());
  it('replaces the stopped or failed one before it', () => {
    const s = useChat.getState();
    s.taskStarted('A', 'C');
    s.complete('A', 'cancelled');
    s.taskStarted('X', 'other');
    s.taskStarted('B', 'C');
    expect(Object.keys(useChat.getState().tasks).sort()).toEqual(['B', 'X']);
  });
});
