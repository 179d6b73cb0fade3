package io.revtops.agent.model;

import java.util.Iterator;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Reads a blocking SDK stream on its own virtual thread and hands its items to the caller's thread,
 * so that cancellation never waits for the network: on cancel the caller stops at once, closes the
 * stream and interrupts the reader (which closes its socket), whatever state the HTTP call is in —
 * even while still waiting for response headers.
 */
final class StreamPump {

    /** An opened stream: its items and a way to close it from another thread. */
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
    private static final Source<Object> STOPPED = new Source<>() {
        @Override
        public Iterator<Object> iterator() {
            throw new IllegalStateException("stopped");
        }

        @Override
        public void close() { }
    };

    private record Item(Object value) { }

    private record Failed(Throwable error) { }

    private StreamPump() { }

    /**
     * Runs the stream; {@code handler} is called on this thread for each item. Returns when the stream
     * is exhausted; throws {@link ModelException} on cancellation or on a failure ({@code classify}).
     */
    @SuppressWarnings("unchecked")
    static <E> void run(String name, Opener<E> opener, java.util.function.Consumer<E> handler,
            CancellationToken cancel, Function<Throwable, ModelFailure> classify) {
        cancel.throwIfCancelled();
        LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        AtomicReference<Source<?>> source = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().name("model-stream-" + name).unstarted(() -> {
            try {
                Source<E> opened = opener.open();
                if (!source.compareAndSet(null, opened)) {
                    opened.close(); // stopped while we were connecting
                    return;
                }
                Iterator<E> items = opened.iterator();
                while (items.hasNext()) {
                    queue.add(new Item(items.next()));
                }
                queue.add(END);
            } catch (Throwable t) {
                queue.add(new Failed(t));
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
            Source<?> opened = source.getAndSet(STOPPED);
            if (opened != null && opened != STOPPED) {
                try {
                    opened.close();
                } catch (RuntimeException ignoredClose) {
                    // closing a half-read stream may complain; the reader is being stopped anyway
                }
            }
            if (reader.isAlive()) {
                reader.interrupt();
            }
        }
    }
}
