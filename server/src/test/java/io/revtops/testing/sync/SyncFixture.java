package io.revtops.testing.sync;

import io.revtops.sync.SyncService;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Response;
import io.revtops.testing.TestApi.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Drives the sync engine the way users and workers do: an organization with an admin (dev login), integrations
 * connected over REST with stored credentials, syncs requested and awaited until their run is recorded. Reads
 * results on the owner connection so assertions see every row.
 */
public final class SyncFixture {
    private final TestApi api;
    private final JdbcClient owner;
    private final SyncService syncs;

    public SyncFixture(TestApi api, JdbcClient owner, SyncService syncs) {
        this.api = api;
        this.owner = owner;
        this.syncs = syncs;
    }

    /** A new organization and its first member, an admin. */
    public Session newOrg() {
        String domain = "s" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        return api.devLogin("admin@" + domain);
    }

    /** Another member of the same organization (a plain member). */
    public Session member(Session admin, String name) {
        String email = owner.sql("SELECT email FROM users WHERE id = :u").param("u", admin.userId()).query(String.class).single();
        return api.devLogin(name + "@" + email.substring(email.indexOf('@') + 1));
    }

    /** Connects {@code provider} with a stored API key; returns the integration id. */
    public UUID connect(Session who, String provider) {
        Response r = api.post("/api/integrations/" + provider + "/connect", who.caller(),
                Map.of("credentials", Map.of("api_key", "key-" + UUID.randomUUID())));
        if (r.status() != 200) throw new IllegalStateException("connect failed: " + r.status() + " " + r.raw());
        return UUID.fromString(r.json().path("id").asString());
    }

    /** A finished run as recorded. */
    public record Run(UUID id, String status, JsonNode counts, String error) {
        public long count(String table, String what) {
            return counts.path(table).path(what).asLong(0);
        }
    }

    /** Requests a sync of {@code provider} as {@code who} and waits for its run to finish. */
    public Run sync(Session who, UUID integrationId, String provider) {
        long before = finishedRuns(integrationId);
        SyncService.SyncRequested r = syncs.requestProvider(who.orgId(), who.userId(), provider, "test");
        if (!r.status().equals("scheduled")) throw new IllegalStateException("not scheduled: " + r);
        return awaitRun(integrationId, before);
    }

    /** Waits until the integration has more than {@code finishedBefore} finished runs and no queued job; the newest. */
    public Run awaitRun(UUID integrationId, long finishedBefore) {
        await(() -> finishedRuns(integrationId) > finishedBefore && !syncs.queuedOrRunning(integrationId),
                Duration.ofSeconds(60), "a finished sync run of " + integrationId);
        return owner.sql("""
                SELECT id, status, counts::text, error FROM sync_runs WHERE integration_id = :i AND status <> 'running'
                 ORDER BY started_at DESC LIMIT 1
                """).param("i", integrationId).query((rs, n) -> new Run(rs.getObject(1, UUID.class), rs.getString(2),
                TestApi.json().readTree(rs.getString(3)), rs.getString(4))).single();
    }

    public long finishedRuns(UUID integrationId) {
        return owner.sql("SELECT count(*) FROM sync_runs WHERE integration_id = :i AND status <> 'running'")
                .param("i", integrationId).query(Long.class).single();
    }

    public long count(String table, UUID orgId) {
        return owner.sql("SELECT count(*) FROM " + table + " WHERE organization_id = :o").param("o", orgId).query(Long.class).single();
    }

    /**
     * Every row of a synced table of an organization, by source id, as plain values: the synced columns, custom
     * fields and content hash, and each link as its target's source id, so two organizations' syncs compare equal.
     */
    public Map<String, Map<String, Object>> dump(String table, UUID orgId) {
        List<String> columns = owner.sql("""
                SELECT column_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = :t
                   AND column_name NOT IN ('id', 'organization_id', 'integration_id', 'created_at', 'updated_at', 'synced_at',
                                           'search_vector')
                 ORDER BY ordinal_position
                """).param("t", table).query(String.class).list();
        Map<String, String> links = new LinkedHashMap<>();
        owner.sql("""
                SELECT a.attname, r.relname FROM pg_constraint k
                  JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
                  CROSS JOIN LATERAL unnest(k.conkey) AS col(attnum)
                  JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = col.attnum
                 WHERE k.contype = 'f' AND t.relname = :t AND t.relnamespace = CAST(current_schema() AS regnamespace)
                   AND a.attname NOT IN ('organization_id', 'integration_id') AND r.relname NOT IN ('users')
                """).param("t", table).query((rs, n) -> links.put(rs.getString(1), rs.getString(2))).list();
        List<String> select = new ArrayList<>();
        for (String c : columns) {
            select.add(links.containsKey(c)
                    ? "(SELECT x.source_id FROM " + links.get(c) + " x WHERE x.id = t." + c + ") AS " + c
                    : "t." + c + "::text AS " + c);
        }
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        owner.sql("SELECT " + String.join(", ", select) + " FROM " + table + " t WHERE t.organization_id = :o")
                .param("o", orgId).query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (String c : columns) row.put(c, rs.getString(c));
                    out.put((String) row.get("source_id"), row);
                    return null;
                }).list();
        return out;
    }

    public static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
