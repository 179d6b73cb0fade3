// One tool call as a progress line: what Penny is doing, its status, and (on demand) its input and result.
import { useState } from 'react';
import type { ContentBlock } from '../lib/types';
import { pretty } from '../lib/format';

const icons: Record<string, string> = { preparing: '…', running: '⏳', completed: '✓', error: '⚠', cancelled: '■', failed: '⚠' };

export function ToolLine({ block }: { block: ContentBlock }) {
  const [open, setOpen] = useState(false);
  const status = block.status ?? 'running';
  const running = status === 'running' || status === 'preparing';
  const label = block.status_text || (running ? `Using ${block.name ?? 'a tool'}` : `Used ${block.name ?? 'a tool'}`);
  const tone = status === 'error' || status === 'failed' ? 'text-danger' : status === 'completed' ? 'text-ok' : 'text-muted';
  return (
    <div className="my-1.5 rounded-md border border-line bg-raised/60 text-sm" data-testid="tool-line" data-status={status}>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center gap-2 px-3 py-1.5 text-left"
      >
        <span aria-hidden className={`${tone} ${running ? 'animate-pulse' : ''}`}>{icons[status] ?? '•'}</span>
        <span className="min-w-0 flex-1 truncate">
          {label}
          {block.summary ? <span className="text-muted"> — {block.summary}</span> : null}
        </span>
        <span className="sr-only">{status}</span>
        <span aria-hidden className="text-xs text-muted">{open ? 'Hide' : 'Details'}</span>
      </button>
      {open && (
        <div className="space-y-2 border-t border-line px-3 py-2">
          <div>
            <p className="text-xs font-semibold uppercase tracking-wide text-muted">Input</p>
            <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-words text-xs">{pretty(block.input ?? {})}</pre>
          </div>
          {block.error ? (
            <div>
              <p className="text-xs font-semibold uppercase tracking-wide text-danger">Error</p>
              <pre className="mt-1 whitespace-pre-wrap break-words text-xs">{block.error}</pre>
            </div>
          ) : block.result !== undefined ? (
            <div>
              <p className="text-xs font-semibold uppercase tracking-wide text-muted">Result</p>
              <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-words text-xs">{pretty(block.result)}</pre>
            </div>
          ) : (
            <p className="text-xs text-muted">No result yet.</p>
          )}
        </div>
      )}
    </div>
  );
}
