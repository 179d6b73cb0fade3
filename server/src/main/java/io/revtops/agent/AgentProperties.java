package io.revtops.agent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of a turn: messages of history, rounds of tool calls, per-tool timeout, agent SQL timeout, max tokens
 * (environment: REVTOPS_AGENT_MAX_ROUNDS, REVTOPS_AGENT_TOOL_TIMEOUT, REVTOPS_AGENT_SQL_TIMEOUT …).
 */
@ConfigurationProperties(prefix = "revtops.agent")
public record AgentProperties(int historyMessages, int maxRounds, Duration toolTimeout, Duration sqlTimeout, int maxTokens) {
    public AgentProperties {
        if (historyMessages <= 0) historyMessages = 20;
        if (maxRounds <= 0) maxRounds = 25;
        if (toolTimeout == null) toolTimeout = Duration.ofSeconds(60);
        if (sqlTimeout == null) sqlTimeout = Duration.ofSeconds(10);
        if (maxTokens <= 0) maxTokens = 4096;
    }
}
