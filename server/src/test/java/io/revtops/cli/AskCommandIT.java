package io.revtops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code revtops ask}: one answer in the terminal with tool progress lines; exit 2 when no model is configured. */
class AskCommandIT {

    record Result(int exit, String out) {}

    static Result ask(Map<String, String> env, String question) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", RevtopsProcess.JAR.toAbsolutePath().toString(), "ask", question))
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("REVTOPS_") || k.startsWith("ANTHROPIC_") || k.startsWith("OPENAI_")
                || k.equals("DATABASE_URL"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void withoutAModelItNamesTheVariablesToSetAndExits2() throws Exception {
        Result r = ask(Map.of(), "How many deals?");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "REVTOPS_LLM_PROVIDER");
    }

    @Test
    void withTheScriptedModelItPrintsToolProgressAndTheAnswer() throws Exception {
        Path dir = Files.createTempDirectory("revtops-ask-it");
        Path script = dir.resolve("script.json");
        Files.writeString(script, """
                {"turns": [[{"toolCall": {"name": "list_connected_systems", "input": {}}}], "You have no connected systems yet."]}
                """);
        Result r = ask(Map.of("REVTOPS_DATA_DIR", dir.resolve("data").toString(), "REVTOPS_LLM_PROVIDER", "scripted",
                "REVTOPS_MODEL_SCRIPT", script.toString()), "What is connected?");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("→ Checking connected systems").contains("✓ 0 connected system(s)")
                .contains("You have no connected systems yet.");
    }
}
