package io.revtops.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.agent.TurnRequest;
import io.revtops.agent.TurnSource;
import io.revtops.agent.model.CancellationToken;
import io.revtops.agent.model.ToolSpec;
import io.revtops.agent.prompt.SystemPrompt;
import io.revtops.platform.db.Tenant;
import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** manage_memory (issue 4, acceptance 7): saved memories reach the next prompt; workflows cannot use it. */
@RevtopsTest
class ManageMemoryToolTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    @LocalServerPort int port;
    @Autowired ManageMemoryTool tool;
    @Autowired ToolRegistry registry;
    @Autowired SystemPrompt prompt;

    Tenant ada;
    Tenant bob;

    @BeforeEach
    void colleagues() {
        TestApi api = new TestApi(port);
        String d = "mm" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        var a = api.devLogin("ada@" + d);
        var b = api.devLogin("bob@" + d);
        ada = Tenant.of(a.orgId(), a.userId());
        bob = Tenant.of(b.orgId(), b.userId());
    }

    ToolContext ctx(Tenant t, TurnSource source) {
        return new ToolContext(t, UUID.randomUUID(), UUID.randomUUID(), source, Optional.empty(), new CancellationToken());
    }

    /** A call as the turn loop makes it: prepared (schema-checked) and run by the registry. */
    ToolOutcome call(Tenant t, TurnSource source, Map<String, Object> input) {
        ToolContext c = ctx(t, source);
        return registry.run(c, registry.prepare(c, "manage_memory", JSON.writeValueAsString(input), true));
    }

    TurnRequest request(Tenant t, TurnSource source) {
        return new TurnRequest(t, UUID.randomUUID(), UUID.randomUUID(), "hi", source, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aSavedMemoryAppearsInTheUsersNextPromptOnly() throws Exception {
        ToolOutcome out = call(ada, TurnSource.WEB, Map.of("action", "save", "scope", "user",
                "content", "Always show amounts in EUR"));
        assertThat(out).isInstanceOf(ToolOutcome.Ok.class);
        assertThat(prompt.build(request(ada, TurnSource.WEB), Instant.now())).contains("Always show amounts in EUR");
        assertThat(prompt.build(request(bob, TurnSource.WEB), Instant.now())).doesNotContain("Always show amounts in EUR");
    }

    @Test
    void onlyTheCreatorMayUpdateOrDeleteThroughTheTool() throws Exception {
        var saved = (ToolOutcome.Ok) call(ada, TurnSource.WEB, Map.of("action", "save", "scope", "role",
                "role_name", "sales", "content", "Quote in EUR"));
        String id = ((Map<?, ?>) saved.content()).get("memory_id").toString();
        assertThat(call(bob, TurnSource.WEB, Map.of("action", "update", "memory_id", id,
                "content", "Quote in USD"))).isInstanceOf(ToolOutcome.Error.class);
        assertThat(call(bob, TurnSource.WEB, Map.of("action", "delete", "memory_id", id)))
                .isInstanceOf(ToolOutcome.Error.class);
        assertThat(call(ada, TurnSource.WEB, Map.of("action", "delete", "memory_id", id)))
                .isInstanceOf(ToolOutcome.Ok.class);
    }

    @Test
    void aGlobalCommandOverAThousandCharactersIsRefused() throws Exception {
        ToolOutcome out = call(ada, TurnSource.WEB, Map.of("action", "save", "scope", "global_command",
                "content", "x".repeat(1001)));
        assertThat(out).isInstanceOfSatisfying(ToolOutcome.Error.class, e -> assertThat(e.message()).contains("1000"));
    }

    @Test
    void workflowsAreNotOfferedTheToolAndARunThatCallsItAnywayIsRefused() throws Exception {
        assertThat(registry.specs(ctx(ada, TurnSource.WORKFLOW)).stream().map(ToolSpec::name)).doesNotContain("manage_memory");
        assertThat(registry.specs(ctx(ada, TurnSource.WEB)).stream().map(ToolSpec::name)).contains("manage_memory");
        ToolOutcome out = tool.execute(ctx(ada, TurnSource.WORKFLOW), JSON.valueToTree(Map.of("action", "save", "scope", "user",
                "content", "x")));
        assertThat(out).isInstanceOfSatisfying(ToolOutcome.Error.class, e -> assertThat(e.message()).contains("workflows"));
    }
}
