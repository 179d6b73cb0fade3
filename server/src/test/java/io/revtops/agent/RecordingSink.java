package io.revtops.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A turn sink for tests: keeps every chunk in order and every saved version of the assistant message. */
final class RecordingSink implements TurnSink {
    record Chunk(String type, Map<String, Object> data) {}

    final List<Chunk> chunks = Collections.synchronizedList(new ArrayList<>());
    final List<List<Map<String, Object>>> saves = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void emit(String type, Map<String, Object> data) {
        chunks.add(new Chunk(type, data));
    }

    @Override
    public void saveAssistantMessage(List<Map<String, Object>> contentBlocks) {
        saves.add(contentBlocks);
    }

    List<Chunk> ofType(String type) {
        synchronized (chunks) {
            return chunks.stream().filter(c -> c.type().equals(type)).toList();
        }
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (Chunk c : ofType("text_delta")) sb.append(c.data().get("text"));
        return sb.toString();
    }

    List<Map<String, Object>> lastSaved() {
        return saves.isEmpty() ? List.of() : saves.getLast();
    }
}
