package io.revtops.simulators.common;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every request a simulator received (the newest {@value #CAPACITY}), for assertions such as "the
 * simulator received exactly one PATCH". Admin calls under {@code /__sim} are not recorded.
 */
public final class RequestLog {

    static final int CAPACITY = 50_000;
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-api-key", "cookie", "proxy-authorization");
    private static final Pattern BODY_API_KEY = Pattern.compile("(\"api_key\"\\s*:\\s*\")[^\"]*(\")");
    private static final Pattern QUERY_SECRET = Pattern.compile("((?:^|&)(?:api_key|hapikey|access_token)=)[^&]*");

    private final Deque<RecordedRequest> entries = new ArrayDeque<>();
    private final Clock clock;
    private long sequence;

    public RequestLog(Clock clock) {
        this.clock = clock;
    }

    synchronized void record(SimRequest request, int status, boolean replayed) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach((name, value) -> {
            if (!SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, value);
            }
        });
        String body = BODY_API_KEY.matcher(request.body()).replaceAll("$1***$2");
        String query = QUERY_SECRET.matcher(request.queryString()).replaceAll("$1***");
        entries.addLast(new RecordedRequest(++sequence, clock.instant(), request.method(), request.path(), query,
                Map.copyOf(headers), body, status, replayed));
        if (entries.size() > CAPACITY) {
            entries.removeFirst();
        }
    }

    public synchronized List<RecordedRequest> all() {
        return List.copyOf(entries);
    }

    /** Requests with this method (any when empty) whose path starts with {@code pathPrefix}. */
    public synchronized List<RecordedRequest> matching(String method, String pathPrefix) {
        return entries.stream()
                .filter(r -> method.isEmpty() || r.method().equalsIgnoreCase(method))
                .filter(r -> r.path().startsWith(pathPrefix))
                .toList();
    }

    public long count(String method, String pathPrefix) {
        return matching(method, pathPrefix).size();
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
    }
}
