package io.revtops.sync.resolution;

import io.revtops.platform.db.TenantTx;
import io.revtops.sync.TableCounts;
import java.sql.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Links activities that were written before the CRM records they are about: an e-mail synced from a mailbox before the
 * CRM sync brought its sender's contact stays unlinked when it is written, so after a sync that changed contacts,
 * accounts or deals the organization's unlinked activities with participants are resolved again (SPEC §2). Only rows
 * still unlinked when the update runs are touched, and {@code updated_at} is left alone: linking is our inference,
 * not a change of the vendor's record. Pages of {@value #PAGE} rows, one short transaction each.
 */
@Component
public class Relinker {
    private static final Logger log = LoggerFactory.getLogger(Relinker.class);
    static final int PAGE = 1_000;

    private final TenantTx tx;
    private final ParticipantResolver resolver;

    public Relinker(TenantTx tx, ParticipantResolver resolver) {
        this.tx = tx;
        this.resolver = resolver;
    }

    private record Unlinked(UUID id, List<String> participants) {}

    private record PageResult(int scanned, int linked, UUID last) {}

    /** Resolves the organization's unlinked activities again; returns how many were linked. */
    public int relink(UUID orgId) {
        long t0 = System.nanoTime();
        UUID after = new UUID(0, 0);
        int scanned = 0;
        int linked = 0;
        while (true) {
            UUID from = after;
            // system work: owner-only activities of every member are linked too (the filters name the organization)
            PageResult page = tx.system("relink activities to CRM records after a sync", j -> relinkPage(j, orgId, from));
            scanned += page.scanned();
            linked += page.linked();
            if (page.scanned() < PAGE) break;
            after = page.last();
        }
        log.info("event=activities_relinked org_id={} scanned={} linked={} ms={}", orgId, scanned, linked,
                (System.nanoTime() - t0) / 1_000_000);
        return linked;
    }

    /** The page of unlinked activities after {@code after}, in id order: how many were scanned and linked. */
    private PageResult relinkPage(JdbcClient j, UUID orgId, UUID after) {
        List<Unlinked> rows = j.sql("""
                SELECT id, from_email, to_emails FROM activities
                 WHERE organization_id = :o AND id > :after
                   AND contact_id IS NULL AND account_id IS NULL AND deal_id IS NULL
                   AND (from_email IS NOT NULL OR cardinality(to_emails) > 0)
                 ORDER BY id
                 LIMIT :n
                """).param("o", orgId).param("after", after).param("n", PAGE).query((rs, n) -> {
                    List<String> participants = new ArrayList<>();
                    String from = rs.getString("from_email");
                    if (from != null) participants.add(from);
                    Array to = rs.getArray("to_emails");
                    if (to != null) participants.addAll(Arrays.asList((String[]) to.getArray()));
                    return new Unlinked(rs.getObject("id", UUID.class), participants);
                }).list();
        if (rows.isEmpty()) return new PageResult(0, 0, after);
        List<Resolution> resolutions = resolver.resolveAll(j, orgId, rows.stream().map(Unlinked::participants).toList());
        List<UUID> ids = new ArrayList<>();
        List<UUID> contacts = new ArrayList<>();
        List<UUID> accounts = new ArrayList<>();
        List<UUID> deals = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Resolution r = resolutions.get(i);
            if (r.isEmpty()) continue;
            ids.add(rows.get(i).id());
            contacts.add(r.contactId().orElse(null));
            accounts.add(r.accountId().orElse(null));
            deals.add(r.dealId().orElse(null));
        }
        int linked = ids.isEmpty() ? 0 : j.sql("""
                UPDATE activities a SET contact_id = l.contact_id, account_id = l.account_id, deal_id = l.deal_id
                  FROM unnest(CAST(:ids AS uuid[]), CAST(:contacts AS uuid[]), CAST(:accounts AS uuid[]),
                              CAST(:deals AS uuid[])) AS l (id, contact_id, account_id, deal_id)
                 WHERE a.organization_id = :o AND a.id = l.id
                   AND a.contact_id IS NULL AND a.account_id IS NULL AND a.deal_id IS NULL
                """).param("o", orgId).param("ids", ids.toArray(UUID[]::new))
                .param("contacts", contacts.toArray(UUID[]::new)).param("accounts", accounts.toArray(UUID[]::new))
                .param("deals", deals.toArray(UUID[]::new)).update();
        return new PageResult(rows.size(), linked, rows.getLast().id());
    }

    /** Whether a sync's counts mean CRM records appeared or changed (so that unlinked activities may now resolve). */
    public static boolean crmChanged(Map<String, TableCounts> counts) {
        return Stream.of("contacts", "accounts", "deals").map(counts::get)
                .anyMatch(c -> c != null && c.inserted() + c.updated() > 0);
    }
}
