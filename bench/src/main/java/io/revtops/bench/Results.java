package io.revtops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a benchmark's figures to {@code bench/results/<name>.json} of the repository the run started in. */
final class Results {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Results() {}

    static Path write(String name, Map<String, Object> figures) {
        Path dir = resultsDir();
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".json");
            Files.writeString(file, JSON.writeValueAsString(figures) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code -Drevtops.bench.results=…}, else {@code bench/results} of the first ancestor holding {@code bench/pom.xml}. */
    static Path resultsDir() {
        String explicit = System.getProperty("revtops.bench.results");
        if (explicit != null) return Path.of(explicit);
        Path p = Path.of("").toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("bench/pom.xml"))) return d.resolve("bench/results");
            if (Files.exists(d.resolve("pom.xml")) && d.getFileName() != null && d.getFileName().toString().equals("bench")) {
                return d.resolve("results");
            }
        }
        return p.resolve("bench/results");
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static double median(java.util.List<? extends Number> values) {
        double[] s = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (s.length == 0) return Double.NaN;
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
