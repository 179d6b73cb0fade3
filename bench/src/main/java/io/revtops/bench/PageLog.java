package io.revtops.bench;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Collects the sync engine's own per-page log lines ({@code event=sync_page … fetch_ms=… write_ms=…}) into
 * per-stream totals: the cheap way to see where a run's time goes without touching server code.
 */
final class PageLog extends AppenderBase<ILoggingEvent> {
    private static final Pattern PAGE = Pattern.compile(
            "event=sync_page run_id=(\\S+) stream=(\\S+) page=\\d+ records=(\\d+) .*fetch_ms=(\\d+) write_ms=(\\d+)(?: wait_ms=(\\d+))?");

    /** One stream's pages in one run. */
    static final class Stream {
        long pages;
        long records;
        long fetchMs;
        long writeMs;
        long maxFetchMs;
        long maxWriteMs;
        long waitMs;

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pages", pages);
            m.put("records", records);
            m.put("fetch_ms_total", fetchMs);
            m.put("write_ms_total", writeMs);
            m.put("fetch_ms_per_page", pages == 0 ? 0 : Results.round((double) fetchMs / pages, 1));
            m.put("write_ms_per_page", pages == 0 ? 0 : Results.round((double) writeMs / pages, 1));
            m.put("fetch_ms_max", maxFetchMs);
            m.put("write_ms_max", maxWriteMs);
            // time the engine waited for a page: with prefetch, only what the write did not hide
            m.put("wait_ms_total", waitMs);
            return m;
        }
    }

    /** Per run id, its streams (runs of two integrations may interleave). */
    private final Map<String, Map<String, Stream>> runs = new LinkedHashMap<>();

    static PageLog attach() {
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        PageLog appender = new PageLog();
        appender.setContext(lc);
        appender.setName("bench-page-log");
        appender.start();
        Logger logger = lc.getLogger("io.revtops.sync.SyncJob");
        logger.addAppender(appender);
        return appender;
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
        Matcher m = PAGE.matcher(e.getFormattedMessage());
        if (!m.find()) return;
        Stream s = runs.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>()).computeIfAbsent(m.group(2), k -> new Stream());
        long fetch = Long.parseLong(m.group(4));
        long write = Long.parseLong(m.group(5));
        s.pages++;
        s.records += Long.parseLong(m.group(3));
        s.waitMs += m.group(6) == null ? fetch : Long.parseLong(m.group(6));
        s.fetchMs += fetch;
        s.writeMs += write;
        s.maxFetchMs = Math.max(s.maxFetchMs, fetch);
        s.maxWriteMs = Math.max(s.maxWriteMs, write);
    }

    /** The streams of this run seen so far; forgets them. */
    synchronized Map<String, Object> drain(java.util.UUID runId) {
        Map<String, Object> out = new LinkedHashMap<>();
        long fetch = 0;
        long write = 0;
        long wait = 0;
        Map<String, Stream> streams = runs.remove(runId.toString());
        if (streams == null) streams = Map.of();
        for (var e : streams.entrySet()) {
            out.put(e.getKey(), e.getValue().toMap());
            fetch += e.getValue().fetchMs;
            write += e.getValue().writeMs;
            wait += e.getValue().waitMs;
        }
        out.put("_all_streams", Map.of("fetch_ms_total", fetch, "write_ms_total", write, "wait_ms_total", wait));
        return out;
    }

    /** Forgets everything collected so far. */
    synchronized void clear() {
        runs.clear();
    }
}
