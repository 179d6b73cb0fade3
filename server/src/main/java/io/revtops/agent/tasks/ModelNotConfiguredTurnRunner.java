package io.revtops.agent.tasks;

import io.revtops.agent.CancellationToken;
import io.revtops.agent.TaskStream;
import io.revtops.agent.TurnInput;
import io.revtops.agent.TurnRunner;
import java.util.List;
import java.util.Map;

/**
 * The answer when no language model is configured (SPEC §6): one message naming exactly what to set, never a
 * pretend answer. Used only while no other {@link TurnRunner} bean exists.
 */
public final class ModelNotConfiguredTurnRunner implements TurnRunner {
    public static final String MESSAGE = "I can't answer yet: no language model is configured for Revtops. "
            + "Set ANTHROPIC_API_KEY (Anthropic), or OPENAI_API_KEY together with OPENAI_BASE_URL (OpenAI or any "
            + "OpenAI-compatible server such as Ollama or vLLM), or REVTOPS_LLM_PROVIDER=scripted (the built-in "
            + "scripted model for demos and tests), then restart Revtops.";

    @Override
    public void run(TurnInput input, TaskStream out, CancellationToken cancel) {
        out.text(MESSAGE);
        out.saveAssistantMessage(List.of(Map.of("type", "text", "text", MESSAGE)));
    }
}
