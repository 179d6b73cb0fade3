package io.revtops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on: cores, memory, load average (other builds share this machine), JVM. */
final class Machine {
    private Machine() {}

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memory_gib", memGiB());
        m.put("load_average_1_5_15", loadAverage());
        m.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        m.put("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("at", Instant.now().toString());
        return m;
    }

    private static long memGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) return Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1048576.0);
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return -1;
    }
}
