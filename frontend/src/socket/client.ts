// The chat socket client: one connection per signed-in tab, automatic reconnect with backoff, and per-task
// chunk ordering — every chunk is delivered exactly once and in index order, whatever mix of catch-up and live
// frames arrives; after a reconnect, every unfinished task is re-subscribed from the last index delivered.
import {
  parseServerFrame,
  type ClientFrame,
  type ServerFrame,
  type TaskChunk,
  type TaskStatus,
} from './protocol';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export type SocketEvent =
  | { kind: 'state'; state: ConnectionState; attempt: number }
  | { kind: 'frame'; frame: ServerFrame }
  | { kind: 'chunk'; taskId: string; chunk: TaskChunk }
  | { kind: 'complete'; taskId: string; status: TaskStatus; error?: string };

interface Track {
  /** The next chunk index owed to listeners. */
  next: number;
  held: Map<number, TaskChunk>;
  done: boolean;
  repair?: ReturnType<typeof setTimeout>;
}

/** The subset of the browser WebSocket this client uses (a fake in tests). */
export interface SocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface ChatSocketOptions {
  /** Where to connect; null when there is nobody signed in. */
  url: () => string | null;
  createSocket?: (url: string) => SocketLike;
  /** Wait before reconnect attempt n (1, 2, …). */
  backoffMs?: (attempt: number) => number;
  /** How long a gap in chunk indexes may last before the task is re-subscribed. */
  gapRepairMs?: number;
  maxOutbox?: number;
}

const OPEN = 1;

export function defaultBackoff(attempt: number): number {
  const base = Math.min(10_000, 500 * 2 ** Math.min(attempt - 1, 5));
  return base / 2 + Math.random() * (base / 2);
}

export class ChatSocketClient {
  private ws: SocketLike | null = null;
  private readonly tracks = new Map<string, Track>();
  private readonly listeners = new Set<(e: SocketEvent) => void>();
  private outbox: ClientFrame[] = [];
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private everOpened = false;
  state: ConnectionState = 'idle';

  constructor(private readonly opts: ChatSocketOptions) {}

