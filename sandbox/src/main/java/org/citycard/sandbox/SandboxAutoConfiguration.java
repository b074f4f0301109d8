package org.citycard.sandbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/** The in-process sandbox ({@link InProcessSandbox}) as a bean, closed with the application. */
@AutoConfiguration
@ConditionalOnProperty(name = "citycard.sandbox.mode", havingValue = "in-process")
public class SandboxAutoConfiguration {

    @Bean(destroyMethod = "close")
    Sandbox sandbox(ConfigurableEnvironment environment) {
        if (!(environment.getPropertySources().get(InProcessSandbox.SOURCE) instanceof InProcessSandbox.Source source)) {
            throw new IllegalStateException("citycard.sandbox.mode=in-process, but the sandbox did not start");
        }
        return source.sandbox;
    }
}
