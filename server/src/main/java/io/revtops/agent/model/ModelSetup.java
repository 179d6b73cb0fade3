package io.revtops.agent.model;

import java.util.List;
import java.util.Objects;

/** The outcome of {@link ModelClients#create}: a ready client, or exactly what to configure. */
public sealed interface ModelSetup {

    /**
     * A client to use. When no model is configured, a client whose every call fails with
     * {@link ModelFailure.NotConfigured} naming the variables to set — so callers can always hold one.
     */
    ModelClient client();

    /** A provider is configured. */
    record Configured(ModelClient client, String provider, String model) implements ModelSetup {
        public Configured {
            Objects.requireNonNull(client);
            Objects.requireNonNull(provider);
            Objects.requireNonNull(model);
        }
    }

    /** No usable provider: {@code message} says why, {@code variables} which environment variables to set. */
    record ModelNotConfigured(String message, List<String> variables) implements ModelSetup {
        public ModelNotConfigured {
            Objects.requireNonNull(message);
            variables = List.copyOf(variables);
        }

        @Override
        public ModelClient client() {
            ModelFailure failure = new ModelFailure.NotConfigured(message, variables);
            return new ModelClient() {
                @Override
                public ModelResponse stream(ModelRequest request, ModelStreamListener listener, CancellationToken cancel) {
                    throw new ModelException(failure);
                }

                @Override
                public String provider() {
                    return "none";
                }
            };
        }
    }
}
