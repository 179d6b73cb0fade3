package io.revtops.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.sync.SyncProgress;
import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/** sync_progress reaches the organization's open sockets, and only that organization's. */
@RevtopsTest
class SyncProgressForwarderTest {
    @LocalServerPort int port;
    @Autowired ApplicationEventPublisher events;

    @Test
    void syncProgressIsForwardedToTheOrganizationsSocketsOnly() {
        TestApi api = new TestApi(port);
        Session ada = api.devLogin("ada@sp" + UUID.randomUUID().toString().substring(0, 8) + ".test");
        Session eve = api.devLogin("eve@sp" + UUID.randomUUID().toString().substring(0, 8) + ".test");
        try (SocketClient mine = SocketClient.connect(port, ada); SocketClient theirs = SocketClient.connect(port, eve)) {
            UUID integration = UUID.randomUUID();
            events.publishEvent(new SyncProgress(ada.orgId(), integration, "hubspot", "deals", 100, "running"));
            JsonNode frame = mine.expect("sync_progress");
            assertThat(frame.path("provider").asString()).isEqualTo("hubspot");
            assertThat(frame.path("entity").asString()).isEqualTo("deals");
            assertThat(frame.path("count").asLong()).isEqualTo(100);
            assertThat(frame.path("status").asString()).isEqualTo("running");
            assertThat(frame.path("integration_id").asString()).isEqualTo(integration.toString());
            try {
                JsonNode other = theirs.next(Duration.ofMillis(500));
                assertThat(other.path("type").asString()).isNotEqualTo("sync_progress");
            } catch (AssertionError noFrame) {
                assertThat(noFrame.getMessage()).contains("no frame");
            }
        }
    }
}
