package io.revtops.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The record writer's own debug line per page ({@code event=sync_write … prepare_ms=… statement_ms=…}), summed: how
 * much of the write path is Java (coercion, hashing) and how much is the SQL statement (with its savepoint). Takes
 * the writer's logger off the console so the debug lines cost no terminal output; warnings still reach stderr.
 */
final class WriteLog extends AppenderBase<ILoggingEvent> {
    private static final Pattern LINE = Pattern.compile("event=sync_write .*rows=(\\d+) prepare_ms=(\\d+) statement_ms=(\\d+)");

    long pages;
    long rows;
    long prepareMs;
    long statementMs;

    static WriteLog attach() {
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        WriteLog appender = new WriteLog();
        appender.setContext(lc);
        appender.setName("bench-write-log");
        appender.start();
        Logger logger = lc.getLogger("io.revtops.sync.RecordWriter");
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        logger.addAppender(appender);
        return appender;
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
        if (e.getLevel().isGreaterOrEqual(Level.WARN)) System.err.println("RecordWriter " + e.getLevel() + ": " + e.getFormattedMessage());
        Matcher m = LINE.matcher(e.getFormattedMessage());
        if (!m.find()) return;
        pages++;
        rows += Long.parseLong(m.group(1));
        prepareMs += Long.parseLong(m.group(2));
        statementMs += Long.parseLong(m.group(3));
    }

    synchronized void reset() {
        pages = rows = prepareMs = statementMs = 0;
    }
}
