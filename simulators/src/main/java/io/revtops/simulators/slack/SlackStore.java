package io.revtops.simulators.slack;

import io.revtops.simulators.common.Json;
import io.revtops.simulators.common.ModificationClock;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.demo.Employee;
import io.revtops.simulators.demo.SlackChannel;
import io.revtops.simulators.demo.SlackMessage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demo workspace as Slack holds it: members (the demo employees, the Revtops bot, Slackbot), public channels
 * with their messages keyed by {@code ts} (seconds.microseconds, unique per channel), threads, reactions and the
 * messages the bot posted. Ids look like Slack's: {@code U…} users, {@code C…} channels, {@code D…} direct messages.
 * All methods are synchronized: one workspace, many concurrent requests.
 */
final class SlackStore {

    static final String BOT_USER = "U0REVTOPS";
    static final String BOT_ID = "B0REVTOPS";
    static final String APP_ID = "A0REVTOPS";

    /** One member of the workspace. */
    record User(String id, String name, String realName, String email, String title, String tz, boolean bot, boolean deleted) {}

    /** One conversation: a public channel or the bot's direct message with one member. */
    static final class Channel {
        final String id;
        final String name;
        final String topic;
        final String purpose;
        final long created;
        final boolean im;
        final Optional<String> imUser;
        final Set<String> members = new LinkedHashSet<>();
        boolean archived;
        /** Messages by ts (numeric order); thread replies included, flagged by {@link Message#threadTs}. */
        final TreeMap<BigDecimal, Message> messages = new TreeMap<>();

        Channel(String id, String name, String topic, String purpose, long created, boolean im, Optional<String> imUser) {
            this.id = id;
            this.name = name;
            this.topic = topic;
            this.purpose = purpose;
            this.created = created;
            this.im = im;
            this.imUser = imUser;
        }
    }

    /**
     * One message. {@code raw}, when present, is answered exactly as given (test hook for payloads Slack should never
     * send, such as a missing or non-numeric ts), ordered by {@code key}.
     */
    static final class Message {
        final BigDecimal key;
        final String ts;
        final String user;
        String text;
        Object blocks;
        final Optional<String> threadTs;
        final Optional<String> botId;
        final Optional<Map<String, Object>> metadata;
        final Optional<Map<String, Object>> raw;
        Optional<String> edited = Optional.empty();
        final Map<String, List<String>> reactions = new LinkedHashMap<>();

        Message(BigDecimal key, String ts, String user, String text, Object blocks, Optional<String> threadTs,
                Optional<String> botId, Optional<Map<String, Object>> metadata, Optional<Map<String, Object>> raw) {
            this.key = key;
            this.ts = ts;
            this.user = user;
            this.text = text;
            this.blocks = blocks;
            this.threadTs = threadTs;
            this.botId = botId;
            this.metadata = metadata;
            this.raw = raw;
        }

        boolean isReply() {
            return threadTs.isPresent() && !threadTs.get().equals(ts);
        }
    }

    private final String teamId;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final ModificationClock times;

    private SlackStore(String teamId, ModificationClock times) {
        this.teamId = teamId;
        this.times = times;
    }

    static SlackStore seed(DemoCompany company, Clock clock) {
        String team = "T" + String.format(Locale.ROOT, "%08X", Math.floorMod(company.seed() * 2654435761L, 0xFFFFFFFFL));
        SlackStore s = new SlackStore(team, new ModificationClock(clock, company.anchor()));
        for (Employee e : company.employees()) {
            s.users.put(userId(e.id()), new User(userId(e.id()), e.email().substring(0, e.email().indexOf('@')), e.name(),
                    e.email(), e.title(), e.timeZone(), false, false));
        }
        s.users.put(BOT_USER, new User(BOT_USER, "revtops", "Revtops", null, "", "UTC", true, false));
        s.users.put("USLACKBOT", new User("USLACKBOT", "slackbot", "Slackbot", null, "", "America/Los_Angeles", false, false));
        for (SlackChannel c : company.slackChannels()) {
            Channel ch = new Channel(channelId(c.id()), c.name(), c.topic(), c.purpose(), c.createdAt().getEpochSecond(), false,
                    Optional.empty());
            c.memberIds().forEach(m -> ch.members.add(userId(m)));
            ch.members.add(BOT_USER);
            s.channels.put(ch.id, ch);
        }
        Map<String, String> tsById = new HashMap<>();
        List<SlackMessage> ordered = new ArrayList<>(company.slackMessages());
        ordered.sort(Comparator.comparing((SlackMessage m) -> m.threadParentId().isPresent()).thenComparing(SlackMessage::at));
        for (SlackMessage m : ordered) {
            String ts = ts(m.at(), digits(m.id()));
            tsById.put(m.id(), ts);
            Optional<String> parent = m.threadParentId().map(tsById::get);
            Channel ch = s.channels.get(channelId(m.channelId()));
            ch.messages.put(new BigDecimal(ts), new Message(new BigDecimal(ts), ts, userId(m.userId()), m.text(), null,
                    parent, Optional.empty(), Optional.empty(), Optional.empty()));
            s.times.observe(m.at());
        }
        return s;
    }