  on(listener: (e: SocketEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens the connection (and keeps it open until close()). */
  connect(): void {
    this.stopped = false;
    if (this.ws && (this.state === 'open' || this.state === 'connecting')) return;
    this.open();
  }

  /** Closes for good (sign-out, organization switch); tracked tasks are forgotten. */
  close(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      ws.onerror = null;
      ws.close(1000, 'bye');
    }
    for (const t of this.tracks.values()) if (t.repair) clearTimeout(t.repair);
    this.tracks.clear();
    this.outbox = [];
    this.setState('closed');
  }

  /** Reconnects at once (the browser came back online). */
  reconnectNow(): void {
    if (this.stopped || this.state === 'open' || this.state === 'connecting') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.open();
  }

  /** Sends now, or queues until the socket is open again (typing indicators are dropped instead). */
  send(frame: ClientFrame): 'sent' | 'queued' | 'dropped' {
    if (this.ws && this.state === 'open' && this.ws.readyState === OPEN) {
      this.ws.send(JSON.stringify(frame));
      return 'sent';
    }
    if (frame.type === 'typing') return 'dropped';
    if (frame.type === 'subscribe') return 'queued'; // re-sent from the tracks on open
    if (this.outbox.length >= (this.opts.maxOutbox ?? 20)) return 'dropped';
    this.outbox.push(frame);
    return 'queued';
  }

  /** Follows a task from after `sinceIndex` (the last index already shown; -1 for everything). */
  watch(taskId: string, sinceIndex = -1): void {
    const existing = this.tracks.get(taskId);
    if (existing && !existing.done) return;
    this.tracks.set(taskId, { next: sinceIndex + 1, held: new Map(), done: false });
    this.send({ type: 'subscribe', task_id: taskId, since_index: sinceIndex });
  }

  cancel(taskId: string): void {
    this.send({ type: 'cancel', task_id: taskId });
  }

  /** The last chunk index delivered for a task (-1 before the first). */
  lastIndex(taskId: string): number {
    return (this.tracks.get(taskId)?.next ?? 0) - 1;
  }

  isWatching(taskId: string): boolean {
    const t = this.tracks.get(taskId);
    return !!t && !t.done;
  }

  // ---- internals ---------------------------------------------------------------------------------------------

  private emit(e: SocketEvent) {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        console.error('socket listener failed', err);
      }
    }
  }

  private setState(state: ConnectionState) {
    this.state = state;
    this.emit({ kind: 'state', state, attempt: this.attempt });
  }

  private open() {
    const url = this.opts.url();
    if (!url) {
      this.setState('idle');
      return;
    }
    this.setState(this.everOpened || this.attempt > 0 ? 'reconnecting' : 'connecting');
    let ws: SocketLike;
    try {
      ws = this.opts.createSocket ? this.opts.createSocket(url) : (new WebSocket(url) as unknown as SocketLike);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.attempt = 0;
      this.everOpened = true;
      this.setState('open');
      // catch up every unfinished task from the last chunk shown, then send what waited
      for (const [taskId, t] of this.tracks) {
        if (!t.done) ws.send(JSON.stringify({ type: 'subscribe', task_id: taskId, since_index: t.next - 1 }));
      }
      const queued = this.outbox;
      this.outbox = [];
      for (const f of queued) ws.send(JSON.stringify(f));
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws || typeof ev.data !== 'string') return;
      const frame = parseServerFrame(ev.data);
      if (frame) this.handle(frame);
    };
    ws.onerror = () => {
      /* onclose follows */
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) {
        this.setState('closed');
        return;
      }
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect() {
    this.attempt += 1;
    this.setState('reconnecting');
    const wait = (this.opts.backoffMs ?? defaultBackoff)(this.attempt);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.open();
    }, wait);
  }

  private handle(frame: ServerFrame) {
    switch (frame.type) {
      case 'task_started':
        // the socket that started a task gets it live from chunk 0
        if (!this.tracks.has(frame.task_id)) this.tracks.set(frame.task_id, { next: 0, held: new Map(), done: false });
        this.emit({ kind: 'frame', frame });
        return;
      case 'task_chunk':
        this.accept(frame.task_id, frame.chunk);
        return;
      case 'catchup': {
        this.emit({ kind: 'frame', frame });
        const sorted = [...frame.chunks].sort((a, b) => a.index - b.index);
        for (const c of sorted) this.accept(frame.task_id, c);
        if (frame.status !== 'running') this.finish(frame.task_id, frame.status, frame.error);
        return;
      }
      case 'task_complete':
        this.finish(frame.task_id, frame.status, frame.error);
        return;
      default:
        this.emit({ kind: 'frame', frame });
    }
  }

  private track(taskId: string, firstIndex: number): Track {
    let t = this.tracks.get(taskId);
    if (!t) {
      t = { next: firstIndex, held: new Map(), done: false };
      this.tracks.set(taskId, t);
    }
    return t;
  }

  private accept(taskId: string, chunk: TaskChunk) {
    const t = this.track(taskId, chunk.index);
    if (t.done || chunk.index < t.next || t.held.has(chunk.index)) return; // seen already
    if (chunk.index > t.next) {
      t.held.set(chunk.index, chunk);
      this.scheduleRepair(taskId, t);
      return;
    }
    this.deliver(taskId, t, chunk);
    let nextChunk = t.held.get(t.next);
    while (nextChunk) {
      t.held.delete(t.next);
      this.deliver(taskId, t, nextChunk);
      nextChunk = t.held.get(t.next);
    }
    if (t.held.size === 0 && t.repair) {
      clearTimeout(t.repair);
      t.repair = undefined;
    }
  }

  private deliver(taskId: string, t: Track, chunk: TaskChunk) {
    t.next = chunk.index + 1;
    this.emit({ kind: 'chunk', taskId, chunk });
  }

  /** A gap that does not close by itself is filled by subscribing again from the last delivered index. */
  private scheduleRepair(taskId: string, t: Track) {
    if (t.repair) return;
    t.repair = setTimeout(() => {
      t.repair = undefined;
      if (!t.done && t.held.size > 0) this.send({ type: 'subscribe', task_id: taskId, since_index: t.next - 1 });
    }, this.opts.gapRepairMs ?? 2000);
  }

  private finish(taskId: string, status: TaskStatus, error?: string) {
    const t = this.track(taskId, 0);
    if (t.done) return;
    if (t.held.size > 0) {
      // chunks before the end are missing: fetch them, the completion comes again with the catch-up
      this.send({ type: 'subscribe', task_id: taskId, since_index: t.next - 1 });
      return;
    }
    t.done = true;
    if (t.repair) clearTimeout(t.repair);
    this.emit({ kind: 'complete', taskId, status, error });
  }
}
