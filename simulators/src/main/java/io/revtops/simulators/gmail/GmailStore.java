package io.revtops.simulators.gmail;

import io.revtops.simulators.demo.Contact;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.demo.Email;
import io.revtops.simulators.demo.Employee;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The mailboxes of the demo company, one per employee: every demo email the employee sent or received (SENT or INBOX),
 * ordered newest first like Gmail lists them, each mailbox with its own history (a counter that every change moves,
 * and the change records after the oldest history id still kept). Messages are rendered to Gmail's JSON on demand.
 */
public final class GmailStore {
    static final long HISTORY_BASE = 100_000;

    /** One message in one mailbox. {@code overrides} replace fields of the rendered resource (tests' bad payloads). */
    record Message(String id, String threadId, List<String> labels, long internalDate, long historyId, String rfc822Id,
                   String fromHeader, String toHeader, String ccHeader, String subject, String dateHeader, String text,
                   boolean html, Map<String, Object> overrides) {

        List<String> from() {
            return GmailMime.addresses(fromHeader);
        }

        List<String> recipients() {
            List<String> out = new ArrayList<>(GmailMime.addresses(toHeader));
            out.addAll(GmailMime.addresses(ccHeader));
            return out;
        }
    }

    /** A change record: messages added or deleted at history id {@code id}. */
    record History(long id, List<Message> added, List<Message> deleted) {
    }

    /** A message sent through {@code messages.send}, as the recipients would see it. */
    public record Sent(String mailbox, String id, String threadId, String rfc822MessageId, String from, List<String> to,
                       List<String> cc, List<String> bcc, String subject, String text, Instant at) {
    }

    /** What a test delivers: a new message for one mailbox. */
    public record NewMessage(String from, List<String> to, List<String> cc, String subject, String text, boolean html,
                             Instant at, List<String> labels, Map<String, Object> overrides) {
        public NewMessage {
            to = List.copyOf(to);
            cc = List.copyOf(cc);
            labels = List.copyOf(labels);
            // null values are kept: a test may blank out a field of the rendered resource
            overrides = overrides == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        }

        public static NewMessage inbound(String from, String to, String subject, String text, Instant at) {
            return new NewMessage(from, List.of(to), List.of(), subject, text, false, at, List.of("INBOX"), Map.of());
        }

        /** The same message with fields of the rendered resource replaced (a malformed payload, a bad date). */
        public NewMessage withOverrides(Map<String, Object> replaced) {
            return new NewMessage(from, to, cc, subject, text, html, at, labels, replaced);
        }
    }

    static final class Mailbox {
        final String address;
        final String name;
        final TreeSet<Message> ordered = new TreeSet<>(Comparator.comparingLong(Message::internalDate).reversed()
                .thenComparing(Message::id, Comparator.reverseOrder()));
        final Map<String, Message> byId = new LinkedHashMap<>();
        final List<History> history = new ArrayList<>();
        final List<Sent> sent = new ArrayList<>();
        long historyId = HISTORY_BASE;
        long oldestHistory = HISTORY_BASE;
        long created;

        Mailbox(String address, String name) {
            this.address = address;
            this.name = name;
        }

        void put(Message m) {
            Message old = byId.put(m.id(), m);
            if (old != null) {
                ordered.remove(old);
            }
            ordered.add(m);
        }
    }

    private final Map<String, Mailbox> mailboxes = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Clock clock;

    private GmailStore(Clock clock) {
        this.clock = clock;
    }

