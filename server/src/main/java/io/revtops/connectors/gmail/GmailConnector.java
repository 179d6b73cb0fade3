package io.revtops.connectors.gmail;

import io.revtops.connectors.ActionResult;
import io.revtops.connectors.Actionable;
import io.revtops.connectors.Checkpoint;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorMeta.Capability;
import io.revtops.connectors.Page;
import io.revtops.connectors.StreamSpec;
import io.revtops.connectors.StreamSpec.Deletions;
import io.revtops.connectors.SyncSource;
import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.connectors.mapping.OperationParams;
import io.revtops.connectors.mapping.VendorValues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Gmail, one user's mailbox: syncs messages into {@code activities} (type email) and sends e-mail ({@code send_email},
 * after approval); {@code search_mailbox} reads the mailbox for the agent.
 *
 * <p>The {@code messages} stream keeps the checkpoint {@code history_id} (where the next incremental sync starts) and,
 * while listing, {@code phase=list}, {@code after} (the window start, epoch seconds) and {@code page_token};
 * {@code history_page} while paging through history. The first sync reads the profile's history id, then lists
 * {@code q=after:<now − lookback_days>} page by page and reads each message (a few at a time). Later syncs read
 * {@code history.list} from the saved id: added messages are read and written, deleted ones reported. When Gmail no
 * longer has history that old (404), the window is listed again; rows are keyed by message id, so nothing doubles.
 */
@Component
public class GmailConnector implements SyncSource, Actionable {
    private static final Logger log = LoggerFactory.getLogger(GmailConnector.class);

    static final String HISTORY_ID = "history_id";
    static final String PHASE = "phase";
    static final String AFTER = "after";
    static final String PAGE_TOKEN = "page_token";
    static final String HISTORY_PAGE = "history_page";
    /** The first sync's window when the integration sets no {@code lookback_days} (SPEC: 30 days of mail). */
    static final int DEFAULT_LOOKBACK_DAYS = 30;
    /** Messages read at once while syncing. */
    static final int READ_CONCURRENCY = 8;
    /** Sends tried while Gmail's answer stays unknown (5xx, timeout); each is preceded by a look-up. */
    static final int SEND_ATTEMPTS = 3;
    private static final Set<String> SKIPPED_LABELS = Set.of("DRAFT", "SPAM", "TRASH");

    private static final List<StreamSpec> STREAMS = List.of(new StreamSpec("messages", SyncedTable.ACTIVITIES, Deletions.DELTA));

    static final ConnectorMeta META = new ConnectorMeta("gmail", "Gmail", ConnectorMeta.AuthType.OAUTH2,
            new ConnectorMeta.AuthStyle.Bearer(), ConnectorMeta.Scope.USER, List.of("activities"),
            Set.of(Capability.SYNC, Capability.ACTION), List.of(), List.of(), GmailOperations.ACTIONS, GmailOperations.GUIDE,
            "https://gmail.googleapis.com", Optional.of("google-mail"));

    @Override
    public ConnectorMeta meta() {
        return META;
    }

    @Override
    public List<StreamSpec> streams() {
        return STREAMS;
    }

    // ------------------------------------------------------------------ sync

    @Override
    public Page fetch(ConnectorContext ctx, StreamSpec stream, Checkpoint checkpoint) {
        if (!stream.name().equals("messages")) throw new ConnectorException.InvalidRequest("Gmail has no stream '" + stream.name() + "'");
        GmailClient client = new GmailClient(ctx.http());
        if (checkpoint.isStart() || checkpoint.get(PHASE).filter("list"::equals).isPresent() || checkpoint.get(HISTORY_ID).isEmpty()) {
            return listPage(ctx, client, checkpoint);
        }
        return historyPage(ctx, client, checkpoint);
    }