    static String userId(String employeeId) {
        return "U" + digits(employeeId);
    }

    static String channelId(String demoChannelId) {
        return "C" + digits(demoChannelId);
    }

    private static String digits(String id) {
        String d = id.replaceAll("[^0-9]", "");
        return d.isEmpty() ? "0" : d;
    }

    /** A Slack timestamp: epoch seconds and six digits of microseconds. */
    static String ts(Instant at, String micros) {
        long m = Long.parseLong(micros) % 1_000_000;
        return at.getEpochSecond() + "." + String.format(Locale.ROOT, "%06d", m);
    }

    String teamId() {
        return teamId;
    }

    synchronized List<User> users() {
        return List.copyOf(users.values());
    }

    synchronized Optional<User> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    synchronized void addUser(User u) {
        users.put(u.id(), u);
    }

    /** Public channels in creation order, then by id. */
    synchronized List<Channel> publicChannels() {
        return channels.values().stream().filter(c -> !c.im)
                .sorted(Comparator.comparingLong((Channel c) -> c.created).thenComparing(c -> c.id)).toList();
    }

    /** A conversation by id, {@code #name} or {@code name}; a member id opens the bot's DM with that member. */
    synchronized Optional<Channel> resolve(String ref, boolean openDm) {
        if (ref == null || ref.isBlank()) return Optional.empty();
        String r = ref.strip();
        Channel byId = channels.get(r);
        if (byId != null) return Optional.of(byId);
        String name = r.startsWith("#") ? r.substring(1) : r;
        for (Channel c : channels.values()) if (!c.im && c.name.equals(name)) return Optional.of(c);
        if (openDm && users.containsKey(r) && !users.get(r).bot() && !users.get(r).deleted()) {
            String id = "D" + r.substring(1);
            return Optional.of(channels.computeIfAbsent(id, k -> {
                Channel dm = new Channel(k, "", "", "", times.next().getEpochSecond(), true, Optional.of(r));
                dm.members.add(r);
                dm.members.add(BOT_USER);
                return dm;
            }));
        }
        return Optional.empty();
    }

    /** Posts a message now (a person, or the bot); returns it. */
    synchronized Message post(Channel ch, String user, String text, Object blocks, Optional<String> threadTs, Optional<String> botId,
                              Optional<Map<String, Object>> metadata) {
        Instant at = times.next();
        String ts = ts(at, Long.toString(at.getNano() / 1_000 % 1_000_000));
        BigDecimal key = new BigDecimal(ts);
        while (ch.messages.containsKey(key)) {
            at = times.next();
            ts = ts(at, Long.toString(at.getNano() / 1_000 % 1_000_000));
            key = new BigDecimal(ts);
        }
        Message m = new Message(key, ts, user, text, blocks, threadTs, botId, metadata, Optional.empty());
        ch.messages.put(key, m);
        return m;
    }

    /** Stores a message exactly as given, placed after every other message of the channel. */
    synchronized void addRaw(Channel ch, Map<String, Object> json) {
        Instant at = times.next();
        BigDecimal key = new BigDecimal(ts(at, Long.toString(at.getNano() / 1_000 % 1_000_000)));
        ch.messages.put(key, new Message(key, String.valueOf(json.get("ts")), String.valueOf(json.get("user")), "", null,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(new LinkedHashMap<>(json))));
    }

    /** Top-level messages (not thread replies) of a channel, newest first, within the range. */
    synchronized List<Message> history(Channel ch, BigDecimal oldest, BigDecimal latest, boolean inclusive) {
        List<Message> out = new ArrayList<>();
        for (Message m : ch.messages.descendingMap().values()) {
            if (m.isReply()) continue;
            if (!inRange(m.key, oldest, latest, inclusive)) continue;
            out.add(m);
        }
        return out;
    }

