import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatSocketClient, type SocketEvent, type SocketLike } from './client';
import type { TaskChunk } from './protocol';

/** A socket the test drives: it records what the client sends and delivers what the "server" says. */
class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  sent: Record<string, unknown>[] = [];
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006 });
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

const chunk = (index: number, text = `t${index}`): TaskChunk => ({ index, type: 'text_delta', data: { text } });

describe('ChatSocketClient', () => {
  let sockets: FakeSocket[];
  let events: SocketEvent[];
  let client: ChatSocketClient;
  const last = () => sockets[sockets.length - 1];
  const delivered = (taskId = 'T') =>
    events.filter((e): e is Extract<SocketEvent, { kind: 'chunk' }> => e.kind === 'chunk' && e.taskId === taskId).map((e) => e.chunk.index);

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    events = [];
    client = new ChatSocketClient({
      url: () => 'ws://test/ws/chat?token=t&org_id=o',
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      backoffMs: (n) => 100 * n,
      gapRepairMs: 1000,
    });
    client.on((e) => events.push(e));
    client.connect();
    last().open();
  });

  afterEach(() => {
    client.close();
    vi.useRealTimers();
  });

  it('delivers the chunks of a started task in order, once each', () => {
    last().receive({ type: 'task_started', task_id: 'T', conversation_id: 'C' });
    for (const i of [0, 1, 1, 2, 0]) last().receive({ type: 'task_chunk', task_id: 'T', chunk: chunk(i) });
    expect(delivered()).toEqual([0, 1, 2]);
  });

  it('holds a chunk that came early until the ones before it arrive', () => {
    last().receive({ type: 'task_started', task_id: 'T', conversation_id: 'C' });
    last().receive({ type: 'task_chunk', task_id: 'T', chunk: chunk(0) });
    last().receive({ type: 'task_chunk', task_id: 'T', chunk: chunk(2) });
    last().receive({ type: 'task_chunk', task_id: 'T', chunk: chunk(3) });
    expect(delivered()).toEqual([0]);
    last().receive({ type: 'task_chunk', task_id: 'T', chunk: chunk(1) });
    expect(delivered()).toEqual([0, 1, 2, 3]);
  });

  it('re-subscribes from the last delivered index when a gap does not close', () => {
    last().receive({ type: 'task_started', task_id: 'T', conversation_id: 'C' });
    last().receive({ type: 'task_chunk', task_id: 'T', chunk: chunk(0) });
    last().receive({ type: 'task_chunk', task_id: 'T', chunk: chunk(5) });
    last().sent = [];
    vi.advanceTimersByTime(1000);
    expect(last().sent).toEqual([{ type: 'subscribe', task_id: 'T', since_index: 0 }]);
  });

  it('reconnects after a dropped connection and catches up from the last chunk shown', () => {
    last().receive({ type: 'task_started', task_id: 'T', conversation_id: 'C' });
    for (const i of [0, 1, 2]) last().receive({ type: 'task_chunk', task_id: 'T', chunk: chunk(i) });
    last().drop();
    expect(client.state).toBe('reconnecting');
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    last().open();
    expect(client.state).toBe('open');
    expect(last().sent).toEqual([{ type: 'subscribe', task_id: 'T', since_index: 2 }]);
    // the catch-up repeats chunk 2 and arrives unordered; live chunks overlap it
    last().receive({ type: 'task_chunk', task_id: 'T', chunk: chunk(5) });
    last().receive({ type: 'catchup', task_id: 'T', conversation_id: 'C', chunks: [chunk(4), chunk(2), chunk(3)], status: 'running' });
    last().receive({ type: 'task_chunk', task_id: 'T', chunk: chunk(4) });
    last().receive({ type: 'task_chunk', task_id: 'T', chunk: chunk(6) });
    expect(delivered()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('backs off longer after each failed attempt and resets after a success', () => {
    last().drop();
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    last().drop(); // attempt 2 failed before opening
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(3);
    last().open();
    last().drop();
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(4);
  });

  it('completes a task once, after a catch-up that says it finished', () => {
    client.watch('T', -1);
    expect(last().sent).toContainEqual({ type: 'subscribe', task_id: 'T', since_index: -1 });
    last().receive({ type: 'catchup', task_id: 'T', chunks: [chunk(1), chunk(0)], status: 'completed' });
    last().receive({ type: 'task_complete', task_id: 'T', status: 'completed' });
    expect(delivered()).toEqual([0, 1]);
    expect(events.filter((e) => e.kind === 'complete')).toEqual([{ kind: 'complete', taskId: 'T', status: 'completed', error: undefined }]);
  });

  it('does not complete while chunks are missing: it asks for them first', () => {
    client.watch('T', -1);
    last().receive({ type: 'task_chunk', task_id: 'T', chunk: chunk(0) });
    last().receive({ type: 'task_chunk', task_id: 'T', chunk: chunk(2) });
    last().sent = [];
    last().receive({ type: 'task_complete', task_id: 'T', status: 'completed' });
    expect(events.some((e) => e.kind === 'complete')).toBe(false);
    expect(last().sent).toEqual([{ type: 'subscribe', task_id: 'T', since_index: 0 }]);
    last().receive({ type: 'catchup', task_id: 'T', chunks: [chunk(1), chunk(2)], status: 'completed' });
    expect(delivered()).toEqual([0, 1, 2]);
    expect(events.some((e) => e.kind === 'complete')).toBe(true);
  });

  it('queues a message while disconnected and sends it after reconnecting; typing is dropped', () => {
    last().drop();
    expect(client.send({ type: 'send_message', message: 'hello', request_id: 'r1' })).toBe('queued');
    expect(client.send({ type: 'typing', conversation_id: 'C' })).toBe('dropped');
    vi.advanceTimersByTime(100);
    last().open();
    expect(last().sent).toEqual([{ type: 'send_message', message: 'hello', request_id: 'r1' }]);
  });

  it('ignores frames that are not JSON or not part of the protocol', () => {
    last().onmessage?.({ data: 'not json' });
    last().receive({ type: 'something_else' });
    expect(events.filter((e) => e.kind === 'frame')).toEqual([]);
  });

  it('stops reconnecting after close()', () => {
    client.close();
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
    expect(client.state).toBe('closed');
  });
});
