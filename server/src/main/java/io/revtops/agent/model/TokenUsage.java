package io.revtops.agent.model;

/** Tokens billed for one model call. */
public record TokenUsage(long inputTokens, long outputTokens) {

    /** No tokens. */
    public static final TokenUsage ZERO = new TokenUsage(0, 0);

    /** Component-wise sum, for totals over a turn with several model calls. */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }
}
