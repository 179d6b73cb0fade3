// Folds streamed chunks into the content blocks of the answer being written (the same block shapes the server
// stores in chat_messages.content_blocks, so live and saved answers render alike).
import type { ContentBlock } from '../lib/types';
import type { TaskChunk } from '../socket/protocol';

export interface LiveContent {
  blocks: ContentBlock[];
  usage?: { input_tokens?: number; output_tokens?: number };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function lastIndexOf(blocks: ContentBlock[], pred: (b: ContentBlock) => boolean): number {
  for (let i = blocks.length - 1; i >= 0; i--) if (pred(blocks[i])) return i;
  return -1;
}

function upsertTool(blocks: ContentBlock[], id: string, patch: Partial<ContentBlock>): ContentBlock[] {
  const i = blocks.findIndex((b) => b.type === 'tool_use' && b.id === id);
  if (i < 0) return [...blocks, { type: 'tool_use', id, status: 'running', ...patch }];
  const next = blocks.slice();
  next[i] = { ...next[i], ...patch };
  return next;
}

export function applyChunk(content: LiveContent, chunk: TaskChunk): LiveContent {
  const d = chunk.data ?? {};
  const blocks = content.blocks;
  switch (chunk.type) {
    case 'text_delta': {
      if (d.reset_round !== undefined) {
        // a retried model call: drop the text streamed since the last tool call
        const keep = lastIndexOf(blocks, (b) => b.type !== 'text' && b.type !== 'thinking') + 1;
        return { ...content, blocks: blocks.slice(0, keep) };
      }
      const text = str(d.text);
      if (!text) return content;
      const last = blocks[blocks.length - 1];
      if (last && last.type === 'text') {
        return { ...content, blocks: [...blocks.slice(0, -1), { ...last, text: (last.text ?? '') + text }] };
      }
      return { ...content, blocks: [...blocks, { type: 'text', text }] };
    }
    case 'thinking_delta': {
      const text = str(d.text);
      const last = blocks[blocks.length - 1];
      if (last && last.type === 'thinking') {
        return { ...content, blocks: [...blocks.slice(0, -1), { ...last, text: (last.text ?? '') + text }] };
      }
      return { ...content, blocks: [...blocks, { type: 'thinking', text }] };
    }
    case 'tool_call_start':
      return { ...content, blocks: upsertTool(blocks, str(d.id), { name: str(d.name), status: 'preparing' }) };
    case 'tool_call':
      return { ...content, blocks: upsertTool(blocks, str(d.id), { ...(d as Partial<ContentBlock>), type: 'tool_use' }) };
    case 'tool_result': {
      const { id, ...rest } = d as Record<string, unknown>;
      return { ...content, blocks: upsertTool(blocks, str(id), rest as Partial<ContentBlock>) };
    }
    case 'artifact':
    case 'app':
    case 'pending_change':
      return { ...content, blocks: [...blocks, { ...(d as Partial<ContentBlock>), type: chunk.type }] };
    case 'context_usage':
      return { ...content, usage: d as LiveContent['usage'] };
    default:
      return content;
  }
}
