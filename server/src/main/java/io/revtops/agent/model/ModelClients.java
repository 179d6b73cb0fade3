package io.revtops.agent.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Creates the {@link ModelClient} that {@link ModelSettings} ask for. Plain Java; the platform wires it. */
public final class ModelClients {

    private ModelClients() { }

    /** Picks the adapter for {@code settings}, or says what is missing. */
    public static ModelSetup create(ModelSettings settings) {
        if (settings.provider().isEmpty()) {
            return new ModelSetup.ModelNotConfigured(
                    "No language model is configured. Set " + ModelSettings.ANTHROPIC_API_KEY + " (Anthropic), or "
                            + ModelSettings.OPENAI_API_KEY + " and/or " + ModelSettings.OPENAI_BASE_URL
                            + " (OpenAI or a compatible server such as Ollama), or " + ModelSettings.PROVIDER_VAR
                            + "=scripted for the scripted demo model.",
                    List.of(ModelSettings.ANTHROPIC_API_KEY, ModelSettings.OPENAI_API_KEY, ModelSettings.OPENAI_BASE_URL,
                            ModelSettings.PROVIDER_VAR));
        }
        String provider = settings.provider().get();
        return switch (provider) {
            case "anthropic" -> settings.apiKey().isEmpty()
                    ? new ModelSetup.ModelNotConfigured(ModelSettings.PROVIDER_VAR + "=anthropic needs "
                            + ModelSettings.ANTHROPIC_API_KEY + " (and optionally " + ModelSettings.ANTHROPIC_BASE_URL + ").",
                            List.of(ModelSettings.ANTHROPIC_API_KEY))
                    : anthropic(settings);
            case "openai" -> settings.apiKey().isEmpty() && settings.baseUrl().isEmpty()
                    ? new ModelSetup.ModelNotConfigured(ModelSettings.PROVIDER_VAR + "=openai needs "
                            + ModelSettings.OPENAI_API_KEY + " for OpenAI, or " + ModelSettings.OPENAI_BASE_URL
                            + " for a compatible server (e.g. http://localhost:11434/v1 for Ollama).",
                            List.of(ModelSettings.OPENAI_API_KEY, ModelSettings.OPENAI_BASE_URL))
                    : openAi(settings);
            case "scripted" -> scripted(settings);
            default -> new ModelSetup.ModelNotConfigured("Unknown " + ModelSettings.PROVIDER_VAR + " \"" + provider
                    + "\"; expected anthropic, openai or scripted.", List.of(ModelSettings.PROVIDER_VAR));
        };
    }

    /**
     * {@link #create} from the process environment; with {@code REVTOPS_LLM_PROVIDER=scripted}, the
     * script is read from the file named by {@code REVTOPS_MODEL_SCRIPT} when set.
     *
     * @throws IllegalArgumentException when that script file cannot be read or is not a valid script
     */
    public static ModelSetup fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** {@link #fromEnvironment()} on the given variables. */
    public static ModelSetup fromEnvironment(Map<String, String> env) {
        ModelSettings settings = ModelSettings.fromEnvironment(env);
        String scriptPath = env.get(ModelSettings.SCRIPT_VAR);
        if (settings.provider().equals(java.util.Optional.of("scripted")) && scriptPath != null && !scriptPath.isBlank()) {
            try {
                settings = settings.withScriptJson(Files.readString(Path.of(scriptPath.trim())));
            } catch (IOException e) {
                throw new IllegalArgumentException(ModelSettings.SCRIPT_VAR + "=" + scriptPath + " cannot be read: "
                        + e.getMessage(), e);
            }
        }
        return create(settings);
    }

    private static ModelSetup anthropic(ModelSettings settings) {
        AnthropicModelClient.Builder builder = AnthropicModelClient.builder().apiKey(settings.apiKey().orElseThrow());
        settings.baseUrl().ifPresent(builder::baseUrl);
        String model = settings.model().orElse(AnthropicModelClient.DEFAULT_MODEL);
        return new ModelSetup.Configured(builder.defaultModel(model).build(), "anthropic", model);
    }

    private static ModelSetup openAi(ModelSettings settings) {
        OpenAiCompatibleModelClient.Builder builder = OpenAiCompatibleModelClient.builder();
        settings.apiKey().ifPresent(builder::apiKey);
        settings.baseUrl().ifPresent(builder::baseUrl);
        String model = settings.model().orElse(OpenAiCompatibleModelClient.DEFAULT_MODEL);
        return new ModelSetup.Configured(builder.defaultModel(model).build(), "openai", model);
    }

    private static ModelSetup scripted(ModelSettings settings) {
        ModelScript script = settings.scriptJson().map(ModelScript::parse).orElseGet(() -> ModelScript.builder().build());
        return new ModelSetup.Configured(new ScriptedModelClient(script), "scripted", settings.model().orElse("scripted"));
    }
}
