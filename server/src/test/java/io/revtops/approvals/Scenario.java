package io.revtops.approvals;

import io.revtops.agent.TurnLoop;
import io.revtops.agent.TurnOutcome;
import io.revtops.agent.TurnRequest;
import io.revtops.agent.TurnSink;
import io.revtops.agent.TurnSource;
import io.revtops.agent.model.CancellationToken;
import io.revtops.agent.model.ModelClient;
import io.revtops.connectors.Checkpoint;
import io.revtops.connectors.ConnectorRegistry;
import io.revtops.connectors.Page;
import io.revtops.connectors.SyncSource;
import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.connectors.integrations.ConnectorContexts;
import io.revtops.connectors.integrations.Integration;
import io.revtops.connectors.integrations.IntegrationRepository;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.simulators.Simulators;
import io.revtops.sync.RecordWriter;
import io.revtops.sync.SyncTarget;
import io.revtops.testing.TestApi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * One organization for one test: its admin signed in over REST, a conversation with a user message, and helpers to
 * connect vendors (over REST, like a person would), seed synced CRM rows the way a sync writes them, run a turn of
 * Penny with a scripted model, and read what the database holds.
 */
final class Scenario {
    final TestApi api;
    final TestApi.Session admin;
    final Tenant tenant;
    final UUID conversation;
    final ApplicationContext spring;
    final TenantTx tx;
    final String domain = "ap" + UUID.randomUUID().toString().substring(0, 8) + ".test";

    private Scenario(int port, ApplicationContext spring) {
        this.api = new TestApi(port);
        this.spring = spring;
        this.tx = spring.getBean(TenantTx.class);
        this.admin = api.devLogin("admin@" + domain);
        this.tenant = Tenant.of(admin.orgId(), admin.userId());
        this.conversation = newConversation(tenant, "private");
    }

    static Scenario start(int port, ApplicationContext spring) {
        return new Scenario(port, spring);
    }

    /** A second person of the same organization (a member). */
    TestApi.Session member(String name) {
        TestApi.Session s = api.devLogin(name + "@" + domain);
        return new TestApi.Session(s.token(), s.userId(), admin.orgId());
    }

    UUID newConversation(Tenant owner, String scope) {
        UUID c = tx.run(owner, j -> j.sql("INSERT INTO conversations (organization_id, user_id, title, scope) VALUES (:o, :u, 'Deals', :s) RETURNING id")
                .param("o", owner.orgId()).param("u", owner.userId().get()).param("s", scope).query(UUID.class).single());
        userSays(owner, c, "Please help with my deals");
        return c;
    }

    void userSays(Tenant owner, UUID conversationId, String text) {
        tx.execute(owner, j -> j.sql("""
                INSERT INTO chat_messages (organization_id, conversation_id, user_id, role, content_blocks)
                VALUES (:o, :c, :u, 'user', CAST(:b AS jsonb))
                """).param("o", owner.orgId()).param("c", conversationId).param("u", owner.userId().get())
                .param("b", TestApi.json().writeValueAsString(List.of(Map.of("type", "text", "text", text)))).update());
    }

    /** Connects HubSpot (stored private-app token) pointed at the simulator. */
    UUID connectHubSpot(Simulators sims) {
        TestApi.Response r = api.post("/api/integrations/hubspot/connect", admin.caller(), Map.of(
                "credentials", Map.of("access_token", sims.credential("hubspot")),
                "config", Map.of("base_url", sims.baseUrl("hubspot"))));
        if (r.status() != 200) throw new IllegalStateException("connect hubspot: " + r.status() + " " + r.raw());
        return UUID.fromString(r.json().path("id").asString());
    }

    /** Connects Slack (stored bot token) pointed at a Slack simulator. */
    UUID connectSlack(io.revtops.simulators.slack.SlackSimulator slack) {
        TestApi.Response r = api.post("/api/integrations/slack/connect", admin.caller(), Map.of(
                "credentials", Map.of("access_token", slack.botToken()),
                "config", Map.of("base_url", slack.apiUrl())));
        if (r.status() != 200) throw new IllegalStateException("connect slack: " + r.status() + " " + r.raw());
        return UUID.fromString(r.json().path("id").asString());
    }

