package io.revtops.agent.model;

import java.util.Iterator;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a blocking SDK stream on its own virtual thread and hands its items to the caller's thread,
 * so that cancellation never waits for the network: on cancel the caller stops at once and the
 * reader is interrupted (which closes its socket), whatever state the HTTP call is in — even while
 * still waiting for response headers.
 */
final class StreamPump {

    /** An opened stream: its items, and how to release it (called on the reader thread only). */
    interface Source<E> extends AutoCloseable {
        Iterator<E> iterator();

        @Override
        void close();
    }

    /** Opens the stream (sends the HTTP request); may block until the response headers arrive. */
    @FunctionalInterface
    interface Opener<E> {
        Source<E> open() throws Exception;
    }

    private static final Object END = new Object();
    private static final Object CANCELLED = new Object();

    private record Item(Object value) { }

    private record Failed(Throwable error) { }

    private StreamPump() { }

    /**
     * Runs the stream; {@code handler} is called on this thread for each item. Returns when the stream
     * is exhausted; throws {@link ModelException} on cancellation or on a failure ({@code classify}).
     */
    @SuppressWarnings("unchecked")
    static <E> void run(String name, Opener<E> opener, Consumer<E> handler,
            CancellationToken cancel, Function<Throwable, ModelFailure> classify) {
        cancel.throwIfCancelled();
        LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        AtomicBoolean stopped = new AtomicBoolean();
        // The reader alone touches the HTTP response: closing it from another thread while it reads
        // races inside OkHttp and can leave the socket open. To stop it we interrupt it instead: a
        // virtual thread interrupted while blocked on a socket closes that socket.
        Thread reader = Thread.ofVirtual().name("model-stream-" + name).unstarted(() -> {
            Source<E> opened = null;
            try {
                opened = opener.open();
                Iterator<E> items = opened.iterator();
                while (!stopped.get() && items.hasNext()) {
                    queue.add(new Item(items.next()));
                }
                queue.add(END);
            } catch (Throwable t) {
                queue.add(new Failed(t));
            } finally {
                if (opened != null) {
                    try {
                        opened.close();
                    } catch (RuntimeException ignored) {
                        // closing a half-read stream may complain; we are done with it either way
                    }
                }
            }
        });
        try (CancellationToken.Registration ignored = cancel.onCancel(() -> queue.add(CANCELLED))) {
            reader.start();
            while (true) {
                Object next = queue.take();
                if (next == CANCELLED || cancel.isCancelled()) {
                    throw new ModelException(new ModelFailure.Cancelled());
                }
                if (next == END) {
                    return;
                }
                if (next instanceof Failed failed) {
                    throw new ModelException(classify.apply(failed.error()), failed.error());
                }
                handler.accept((E) ((Item) next).value());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(new ModelFailure.Cancelled(), e);
        } finally {
            stopped.set(true);
            if (reader.isAlive()) {
                reader.interrupt();
            }
        }
    }
}