    static GmailStore seed(DemoCompany company, Clock clock) {
        GmailStore store = new GmailStore(clock);
        for (Employee e : company.employees()) {
            store.names.put(e.email().toLowerCase(Locale.ROOT), e.name());
            store.mailboxes.put(e.email().toLowerCase(Locale.ROOT), new Mailbox(e.email().toLowerCase(Locale.ROOT), e.name()));
        }
        for (Contact c : company.contacts()) {
            store.names.putIfAbsent(c.email().toLowerCase(Locale.ROOT), c.name());
        }
        List<Email> chronological = company.emails().stream()
                .sorted(Comparator.comparing(Email::sentAt).thenComparing(Email::id)).toList();
        int n = 0;
        for (Email email : chronological) {
            List<String> participants = Stream.of(List.of(email.from()), email.to(), email.cc()).flatMap(List::stream)
                    .map(a -> a.toLowerCase(Locale.ROOT)).distinct().toList();
            String from = email.from().toLowerCase(Locale.ROOT);
            String rfc822 = "<" + email.id() + "." + Long.toHexString(company.seed()) + "@mail." + domain(from) + ">";
            for (String address : participants) {
                Mailbox box = store.mailboxes.get(address);
                if (box == null) {
                    continue;
                }
                List<String> labels = new ArrayList<>();
                if (address.equals(from)) {
                    labels.add("SENT");
                }
                if (!address.equals(from) || email.to().stream().anyMatch(t -> t.equalsIgnoreCase(address))) {
                    labels.add("INBOX");
                }
                labels.add("CATEGORY_PERSONAL");
                box.put(new Message(hex(address + "|" + email.id()), hex(address + "|" + email.threadId()), List.copyOf(labels),
                        email.sentAt().toEpochMilli(), ++box.historyId, rfc822, store.header(email.from()),
                        store.headers(email.to()), store.headers(email.cc()), email.subject(),
                        GmailMime.date(email.sentAt()), email.body(), n++ % 3 == 0, Map.of()));
            }
        }
        for (Mailbox box : store.mailboxes.values()) {
            // history older than the seeded mailbox is gone, as after Gmail's retention
            box.oldestHistory = box.historyId;
            box.created = box.historyId;
        }
        return store;
    }

    // ------------------------------------------------------------------ reads

    synchronized List<String> addresses() {
        return List.copyOf(mailboxes.keySet());
    }

    synchronized Optional<Mailbox> mailbox(String address) {
        return Optional.ofNullable(mailboxes.get(address.toLowerCase(Locale.ROOT)));
    }

    /** One page of a listing: matching messages after the page position, newest first, and the estimate. */
    record Listing(List<Message> messages, Optional<String> nextPosition, int estimate) {
    }

    synchronized Listing list(String address, GmailQuery query, List<String> labelIds, boolean includeSpamTrash,
                              Optional<String> after, int max) {
        Mailbox box = mailboxes.get(address);
        List<Message> page = new ArrayList<>();
        int total = 0;
        boolean more = false;
        long afterDate = Long.MAX_VALUE;
        String afterId = null;
        if (after.isPresent()) {
            int colon = after.get().indexOf(':');
            afterDate = Long.parseLong(after.get().substring(0, colon));
            afterId = after.get().substring(colon + 1);
        }
        for (Message m : box.ordered) {
            if (!includeSpamTrash && (m.labels().contains("SPAM") || m.labels().contains("TRASH"))) {
                continue;
            }
            if (!m.labels().containsAll(labelIds) || !query.matches(m)) {
                continue;
            }
            total++;
            boolean pastPosition = afterId == null || m.internalDate() < afterDate
                    || (m.internalDate() == afterDate && m.id().compareTo(afterId) < 0);
            if (!pastPosition) {
                continue;
            }
            if (page.size() < max) {
                page.add(m);
            } else {
                more = true;
            }
        }
        Optional<String> next = more ? Optional.of(position(page.get(page.size() - 1))) : Optional.empty();
        return new Listing(page, next, total);
    }

    static String position(Message m) {
        return m.internalDate() + ":" + m.id();
    }

    synchronized Optional<Message> message(String address, String id) {
        return Optional.ofNullable(mailboxes.get(address).byId.get(id));
    }

    /** History records after {@code start}; empty when {@code start} is older than the oldest kept record. */
    synchronized Optional<List<History>> historySince(String address, long start) {
        Mailbox box = mailboxes.get(address);
        if (start < box.oldestHistory) {
            return Optional.empty();
        }
        return Optional.of(box.history.stream().filter(h -> h.id() > start).toList());
    }

    synchronized long historyId(String address) {
        return mailboxes.get(address).historyId;
    }

    synchronized int count(String address) {
        return mailboxes.get(address).byId.size();
    }

    /** Messages listed by {@code messages.list} with {@code q=after:<since>} (spam and trash excluded). */
    synchronized List<String> idsSince(String address, Instant since) {
        return mailboxes.get(address).ordered.stream()
                .filter(m -> m.internalDate() >= since.toEpochMilli())
                .filter(m -> !m.labels().contains("SPAM") && !m.labels().contains("TRASH"))
                .map(Message::id).toList();
    }

