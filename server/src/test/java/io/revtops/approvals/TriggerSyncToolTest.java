package io.revtops.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.agent.TurnSource;
import io.revtops.agent.model.CancellationToken;
import io.revtops.agent.tools.ToolContext;
import io.revtops.agent.tools.ToolOutcome;
import io.revtops.agent.tools.ToolRegistry;
import io.revtops.simulators.Simulators;
import io.revtops.simulators.demo.DemoCompany;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** trigger_sync runs without approval (it only reads from the vendor), is ledgered, and an org deny stops it. */
@ApprovalsTest
class TriggerSyncToolTest {
    @LocalServerPort int port;
    @Autowired ApplicationContext spring;
    @Autowired ToolRegistry tools;

    Simulators sims;
    Scenario s;

    @BeforeEach
    void hubspot() {
        sims = Simulators.start(DemoCompany.generate(42, 0.1), 0);
        s = Scenario.start(port, spring);
        s.connectHubSpot(sims);
    }

    @AfterEach
    void stop() {
        sims.close();
    }

    ToolOutcome triggerSync() {
        ToolContext ctx = new ToolContext(s.tenant, s.conversation, UUID.randomUUID(), TurnSource.WEB, Optional.empty(),
                new CancellationToken());
        return tools.run(ctx, tools.prepare(ctx, "trigger_sync", "{\"connector\":\"hubspot\"}", true));
    }

    @Test
    void itStartsASyncAtOnceAndRecordsItInTheLedger() {
        ToolOutcome o = triggerSync();
        assertThat(o).isInstanceOf(ToolOutcome.Ok.class);
        assertThat(((Map<?, ?>) ((ToolOutcome.Ok) o).content()).get("status")).isIn("scheduled", "already_syncing");
        assertThat(s.api.get("/api/action-ledger?action=trigger_sync:hubspot", s.admin.caller()).json()).hasSize(1);
        assertThat(s.api.get("/api/pending-changes", s.admin.caller()).json()).isEmpty();
    }

    @Test
    void anOrgDenyStopsIt() {
        s.api.put("/api/tool-policies/trigger_sync", s.admin.caller(), Map.of("denied", true));
        ToolOutcome o = triggerSync();
        assertThat(o).isInstanceOf(ToolOutcome.Error.class);
        assertThat(((ToolOutcome.Error) o).message()).contains("turned off trigger_sync");
        assertThat(s.api.get("/api/action-ledger?action=trigger_sync:hubspot", s.admin.caller()).json()).isEmpty();
    }
}