    /** A thread: the parent, then its replies oldest first (replies filtered by the range). */
    synchronized Optional<List<Message>> thread(Channel ch, String ts, BigDecimal oldest, BigDecimal latest, boolean inclusive) {
        BigDecimal key;
        try {
            key = new BigDecimal(ts);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Message parent = ch.messages.get(key);
        if (parent == null || parent.raw.isPresent()) return Optional.empty();
        String threadTs = parent.threadTs.orElse(parent.ts);
        List<Message> out = new ArrayList<>();
        out.add(parent);
        for (Message m : ch.messages.values()) {
            if (m != parent && m.threadTs.isPresent() && m.threadTs.get().equals(threadTs) && inRange(m.key, oldest, latest, inclusive)) {
                out.add(m);
            }
        }
        return Optional.of(out);
    }

    synchronized List<Message> replies(Channel ch, Message parent) {
        return ch.messages.values().stream().filter(m -> m != parent && m.threadTs.isPresent()
                && m.threadTs.get().equals(parent.ts)).toList();
    }

    synchronized Optional<Message> message(Channel ch, String ts) {
        try {
            return Optional.ofNullable(ch.messages.get(new BigDecimal(ts))).filter(m -> m.raw.isEmpty());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean inRange(BigDecimal ts, BigDecimal oldest, BigDecimal latest, boolean inclusive) {
        int lo = ts.compareTo(oldest);
        int hi = ts.compareTo(latest);
        return inclusive ? lo >= 0 && hi <= 0 : lo > 0 && hi < 0;
    }

    /** The JSON Slack answers for a message; {@code withMetadata} adds its metadata (include_all_metadata). */
    synchronized Map<String, Object> json(Channel ch, Message m, boolean withMetadata) {
        if (m.raw.isPresent()) return m.raw.get();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", "message");
        o.put("user", m.user);
        o.put("text", m.text);
        if (m.blocks != null) o.put("blocks", m.blocks);
        o.put("ts", m.ts);
        o.put("team", teamId);
        m.botId.ifPresent(b -> {
            o.put("bot_id", b);
            o.put("app_id", APP_ID);
        });
        m.threadTs.ifPresent(t -> o.put("thread_ts", t));
        if (!m.isReply()) {
            List<Message> replies = replies(ch, m);
            if (!replies.isEmpty()) {
                o.put("thread_ts", m.ts);
                o.put("reply_count", replies.size());
                o.put("reply_users_count", replies.stream().map(r -> r.user).distinct().count());
                o.put("latest_reply", replies.getLast().ts);
                o.put("reply_users", replies.stream().map(r -> r.user).distinct().limit(5).toList());
            }
        } else {
            o.put("parent_user_id", ch.messages.values().stream().filter(p -> p.ts.equals(m.threadTs.get())).map(p -> p.user)
                    .findFirst().orElse(null));
        }
        m.edited.ifPresent(e -> o.put("edited", Json.object("user", m.user, "ts", e)));
        if (!m.reactions.isEmpty()) {
            List<Object> rs = new ArrayList<>();
            m.reactions.forEach((name, who) -> rs.add(Json.object("name", name, "users", who, "count", who.size())));
            o.put("reactions", rs);
        }
        if (withMetadata) m.metadata.ifPresent(md -> o.put("metadata", md));
        return o;
    }

    synchronized Map<String, Object> channelJson(Channel c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", c.id);
        if (c.im) {
            o.put("is_im", true);
            o.put("user", c.imUser.orElse(null));
            o.put("created", c.created);
            return o;
        }
        o.put("name", c.name);
        o.put("is_channel", true);
        o.put("is_group", false);
        o.put("is_im", false);
        o.put("is_private", false);
        o.put("is_archived", c.archived);
        o.put("is_general", c.name.equals("general"));
        o.put("is_member", c.members.contains(BOT_USER));
        o.put("created", c.created);
        o.put("name_normalized", c.name);
        o.put("topic", Json.object("value", c.topic, "creator", "", "last_set", 0));
        o.put("purpose", Json.object("value", c.purpose, "creator", "", "last_set", 0));
        o.put("num_members", c.members.size());
        return o;
    }

    synchronized Map<String, Object> userJson(User u) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("real_name", u.realName());
        profile.put("display_name", u.name());
        profile.put("title", u.title());
        if (u.email() != null) profile.put("email", u.email());
        if (u.bot()) profile.put("bot_id", BOT_ID);
        profile.put("team", teamId);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", u.id());
        o.put("team_id", teamId);
        o.put("name", u.name());
        o.put("deleted", u.deleted());
        o.put("real_name", u.realName());
        o.put("tz", u.tz());
        o.put("is_admin", false);
        o.put("is_bot", u.bot());
        o.put("is_app_user", false);
        o.put("profile", profile);
        return o;
    }
}
