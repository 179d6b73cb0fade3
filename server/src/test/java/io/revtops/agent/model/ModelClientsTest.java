package io.revtops.agent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelClients}: choosing the adapter from the environment, or saying what to set. */
class ModelClientsTest {

    private static final ModelRequest ASK = ModelRequest.builder().addUserMessage("hi").build();

    @Nested
    class NotConfigured {

        @Test
        void noProviderNamesEveryVariableToSet() {
            ModelSetup setup = ModelClients.fromEnvironment(Map.of());

            assertThat(setup).isInstanceOf(ModelSetup.ModelNotConfigured.class);
            ModelSetup.ModelNotConfigured missing = (ModelSetup.ModelNotConfigured) setup;
            assertThat(missing.variables()).containsExactly("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL",
                    "REVTOPS_LLM_PROVIDER");
            assertThat(missing.message()).contains("ANTHROPIC_API_KEY", "OPENAI_BASE_URL", "REVTOPS_LLM_PROVIDER");
        }

        @Test
        void itsClientFailsWithNotConfiguredInsteadOfAnswering() {
            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> ModelClients.fromEnvironment(Map.of()).client().complete(ASK));

            assertThat(e.failure()).isInstanceOf(ModelFailure.NotConfigured.class);
            assertThat(((ModelFailure.NotConfigured) e.failure()).variables()).contains("ANTHROPIC_API_KEY");
            assertThat(e.retryable()).isFalse();
        }

        @Test
        void anthropicWithoutKeyAsksForTheKey() {
            ModelSetup setup = ModelClients.fromEnvironment(Map.of("REVTOPS_LLM_PROVIDER", "anthropic"));

            assertThat(setup).isEqualTo(new ModelSetup.ModelNotConfigured(
                    "REVTOPS_LLM_PROVIDER=anthropic needs ANTHROPIC_API_KEY (and optionally ANTHROPIC_BASE_URL).",
                    java.util.List.of("ANTHROPIC_API_KEY")));
        }

        @Test
        void openAiWithoutKeyOrBaseUrlAsksForEither() {
            ModelSetup setup = ModelClients.fromEnvironment(Map.of("REVTOPS_LLM_PROVIDER", "openai"));

            assertThat(((ModelSetup.ModelNotConfigured) setup).variables()).containsExactly("OPENAI_API_KEY", "OPENAI_BASE_URL");
        }

        @Test
        void unknownProviderIsNamed() {
            ModelSetup setup = ModelClients.fromEnvironment(Map.of("REVTOPS_LLM_PROVIDER", "gemini"));

            assertThat(((ModelSetup.ModelNotConfigured) setup).message()).contains("gemini", "anthropic, openai or scripted");
        }
    }

    @Nested
    class Configured {

        @Test
        void anthropicKeyAndBaseUrlReachTheConfiguredServer() throws Exception {
            try (StubHttpServer stub = new StubHttpServer()) {
                stub.enqueue(StubHttpServer.Reply.sse(AnthropicSse.textAnswer("from anthropic")));
                ModelSetup setup = ModelClients.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "k1",
                        "ANTHROPIC_BASE_URL", stub.baseUrl(), "REVTOPS_MODEL", "claude-test"));

                assertThat(setup).isInstanceOfSatisfying(ModelSetup.Configured.class, c -> {
                    assertThat(c.provider()).isEqualTo("anthropic");
                    assertThat(c.model()).isEqualTo("claude-test");
                });
                assertThat(setup.client().complete(ASK).text()).isEqualTo("from anthropic");
                assertThat(stub.received().getFirst().json().path("model").asString()).isEqualTo("claude-test");
            }
        }

        @Test
        void openAiBaseUrlAloneSelectsACompatibleServerWithoutKey() throws Exception {
            try (StubHttpServer stub = new StubHttpServer()) {
                stub.enqueue(StubHttpServer.Reply.sse(OpenAiSse.textAnswer("from ollama")));
                ModelSetup setup = ModelClients.fromEnvironment(Map.of("OPENAI_BASE_URL", stub.baseUrl() + "/v1",
                        "REVTOPS_MODEL", "llama3.2"));

                assertThat(setup.client().provider()).isEqualTo("openai");
                assertThat(setup.client().complete(ASK).text()).isEqualTo("from ollama");
                assertThat(stub.received().getFirst().json().path("model").asString()).isEqualTo("llama3.2");
            }
        }

        @Test
        void anthropicKeyWinsWhenBothKeysAreSetAndNoProviderIsNamed() {
            ModelSetup setup = ModelClients.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "a", "OPENAI_API_KEY", "o"));

            assertThat(setup.client().provider()).isEqualTo("anthropic");
        }

        @Test
        void explicitProviderWins() {
            ModelSetup setup = ModelClients.fromEnvironment(Map.of("REVTOPS_LLM_PROVIDER", "OpenAI",
                    "ANTHROPIC_API_KEY", "a", "OPENAI_API_KEY", "o"));

            assertThat(setup.client().provider()).isEqualTo("openai");
        }

        @Test
        void scriptedModelPlaysTheScriptFile(@TempDir Path dir) throws Exception {
            Path script = dir.resolve("script.json");
            Files.writeString(script, "{\"turns\": [\"Scripted hello\"]}");

            ModelSetup setup = ModelClients.fromEnvironment(Map.of("REVTOPS_LLM_PROVIDER", "scripted",
                    "REVTOPS_MODEL_SCRIPT", script.toString()));

            assertThat(setup.client().complete(ASK).text()).isEqualTo("Scripted hello");
        }

        @Test
        void scriptedModelWithoutScriptGivesItsDefaultReply() {
            ModelSetup setup = ModelClients.fromEnvironment(Map.of("REVTOPS_LLM_PROVIDER", "scripted"));

            assertThat(setup.client().complete(ASK).text()).isEqualTo(ModelScript.DEFAULT_REPLY);
        }

        @Test
        void settingsNeverPrintTheKey() {
            ModelSettings settings = ModelSettings.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "sk-secret-123"));

            assertThat(settings.toString()).doesNotContain("sk-secret-123").contains("anthropic");
        }
    }
}
