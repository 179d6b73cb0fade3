package io.revtops.agent.tasks;

import io.revtops.agent.CancellationToken;
import io.revtops.agent.ChunkType;
import io.revtops.agent.TaskChunk;
import io.revtops.agent.TaskEvent;
import io.revtops.agent.TaskEvent.TaskRef;
import io.revtops.agent.TaskStream;
import io.revtops.agent.TurnInput;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;

/**
 * One turn running in this process: the {@link TaskStream} its runner writes to. A chunk's index is assigned, the
 * chunk queued for the log and handed to listeners under one lock, so every listener sees indexes in order.
 */
final class RunningTask implements TaskStream {
    final TaskRef ref;
    final TurnInput input;
    final CancellationToken token = CancellationToken.create();
    final AtomicBoolean finished = new AtomicBoolean();
    volatile Thread thread;

    private final TaskEngine engine;
    private final ReentrantLock order = new ReentrantLock();
    private final ReentrantLock messageLock = new ReentrantLock();
    private int next;
    private boolean closed;
    private UUID assistantMessageId;

    RunningTask(TaskRef ref, TurnInput input, TaskEngine engine) {
        this.ref = ref;
        this.input = input;
        this.engine = engine;
    }

    @Override
    public int emit(ChunkType type, Object data) {
        Objects.requireNonNull(type, "type");
        JsonNode node = engine.toJsonObject(data);
        order.lock();
        try {
            if (closed) throw new CancellationException("the task has ended");
            TaskChunk chunk = new TaskChunk(next++, type, node);
            engine.chunkLog().append(ref, chunk);
            engine.publish(new TaskEvent.Chunk(ref, chunk));
            return chunk.index();
        } finally {
            order.unlock();
        }
    }

    @Override
    public UUID saveAssistantMessage(List<?> contentBlocks) {
        Objects.requireNonNull(contentBlocks, "contentBlocks");
        messageLock.lock();
        try {
            assistantMessageId = engine.saveAssistantMessage(this, assistantMessageId, contentBlocks);
            return assistantMessageId;
        } finally {
            messageLock.unlock();
        }
    }

    @Override
    public int nextIndex() {
        order.lock();
        try {
            return next;
        } finally {
            order.unlock();
        }
    }

    /** Refuses further chunks and returns the last index written (-1: none). */
    int close() {
        order.lock();
        try {
            closed = true;
            return next - 1;
        } finally {
            order.unlock();
        }
    }
}