    synchronized List<Sent> sent(String address) {
        return List.copyOf(mailboxes.get(address).sent);
    }

    synchronized List<Sent> allSent() {
        return mailboxes.values().stream().flatMap(b -> b.sent.stream()).toList();
    }

    String name(String address) {
        return names.get(address);
    }

    // ------------------------------------------------------------------ changes

    synchronized Message deliver(String address, NewMessage m) {
        Mailbox box = mailboxes.get(address);
        String id = hex(address + "|new|" + (box.historyId + 1) + "|" + m.subject());
        Message message = new Message(id, id, m.labels(), m.at().toEpochMilli(), ++box.historyId,
                "<" + id + ".sim@mail." + domain(m.from()) + ">", header(m.from()), headers(m.to()), headers(m.cc()),
                m.subject(), GmailMime.date(m.at()), m.text(), m.html(), m.overrides());
        box.put(message);
        box.history.add(new History(box.historyId, List.of(message), List.of()));
        return message;
    }

    /** Sends a parsed message from a mailbox: SENT in the sender's mailbox, INBOX in recipients' demo mailboxes. */
    synchronized Message send(String address, GmailMime.Parsed parsed, Optional<String> threadId) {
        Mailbox box = mailboxes.get(address);
        Instant now = clock.instant();
        String fromHeader = parsed.header("From").orElse(GmailMime.mailbox(box.name, address));
        List<String> to = GmailMime.addresses(parsed.header("To").orElse(""));
        List<String> cc = GmailMime.addresses(parsed.header("Cc").orElse(""));
        List<String> bcc = GmailMime.addresses(parsed.header("Bcc").orElse(""));
        String subject = parsed.header("Subject").orElse("");
        String id = hex(address + "|sent|" + (box.historyId + 1) + "|" + now.toEpochMilli());
        String thread = threadId.filter(t -> box.byId.values().stream().anyMatch(m -> m.threadId().equals(t))).orElse(id);
        String rfc822 = parsed.header("Message-ID").or(() -> parsed.header("Message-Id"))
                .orElse("<" + id + ".sim@mail.gmail.com>");
        List<String> labels = to.contains(address) ? List.of("SENT", "INBOX") : List.of("SENT");
        Message message = new Message(id, thread, labels, now.toEpochMilli(), ++box.historyId, rfc822, fromHeader,
                parsed.header("To").orElse(""), parsed.header("Cc").orElse(""), subject, GmailMime.date(now), parsed.text(),
                false, Map.of());
        box.put(message);
        box.history.add(new History(box.historyId, List.of(message), List.of()));
        box.sent.add(new Sent(address, id, thread, rfc822, address, to, cc, bcc, subject, parsed.text(), now));
        for (String recipient : Stream.of(to, cc, bcc).flatMap(List::stream).distinct().toList()) {
            Mailbox other = mailboxes.get(recipient);
            if (other == null || other == box) {
                continue;
            }
            String copyId = hex(recipient + "|received|" + id);
            Message copy = new Message(copyId, copyId, List.of("INBOX", "UNREAD"), now.toEpochMilli(), ++other.historyId,
                    rfc822, fromHeader, message.toHeader(), message.ccHeader(), subject, message.dateHeader(), parsed.text(),
                    false, Map.of());
            other.put(copy);
            other.history.add(new History(other.historyId, List.of(copy), List.of()));
        }
        return message;
    }

    synchronized boolean delete(String address, String id) {
        Mailbox box = mailboxes.get(address);
        Message m = box.byId.remove(id);
        if (m == null) {
            return false;
        }
        box.ordered.remove(m);
        box.history.add(new History(++box.historyId, List.of(), List.of(m)));
        return true;
    }

    /** Drops every history record so far: a later history.list from an older id answers 404. */
    synchronized void expireHistory(String address) {
        Mailbox box = mailboxes.get(address);
        box.history.clear();
        box.oldestHistory = box.historyId;
    }

    // ------------------------------------------------------------------ helpers

    private String header(String address) {
        return GmailMime.mailbox(names.get(address.toLowerCase(Locale.ROOT)), address);
    }

    private String headers(List<String> addresses) {
        return String.join(", ", addresses.stream().map(this::header).toList());
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "localhost" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** A Gmail-like id: 16 lower-case hex digits. */
    static String hex(String seed) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
