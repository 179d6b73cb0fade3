// Renders the content blocks of a message (saved or streaming).
import { lazy, Suspense } from 'react';
import type { ContentBlock } from '../lib/types';
import { Markdown } from '../lib/markdown';
import { ToolLine } from './ToolLine';
import { Spinner } from '../ui/ui';
import { usePanels } from '../app/panels';

const PlotlyChart = lazy(() => import('../charts/PlotlyChart'));

function Artifact({ block }: { block: ContentBlock }) {
  const kind = String(block.artifact_type ?? block.kind ?? block.content_type ?? '');
  const title = String(block.title ?? block.name ?? 'Artifact');
  const content = block.content;
  return (
    <div className="my-2 rounded-lg border border-line bg-panel p-3">
      <p className="text-sm font-semibold">{title}</p>
      {kind === 'chart' && content && typeof content === 'object' ? (
        <Suspense fallback={<Spinner label="Loading chart" />}>
          <PlotlyChart figure={content as object} title={title} />
        </Suspense>
      ) : (kind === 'markdown' || kind === 'text') && typeof content === 'string' ? (
        <Markdown text={content} className="mt-1 text-sm" />
      ) : null}
      {typeof block.url === 'string' && block.url.startsWith('/') && (
        <a className="mt-1 inline-block text-sm text-accent underline" href={block.url} target="_blank" rel="noopener noreferrer">
          Open {kind || 'artifact'}
        </a>
      )}
    </div>
  );
}

function PendingNote({ block }: { block: ContentBlock }) {
  const open = usePanels((s) => s.openPending);
  // a note the server posts once a change is decided nests the change ({type, change: {status, preview, …}});
  // the block streamed by the proposing tool carries the change's fields itself
  const nested = block.change;
  const change: Record<string, unknown> = nested && typeof nested === 'object' ? (nested as Record<string, unknown>) : block;
  const status = typeof change.status === 'string' ? change.status : 'pending';
  const waiting = status === 'pending';
  return (
    <div className={`my-2 flex flex-wrap items-center justify-between gap-2 rounded-lg border px-3 py-2 text-sm ${waiting ? 'border-warn/40 bg-warn/10' : 'border-line bg-raised/60'}`}>
      <span>
        {waiting ? 'Waiting for approval' : `Change ${status}`}
        {waiting && change.preview ? <>: <span className="text-muted">{String(change.preview)}</span></> : null}
      </span>
      <button type="button" className="text-accent underline" onClick={open}>
        Review in Pending changes
      </button>
    </div>
  );
}

export function Blocks({ blocks, streaming = false }: { blocks: ContentBlock[]; streaming?: boolean }) {
  return (
    <>
      {blocks.map((b, i) => {
        const last = i === blocks.length - 1;
        switch (b.type) {
          case 'text':
            return (
              <div key={i} className={streaming && last ? 'streaming' : ''}>
                <Markdown text={b.text ?? ''} />
              </div>
            );
          case 'thinking':
            return (
              <details key={i} className="my-1 text-sm text-muted">
                <summary className="select-none">Thinking</summary>
                <p className="mt-1 whitespace-pre-wrap border-l-2 border-line pl-3">{b.text}</p>
              </details>
            );
          case 'tool_use':
            return b.hidden ? null : <ToolLine key={b.id ?? i} block={b} />;
          case 'artifact':
          case 'app':
            return <Artifact key={i} block={b} />;
          case 'pending_change':
            return <PendingNote key={i} block={b} />;
          case 'attachment':
            return (
              <p key={i} className="text-sm text-muted">
                Attachment: {String(b.name ?? b.filename ?? 'file')}
              </p>
            );
          default:
            return null;
        }
      })}
    </>
  );
}
