package io.revtops.agent.model;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Keeps every event it receives and lets a test wait for the first text. */
final class RecordingListener implements ModelStreamListener {

    private final List<ModelEvent> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstText = new CountDownLatch(1);

    @Override
    public void onEvent(ModelEvent event) {
        events.add(event);
        if (event instanceof ModelEvent.TextDelta) {
            firstText.countDown();
        }
    }

    List<ModelEvent> events() {
        return List.copyOf(events);
    }

    <T extends ModelEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    String text() {
        StringBuilder out = new StringBuilder();
        events(ModelEvent.TextDelta.class).forEach(d -> out.append(d.text()));
        return out.toString();
    }

    boolean awaitFirstText(Duration timeout) throws InterruptedException {
        return firstText.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
