package io.revtops.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * CPU time spent, as a figure that depends much less on what else runs on the machine than wall time: this JVM
 * (server code and the in-process simulators) and every PostgreSQL process of the database (backends and background
 * workers, from pg_stat_activity; the database runs on this host). Linux only.
 */
final class Cpu {
    private static final double MS_PER_TICK = 10; // CLK_TCK 100 on Linux

    /** A reading to subtract from a later one. */
    record Sample(long jvmMs, Map<Integer, Long> pgMs, Map<Integer, String> pgTypes) {}

    private Cpu() {}

    static Sample sample(JdbcClient owner) {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
                / 1_000_000;
        Map<Integer, Long> pg = new HashMap<>();
        Map<Integer, String> types = new HashMap<>();
        owner.sql("SELECT pid, coalesce(backend_type, '?') FROM pg_stat_activity").query((rs, n) -> {
            pg.put(rs.getInt(1), processMs(rs.getInt(1)));
            types.put(rs.getInt(1), rs.getString(2));
            return null;
        }).list();
        return new Sample(jvm, pg, types);
    }

    /** CPU ms between two samples: {jvm_ms, postgres_ms} (PostgreSQL processes that ended in between are missed). */
    static Map<String, Long> between(Sample a, Sample b) {
        long pg = 0;
        for (var e : b.pgMs().entrySet()) pg += e.getValue() - a.pgMs().getOrDefault(e.getKey(), 0L);
        return Map.of("jvm_cpu_ms", b.jvmMs() - a.jvmMs(), "postgres_cpu_ms", pg);
    }

    /** PostgreSQL CPU ms between two samples by backend type (client backend, autovacuum worker, checkpointer, ...). */
    static Map<String, Long> postgresByType(Sample a, Sample b) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (var e : b.pgMs().entrySet()) {
            out.merge(b.pgTypes().getOrDefault(e.getKey(), "?"), e.getValue() - a.pgMs().getOrDefault(e.getKey(), 0L), Long::sum);
        }
        return out;
    }

    /**
     * CPU ms so far of every live OS thread of this JVM (from /proc: Java threads and the JVM's own, GC and JIT
     * compilers included), summed by thread name with digits dropped: "sync-worker-#" (the sync jobs),
     * "ForkJoinPool-#-" (carriers of virtual threads: the simulators' request handlers and the page prefetches),
     * "HttpClient-#-Wo" (the connectors' HTTP client), "GC Thread#", "C#…CompilerThre" and so on. Linux truncates
     * names to 15 characters.
     */
    static Map<String, Long> threads() {
        Map<String, Long> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ms = Math.round((Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK);
                    out.merge(name.replaceAll("[0-9]+", "#"), ms, Long::sum);
                } catch (Exception e) {
                    // the thread ended meanwhile
                }
            });
        } catch (Exception e) {
            // not Linux
        }
        return out;
    }

    /** The thread groups that used at least 50 ms between two readings, largest first. */
    static Map<String, Long> betweenThreads(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        b.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - a.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() >= 50)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static long processMs(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Math.round((Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK);
        } catch (Exception e) {
            return 0; // not on this host, or gone
        }
    }
}