    /** One page of the window listing; the first page also marks where history starts afterwards. */
    private Page listPage(ConnectorContext ctx, GmailClient client, Checkpoint cp) {
        GmailClient.Profile profile = client.profile();
        boolean starting = cp.get(PHASE).isEmpty();
        String historyId = starting ? profile.historyId() : cp.get(HISTORY_ID).orElse(profile.historyId());
        long after = starting ? ctx.clock().instant().minus(Duration.ofDays(lookbackDays(ctx))).getEpochSecond()
                : cp.get(AFTER).map(Long::parseLong).orElse(0L);
        GmailClient.Listing page = client.list("after:" + after, starting ? Optional.empty() : cp.get(PAGE_TOKEN),
                GmailClient.PAGE, false);
        Read read = read(ctx, client, page.ids(), profile.emailAddress());
        if (page.nextPageToken().isPresent()) {
            Checkpoint next = Checkpoint.START.with(PHASE, "list").with(HISTORY_ID, historyId).with(AFTER, Long.toString(after))
                    .with(PAGE_TOKEN, page.nextPageToken().get());
            return new Page(read.records(), List.of(), read.failures(), next, true);
        }
        return new Page(read.records(), List.of(), read.failures(), Checkpoint.START.with(HISTORY_ID, historyId), false);
    }

    /** One page of history after the saved id; a 404 (history gone) restarts the window listing. */
    private Page historyPage(ConnectorContext ctx, GmailClient client, Checkpoint cp) {
        String start = cp.get(HISTORY_ID).orElseThrow();
        Optional<JsonNode> answer = client.history(start, cp.get(HISTORY_PAGE));
        if (answer.isEmpty()) {
            log.info("event=gmail_history_expired integration_id={} start_history_id={} action=relist", ctx.integrationId(), start);
            return listPage(ctx, client, Checkpoint.START);
        }
        JsonNode h = answer.get();
        LinkedHashSet<String> added = new LinkedHashSet<>();
        LinkedHashSet<String> deleted = new LinkedHashSet<>();
        for (JsonNode record : h.path("history")) {
            for (JsonNode a : record.path("messagesAdded")) {
                JsonNode m = a.path("message");
                String id = m.path("id").asString("");
                if (id.isBlank()) continue;
                boolean skipped = false;
                for (JsonNode l : m.path("labelIds")) skipped |= SKIPPED_LABELS.contains(l.asString(""));
                deleted.remove(id);
                if (!skipped) added.add(id);
            }
            for (JsonNode d : record.path("messagesDeleted")) {
                String id = d.path("message").path("id").asString("");
                if (id.isBlank()) continue;
                added.remove(id);
                deleted.add(id);
            }
        }
        String address = added.isEmpty() ? "" : client.profile().emailAddress();
        Read read = read(ctx, client, List.copyOf(added), address);
        String nextPage = h.path("nextPageToken").asString("");
        if (!nextPage.isBlank()) {
            return new Page(read.records(), List.copyOf(deleted), read.failures(),
                    Checkpoint.START.with(HISTORY_ID, start).with(HISTORY_PAGE, nextPage), true);
        }
        String current = h.path("historyId").asString("");
        if (!current.matches("\\d{1,20}")) current = start;
        return new Page(read.records(), List.copyOf(deleted), read.failures(), Checkpoint.START.with(HISTORY_ID, current), false);
    }

    private record Read(List<SyncedRecord> records, List<Page.RecordFailure> failures) {}

