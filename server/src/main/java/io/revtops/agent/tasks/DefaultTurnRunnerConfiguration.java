package io.revtops.agent.tasks;

import io.revtops.agent.TurnRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Supplies {@link ModelNotConfiguredTurnRunner} when the application defines no {@link TurnRunner}. An
 * auto-configuration (listed in META-INF/spring/…AutoConfiguration.imports) so the condition is evaluated after
 * every application bean is known.
 */
@AutoConfiguration
public class DefaultTurnRunnerConfiguration {

    @Bean
    @ConditionalOnMissingBean(TurnRunner.class)
    TurnRunner modelNotConfiguredTurnRunner() {
        return new ModelNotConfiguredTurnRunner();
    }
}
