package io.revtops.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Without a language model, chat says exactly which variables to set and never pretends to answer. */
@RevtopsTest
class ModelNotConfiguredTest {
    @LocalServerPort int port;

    @Test
    void chatWithoutAModelNamesTheVariablesToSetAndFails() {
        Session ada = new TestApi(port).devLogin("ada@co" + UUID.randomUUID().toString().substring(0, 8) + ".test");
        try (SocketClient socket = SocketClient.connect(port, ada)) {
            String taskId = socket.ask("What is our pipeline?", null).path("task_id").asString();
            List<JsonNode> frames = socket.untilComplete(taskId);
            assertThat(frames).hasSize(2);
            String text = frames.getFirst().path("chunk").path("data").path("text").asString();
            assertThat(text).contains("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL", "REVTOPS_LLM_PROVIDER=scripted");
            // the turn never pretends to answer: it ends failed, with the same instructions as its error
            assertThat(frames.getLast().path("status").asString()).isEqualTo("failed");
            assertThat(frames.getLast().path("error").asString()).contains("ANTHROPIC_API_KEY");
        }
    }
}
