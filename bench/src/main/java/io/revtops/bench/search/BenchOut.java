package io.revtops.bench.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Small helpers of the search benchmarks: the machine, percentiles, and the JSON result file. */
final class BenchOut {
    private BenchOut() {}

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) m.put("memory_gib", Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1048576.0));
            }
            String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            m.put("load_average_1_5_15", load[0] + ", " + load[1] + ", " + load[2]);
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu", line.substring(line.indexOf(':') + 1).strip());
                    break;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        m.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        m.put("at", Instant.now().toString());
        return m;
    }

    /** p50, p95, p99, max of durations in nanoseconds, as milliseconds. */
    static Map<String, Object> percentiles(List<Long> nanos) {
        long[] v = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", v.length);
        m.put("p50_ms", ms(v, 0.50));
        m.put("p95_ms", ms(v, 0.95));
        m.put("p99_ms", ms(v, 0.99));
        m.put("max_ms", Math.round(v[v.length - 1] / 1e4) / 100.0);
        m.put("mean_ms", Math.round(Arrays.stream(v).average().orElse(0) / 1e4) / 100.0);
        return m;
    }

    private static double ms(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return Math.round(sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e4) / 100.0;
    }

    static void write(String name, Map<String, Object> results) throws IOException {
        Path dir = Path.of("bench/results");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        System.out.println("wrote " + dir.resolve(name));
    }
}
