package io.revtops.agent.tools;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns a {@code semantic_embed('text')} of agent SQL into a bindable query vector for this database's vector mode.
 * Empty until an embedding model is wired in (the search module supplies it).
 */
@Component
public class QueryVectors {
    /** The JDBC parameter for {@code text}'s query vector, or empty when no embedder exists. */
    public Optional<Object> forText(String text) {
        return Optional.empty();
    }
}
