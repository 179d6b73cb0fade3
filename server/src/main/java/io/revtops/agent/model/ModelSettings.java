package io.revtops.agent.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which model provider to use and how to reach it — from the environment, or per organization.
 *
 * @param provider {@code anthropic}, {@code openai} or {@code scripted}; empty = none chosen
 * @param model default model name; empty = the adapter's default
 * @param apiKey the provider's API key
 * @param baseUrl the provider's base URL (OpenAI-compatible: including {@code /v1})
 * @param scriptJson the scripted model's JSON script; empty = only its default reply
 */
public record ModelSettings(Optional<String> provider, Optional<String> model, Optional<String> apiKey,
        Optional<String> baseUrl, Optional<String> scriptJson) {

    /** Environment variable naming the provider. */
    public static final String PROVIDER_VAR = "REVTOPS_LLM_PROVIDER";
    /** Environment variable naming the default model. */
    public static final String MODEL_VAR = "REVTOPS_MODEL";
    /** Environment variable with the path of a scripted-model JSON script. */
    public static final String SCRIPT_VAR = "REVTOPS_MODEL_SCRIPT";
    public static final String ANTHROPIC_API_KEY = "ANTHROPIC_API_KEY";
    public static final String ANTHROPIC_BASE_URL = "ANTHROPIC_BASE_URL";
    public static final String OPENAI_API_KEY = "OPENAI_API_KEY";
    public static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";

    public ModelSettings {
        provider = clean(provider);
        model = clean(model);
        apiKey = clean(apiKey);
        baseUrl = clean(baseUrl);
        scriptJson = clean(scriptJson);
    }

    /** Settings for one provider. */
    public static ModelSettings of(String provider, String model, String apiKey, String baseUrl) {
        return new ModelSettings(Optional.ofNullable(provider), Optional.ofNullable(model), Optional.ofNullable(apiKey),
                Optional.ofNullable(baseUrl), Optional.empty());
    }

    /**
     * Reads {@code REVTOPS_LLM_PROVIDER}, {@code REVTOPS_MODEL}, {@code ANTHROPIC_API_KEY},
     * {@code ANTHROPIC_BASE_URL}, {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}. Without
     * {@code REVTOPS_LLM_PROVIDER}, an Anthropic key selects Anthropic, else an OpenAI key or base URL
     * selects OpenAI-compatible. The scripted model's script is read later, by
     * {@link ModelClients#create}, from the file named by {@code REVTOPS_MODEL_SCRIPT}.
     */
    public static ModelSettings fromEnvironment(Map<String, String> env) {
        Optional<String> provider = value(env, PROVIDER_VAR).map(p -> p.toLowerCase(java.util.Locale.ROOT));
        if (provider.isEmpty()) {
            if (value(env, ANTHROPIC_API_KEY).isPresent()) {
                provider = Optional.of("anthropic");
            } else if (value(env, OPENAI_API_KEY).isPresent() || value(env, OPENAI_BASE_URL).isPresent()) {
                provider = Optional.of("openai");
            }
        }
        Optional<String> apiKey = Optional.empty();
        Optional<String> baseUrl = Optional.empty();
        if (provider.equals(Optional.of("anthropic"))) {
            apiKey = value(env, ANTHROPIC_API_KEY);
            baseUrl = value(env, ANTHROPIC_BASE_URL);
        } else if (provider.equals(Optional.of("openai"))) {
            apiKey = value(env, OPENAI_API_KEY);
            baseUrl = value(env, OPENAI_BASE_URL);
        }
        return new ModelSettings(provider, value(env, MODEL_VAR), apiKey, baseUrl, Optional.empty());
    }

    /** {@link #fromEnvironment(Map)} on the process environment. */
    public static ModelSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** A copy with the scripted model's JSON script. */
    public ModelSettings withScriptJson(String json) {
        return new ModelSettings(provider, model, apiKey, baseUrl, Optional.of(json));
    }

    @Override
    public String toString() { // never print the key
        return "ModelSettings[provider=" + provider.orElse("") + ", model=" + model.orElse("") + ", apiKey="
                + (apiKey.isPresent() ? "***" : "") + ", baseUrl=" + baseUrl.orElse("") + "]";
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return clean(Optional.ofNullable(env.get(name)));
    }

    private static Optional<String> clean(Optional<String> value) {
        return Objects.requireNonNull(value).map(String::trim).filter(v -> !v.isEmpty());
    }
}
