package io.revtops.agent.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to a model.
 *
 * @param model model name; empty means the client's configured default
 * @param system system prompt; empty for none
 * @param messages conversation history, oldest first, alternating user/assistant and ending with a user message
 * @param tools tools the model may call
 * @param maxTokens output token limit
 * @param thinkingBudget extended thinking budget in tokens (Anthropic); empty disables thinking
 * @param temperature sampling temperature; empty for the provider default (ignored when thinking is on)
 * @param conversationKey identifies the conversation to clients that keep per-conversation state (the
 *     scripted model's error budget) and to logs; never sent to a provider
 */
public record ModelRequest(
        Optional<String> model,
        String system,
        List<ModelMessage> messages,
        List<ToolSpec> tools,
        int maxTokens,
        Optional<Integer> thinkingBudget,
        Optional<Double> temperature,
        Optional<String> conversationKey) {

    /** Output token limit when none is given. */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    public ModelRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(system, "system");
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        Objects.requireNonNull(thinkingBudget, "thinkingBudget");
        Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(conversationKey, "conversationKey");
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
        if (thinkingBudget.isPresent() && thinkingBudget.get() >= maxTokens) {
            throw new IllegalArgumentException("thinkingBudget must be smaller than maxTokens");
        }
    }

    /** A builder with no messages, no tools and {@link #DEFAULT_MAX_TOKENS}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this request's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.system = system;
        b.messages.addAll(messages);
        b.tools.addAll(tools);
        b.maxTokens = maxTokens;
        b.thinkingBudget = thinkingBudget;
        b.temperature = temperature;
        b.conversationKey = conversationKey;
        return b;
    }

    /** The text of the most recent user message that has text (not just tool results), or empty. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            ModelMessage m = messages.get(i);
            if (m.role() == ModelMessage.Role.USER && m.hasText()) {
                return m.text();
            }
        }
        return "";
    }

    /** Builds a {@link ModelRequest}. */
    public static final class Builder {
        private Optional<String> model = Optional.empty();
        private String system = "";
        private final List<ModelMessage> messages = new ArrayList<>();
        private final List<ToolSpec> tools = new ArrayList<>();
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private Optional<Integer> thinkingBudget = Optional.empty();
        private Optional<Double> temperature = Optional.empty();
        private Optional<String> conversationKey = Optional.empty();

        private Builder() { }

        public Builder model(String model) {
            this.model = Optional.of(model).filter(m -> !m.isBlank());
            return this;
        }

        public Builder system(String system) {
            this.system = Objects.requireNonNull(system);
            return this;
        }

        public Builder messages(List<ModelMessage> messages) {
            this.messages.clear();
            this.messages.addAll(messages);
            return this;
        }

        public Builder addMessage(ModelMessage message) {
            this.messages.add(Objects.requireNonNull(message));
            return this;
        }

        public Builder addUserMessage(String text) {
            return addMessage(ModelMessage.user(text));
        }

        public Builder tools(List<ToolSpec> tools) {
            this.tools.clear();
            this.tools.addAll(tools);
            return this;
        }

        public Builder addTool(ToolSpec tool) {
            this.tools.add(Objects.requireNonNull(tool));
            return this;
        }

        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder thinkingBudget(int budgetTokens) {
            this.thinkingBudget = Optional.of(budgetTokens);
            return this;
        }

        public Builder temperature(double temperature) {
            this.temperature = Optional.of(temperature);
            return this;
        }

        public Builder conversationKey(String key) {
            this.conversationKey = Optional.of(key);
            return this;
        }

        public ModelRequest build() {
            return new ModelRequest(model, system, messages, tools, maxTokens, thinkingBudget, temperature,
                    conversationKey);
        }
    }
}
