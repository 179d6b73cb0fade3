package io.revtops.agent.tools;

import io.revtops.connectors.Connector;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorRegistry;
import io.revtops.connectors.OperationSpec;
import io.revtops.connectors.QueryResult;
import io.revtops.connectors.Queryable;
import io.revtops.connectors.integrations.ConnectorContexts;
import io.revtops.connectors.integrations.Integration;
import io.revtops.connectors.integrations.IntegrationRepository;
import io.revtops.platform.db.TenantTx;
import io.revtops.platform.json.JsonSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a connected system a read-only question (enrichment, lookups, file content, web search) through the
 * connector's query capability, with the organization's connection or the user's own (or one shared for queries).
 */
@Component
public class QuerySystemTool implements Tool {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ConnectorRegistry registry;
    private final TenantTx tx;
    private final IntegrationRepository integrations;
    private final ConnectorContexts contexts;

    public QuerySystemTool(ConnectorRegistry registry, TenantTx tx, IntegrationRepository integrations, ConnectorContexts contexts) {
        this.registry = registry;
        this.tx = tx;
        this.integrations = integrations;
        this.contexts = contexts;
    }

    @Override
    public String name() {
        return "query_system";
    }

    @Override
    public String description() {
        return "Run a read-only query of a connected system: e.g. apollo enrich_person / enrich_company. Give connector "
                + "(slug), operation and params as documented by get_connector_docs. Changes nothing.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(
                        "connector", Map.of("type", "string", "maxLength", 60),
                        "operation", Map.of("type", "string", "maxLength", 80),
                        "params", Map.of("type", "object")),
                "required", List.of("connector", "operation"), "additionalProperties", false);
    }

    @Override
    public ToolRisk risk() {
        return ToolRisk.EXTERNAL_READ;
    }

    @Override
    public String statusText(JsonNode input) {
        return "Asking " + input.path("connector").asString("a system") + " (" + input.path("operation").asString("") + ")";
    }

    @Override
    public ToolOutcome execute(ToolContext ctx, JsonNode input) {
        String slug = input.path("connector").asString();
        String operation = input.path("operation").asString();
        Optional<Connector> found = registry.find(slug);
        if (found.isEmpty() || !(found.get() instanceof Queryable queryable)) {
            return ToolOutcome.error("'" + slug + "' has no queries.", "Call list_connected_systems to see what can be queried.");
        }
        ConnectorMeta meta = queryable.meta();
        Optional<OperationSpec> spec = meta.queries().stream().filter(o -> o.name().equals(operation)).findFirst();
        if (spec.isEmpty()) {
            return ToolOutcome.error(meta.name() + " has no query '" + operation + "'.",
                    "Its queries: " + String.join(", ", meta.queries().stream().map(OperationSpec::name).toList()));
        }
        JsonNode params = input.has("params") ? input.get("params") : JSON.createObjectNode();
        List<String> problems = JsonSchemas.problems(spec.get().parameters(), params);
        if (!problems.isEmpty()) {
            return ToolOutcome.error("The params do not match " + operation + ": " + String.join("; ", problems),
                    "Read get_connector_docs for the parameters.");
        }
        java.util.UUID userId = ctx.tenant().userId().orElse(new java.util.UUID(0, 0));
        Optional<Integration> integration = tx.run(ctx.tenant(), j -> integrations.listVisible(j, userId).stream()
                .filter(i -> i.provider().equals(slug) && i.status() == Integration.Status.ACTIVE)
                .filter(i -> i.scope() == ConnectorMeta.Scope.ORGANIZATION || i.userId().equals(Optional.of(userId))
                        || i.shareQueryAccess())
                .findFirst());
        if (integration.isEmpty()) {
            return ToolOutcome.error(meta.name() + " is not connected (or needs reconnecting).",
                    "Tell the user to connect " + meta.name() + " on the integrations page.");
        }
        ConnectorContext cc = contexts.forIntegration(integration.get(), meta, contexts.credentials(integration.get(), meta),
                () -> ctx.cancel().isCancelled());
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = JSON.convertValue(params, Map.class);
            QueryResult result = queryable.query(cc, operation, p);
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("found", result.found());
            content.put("summary", result.summary());
            content.put("data", result.data());
            return ToolOutcome.ok(content, result.summary());
        } catch (ConnectorException.NeedsReconnect e) {
            return ToolOutcome.error(e.getMessage(), "An admin must reconnect " + meta.name() + " on the integrations page.");
        } catch (ConnectorException.Rejected e) {
            return ToolOutcome.error(meta.name() + " refused the query: " + e.getMessage(), "Fix the params and try again.");
        } catch (ConnectorException.RateLimited | ConnectorException.Unavailable e) {
            return ToolOutcome.error(meta.name() + " is not answering right now: " + e.getMessage(), "Try again later.");
        } catch (ConnectorException e) {
            return ToolOutcome.error(meta.name() + " query failed: " + e.getMessage(), "Try again or another way.");
        }
    }
}