    /** Writes the simulator's deals into the deals table through the connector and the sync writer (a deals-only sync). */
    List<SyncedRecord> syncDeals(UUID integrationId) {
        var connector = (SyncSource) spring.getBean(ConnectorRegistry.class).require("hubspot");
        var contexts = spring.getBean(ConnectorContexts.class);
        Integration integration = tx.run(Tenant.org(tenant.orgId()),
                j -> spring.getBean(IntegrationRepository.class).find(j, integrationId)).orElseThrow();
        var ctx = contexts.forIntegration(integration, connector.meta(), contexts.credentials(integration, connector.meta()), () -> false);
        var stream = connector.streams().stream().filter(s -> s.name().equals("deals")).findFirst().orElseThrow();
        List<SyncedRecord> all = new ArrayList<>();
        Checkpoint cp = Checkpoint.START;
        while (true) {
            Page page = connector.fetch(ctx, stream, cp);
            all.addAll(page.records());
            cp = page.next();
            if (!page.hasMore()) break;
        }
        SyncTarget target = new SyncTarget(tenant.orgId(), integrationId, "hubspot", Optional.empty(), false);
        tx.execute(Tenant.org(tenant.orgId()), j -> spring.getBean(RecordWriter.class).write(j, target, SyncedTable.DEALS, all));
        return all;
    }

    /** One column of a local deal, by HubSpot id. */
    <T> T deal(String sourceId, String column, Class<T> type) {
        return tx.run(tenant, j -> j.sql("SELECT " + column + " FROM deals WHERE source_system = 'hubspot' AND source_id = :id")
                .param("id", sourceId).query(type).single());
    }

    /** Runs one turn of Penny with a scripted model, as the chat would for the admin. */
    TurnOutcome turn(ModelClient model, String message, RecordingSink sink) {
        return turn(tenant, conversation, model, message, sink);
    }

    TurnOutcome turn(Tenant who, UUID conversationId, ModelClient model, String message, RecordingSink sink) {
        userSays(who, conversationId, message);
        return spring.getBean(TurnLoop.class).run(new TurnRequest(who, conversationId, UUID.randomUUID(), message,
                TurnSource.WEB, Optional.empty(), Optional.empty(), Optional.empty()), sink, new CancellationToken(), model);
    }

    /** The text of the assistant messages of a conversation, oldest first. */
    List<String> assistantTexts(UUID conversationId) {
        return tx.run(tenant, j -> j.sql("""
                SELECT b ->> 'text' FROM chat_messages m, jsonb_array_elements(m.content_blocks) b
                 WHERE m.conversation_id = :c AND m.role = 'assistant' AND b ->> 'type' = 'text'
                 ORDER BY m.created_at, m.id
                """).param("c", conversationId).query(String.class).list());
    }

    /** Ledger lines of one pending operation, oldest first. */
    List<Map<String, Object>> ledgerOf(UUID operationId) {
        return tx.run(tenant, j -> j.sql("""
                SELECT actor, action, status, intent::text AS intent, outcome::text AS outcome, conversation_id
                  FROM action_ledger WHERE pending_operation_id = :id ORDER BY created_at, id
                """).param("id", operationId).query().listOfRows());
    }

    JsonNode json(Object text) {
        return text == null ? TestApi.json().missingNode() : TestApi.json().readTree(text.toString());
    }

    /** A turn sink that keeps chunks and saved messages. */
    static final class RecordingSink implements TurnSink {
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

        List<Map<String, Object>> ofType(String type) {
            synchronized (chunks) {
                return chunks.stream().filter(c -> c.type().equals(type)).map(Chunk::data).toList();
            }
        }

        /** The results of the tool calls, in order. */
        List<Map<String, Object>> toolResults() {
            return ofType("tool_result");
        }
    }
}
