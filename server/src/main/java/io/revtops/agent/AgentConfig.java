package io.revtops.agent;

import io.revtops.agent.model.ModelClient;
import io.revtops.agent.model.ModelClients;
import io.revtops.agent.model.ModelSettings;
import io.revtops.agent.model.ModelSetup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the model client from the environment variables of ARCHITECTURE §6 (or the same names as properties). */
@Configuration(proxyBeanMethods = false)
public class AgentConfig {
    private static final Logger log = LoggerFactory.getLogger(AgentConfig.class);
    static final List<String> VARIABLES = List.of(ModelSettings.PROVIDER_VAR, ModelSettings.MODEL_VAR, ModelSettings.SCRIPT_VAR,
            ModelSettings.ANTHROPIC_API_KEY, ModelSettings.ANTHROPIC_BASE_URL, ModelSettings.OPENAI_API_KEY,
            ModelSettings.OPENAI_BASE_URL);

    @Bean
    ModelSetup modelSetup(Environment env) {
        Map<String, String> values = new HashMap<>();
        for (String name : VARIABLES) {
            String v = env.getProperty(name);
            if (v != null && !v.isBlank()) values.put(name, v);
        }
        ModelSetup setup = ModelClients.fromEnvironment(values);
        switch (setup) {
            case ModelSetup.Configured c -> log.info("event=model_configured provider={} model={}", c.provider(), c.model());
            case ModelSetup.ModelNotConfigured n -> log.warn("event=model_not_configured hint=\"{}\"", n.message());
        }
        return setup;
    }

    /** The environment's model, unless the embedding application registered its own (benchmarks, tests). */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean(ModelClient.class)
    ModelClient modelClient(ModelSetup setup) {
        return setup.client();
    }
}