    /** Reads messages a few at a time (Gmail's per-user quota favours small bursts), in the listed order. */
    private Read read(ConnectorContext ctx, GmailClient client, List<String> ids, String mailbox) {
        List<SyncedRecord> records = new ArrayList<>();
        List<Page.RecordFailure> failures = new ArrayList<>();
        if (ids.isEmpty()) return new Read(records, failures);
        Semaphore permits = new Semaphore(READ_CONCURRENCY);
        List<Future<Optional<JsonNode>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : ids) {
                futures.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        ctx.checkCancelled();
                        return client.message(id);
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (int i = 0; i < ids.size(); i++) {
                Optional<JsonNode> message = await(futures.get(i));
                if (message.isEmpty()) continue; // deleted since it was listed
                boolean skipped = false;
                for (JsonNode l : message.get().path("labelIds")) skipped |= SKIPPED_LABELS.contains(l.asString(""));
                if (skipped) continue;
                try {
                    records.add(GmailMapper.map(message.get(), mailbox));
                } catch (GmailMapper.Unmappable | IllegalArgumentException e) {
                    failures.add(new Page.RecordFailure(ids.get(i), e.getMessage()));
                }
            }
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
        return new Read(records, failures);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException.Cancelled();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConnectorException c) throw c;
            if (e.getCause() instanceof InterruptedException) throw new ConnectorException.Cancelled();
            throw new ConnectorException.Unavailable("reading a Gmail message failed: " + e.getCause().getClass().getSimpleName());
        }
    }

    static int lookbackDays(ConnectorContext ctx) {
        Object v = ctx.config().get("lookback_days");
        if (v == null) return DEFAULT_LOOKBACK_DAYS;
        try {
            int days = v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().strip());
            if (days < 1 || days > 3650) throw new NumberFormatException();
            return days;
        } catch (NumberFormatException e) {
            throw new ConnectorException.InvalidRequest("Gmail setting lookback_days must be a whole number of days from 1 to 3650");
        }
    }

    // ------------------------------------------------------------------ actions

    @Override
    public ActionResult action(ConnectorContext ctx, String action, Map<String, Object> params, String idempotencyKey) {
        GmailClient client = new GmailClient(ctx.http());
        return switch (action) {
            case "send_email" -> sendEmail(client, ctx, params, idempotencyKey);
            case "search_mailbox" -> searchMailbox(client, params);
            default -> throw new ConnectorException.InvalidRequest("Gmail has no action '" + VendorValues.clean(action, 60) + "'");
        };
    }

    /**
     * Sends once per idempotency key: the message carries a Message-ID derived from the key, and before each attempt
     * Gmail is searched for it ({@code rfc822msgid:}), so a retry after a crash, a timeout or a 5xx finds the message
     * sent before instead of sending it again.
     */
    private ActionResult sendEmail(GmailClient client, ConnectorContext ctx, Map<String, Object> params, String key) {
        if (key == null || key.isBlank()) throw new ConnectorException.InvalidRequest("send_email needs an idempotency key");
        List<String> to = recipients(params, "to", true);
        List<String> cc = recipients(params, "cc", false);
        if (to.size() + cc.size() > GmailOperations.MAX_RECIPIENTS) {
            throw new ConnectorException.InvalidRequest("at most " + GmailOperations.MAX_RECIPIENTS + " recipients");
        }
        String subject = oneLine(OperationParams.optionalString(params, "subject").orElse(""));
        String body = OperationParams.requiredString(params, "body");
        Optional<String> inReplyTo = OperationParams.optionalString(params, "in_reply_to").map(GmailConnector::messageIdParam);
        Optional<String> threadId = OperationParams.optionalString(params, "thread_id").map(t -> {
            if (!t.matches("[A-Za-z0-9_-]{1,64}")) throw new ConnectorException.InvalidRequest("'thread_id' is not a Gmail thread id");
            return t;
        });
        GmailClient.Profile profile = client.profile();
        String messageId = GmailOutgoing.messageId(key, profile.emailAddress());
        String raw = GmailOutgoing.raw(new GmailOutgoing.Mail(profile.emailAddress(), to, cc, subject, body, inReplyTo,
                ctx.clock().instant(), messageId));
        ConnectorException unknown = null;
        for (int attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
            Optional<String> existing = findSent(client, messageId);
            if (existing.isPresent()) return sent(existing.get(), Optional.empty(), messageId, to, true);
            try {
                JsonNode answer = client.send(raw, threadId);
                return sent(answer.path("id").asString(), Optional.ofNullable(answer.path("threadId").asString(null)),
                        messageId, to, false);
            } catch (ConnectorException.Unavailable | ConnectorException.MalformedResponse e) {
                // Gmail may or may not have sent it: the next look-up tells
                log.info("event=gmail_send_uncertain integration_id={} attempt={} error={}", ctx.integrationId(), attempt,
                        e.getClass().getSimpleName());
                unknown = e;
            }
        }
        Optional<String> existing = findSent(client, messageId);
        if (existing.isPresent()) return sent(existing.get(), Optional.empty(), messageId, to, true);
        throw unknown;
    }

    private static Optional<String> findSent(GmailClient client, String messageId) {
        List<String> ids = client.list("rfc822msgid:" + messageId, Optional.empty(), 1, true).ids();
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.getFirst());
    }

    private static ActionResult sent(String id, Optional<String> threadId, String messageId, List<String> to, boolean before) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message_id", id);
        threadId.ifPresent(t -> data.put("thread_id", t));
        data.put("rfc822_message_id", messageId);
        data.put("to", to);
        data.put("already_sent", before);
        String who = String.join(", ", to);
        return new ActionResult(data, before ? "The e-mail to " + who + " had already been sent (Gmail id " + id + ")"
                : "E-mail sent to " + who + " (Gmail id " + id + ")");
    }

    private static List<String> recipients(Map<String, Object> params, String name, boolean required) {
        List<String> raw;
        try {
            raw = OperationParams.stringList(params, name);
        } catch (ConnectorException.InvalidRequest e) {
            throw new ConnectorException.InvalidRequest("'" + name + "' must be a list of e-mail addresses");
        }
        if (required && raw.isEmpty()) throw new ConnectorException.InvalidRequest("'" + name + "' needs at least one e-mail address");
        List<String> out = new ArrayList<>();
        for (String r : raw) {
            String e = VendorValues.email(r);
            if (e == null || r.contains("\n") || r.contains("\r") || r.contains(",")) {
                throw new ConnectorException.InvalidRequest("'" + name + "' has an invalid e-mail address: '"
                        + VendorValues.clean(r, 80) + "'");
            }
            if (!out.contains(e)) out.add(e);
        }
        return out;
    }

    /** Header text on one line: line breaks would start new headers. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static String messageIdParam(String s) {
        String v = oneLine(s);
        if (!v.startsWith("<")) v = "<" + v + ">";
        if (!v.matches("<[^<>\\s]{1,400}@[^<>\\s]{1,200}>")) {
            throw new ConnectorException.InvalidRequest("'in_reply_to' must be a Message-ID like <abc@mail.example.com>");
        }
        return v;
    }

    private ActionResult searchMailbox(GmailClient client, Map<String, Object> params) {
        String query = oneLine(OperationParams.optionalString(params, "query").orElse(""));
        int limit = OperationParams.integer(params, "limit", 10, 1, 20);
        GmailClient.Listing page = client.list(query, Optional.empty(), limit, false);
        List<Map<String, Object>> found = new ArrayList<>();
        for (String id : page.ids()) {
            Optional<JsonNode> m = client.message(id);
            if (m.isEmpty()) continue;
            SyncedRecord r;
            try {
                r = GmailMapper.map(m.get(), "");
            } catch (GmailMapper.Unmappable e) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", id);
            put(item, "thread_id", r.columns().get("thread_id"));
            put(item, "date", r.columns().get("activity_date") instanceof Instant t ? t.toString() : null);
            put(item, "from", r.columns().get("from_email"));
            put(item, "to", r.columns().get("to_emails"));
            put(item, "subject", r.columns().get("subject"));
            put(item, "message_id", r.customFields().get("message_id"));
            Object text = r.columns().get("description");
            put(item, "body", text instanceof String s && s.length() > 2_000 ? s.substring(0, 2_000) + "…" : text);
            found.add(item);
        }
        String what = query.isBlank() ? "the latest messages" : "'" + VendorValues.clean(query, 80) + "'";
        return new ActionResult(Map.of("messages", found, "count", found.size()),
                found.isEmpty() ? "No Gmail messages match " + what : "Read " + found.size() + " Gmail message"
                        + (found.size() == 1 ? "" : "s") + " for " + what);
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }
}
