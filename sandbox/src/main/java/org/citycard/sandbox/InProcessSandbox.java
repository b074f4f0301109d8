package org.citycard.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code citycard.sandbox.mode=in-process} (the default profile), starts the sandbox inside the application
 * before anything is configured, and configures the application for it through the same settings as for the real
 * services ({@link Sandbox#nodeProperties()}); settings given explicitly still win. The running sandbox then becomes a
 * bean ({@link SandboxAutoConfiguration}), closed with the application. Any other mode starts nothing: a node of a
 * cluster is configured for a sandbox of its own process as for the real services.
 */
class InProcessSandbox implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "citycard-sandbox";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!"in-process".equals(environment.getProperty("citycard.sandbox.mode"))
                || environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        String dir = environment.getProperty("citycard.sandbox.dir");
        Sandbox sandbox = Sandbox.start(new Sandbox.Settings(dir == null || dir.isBlank() ? null : Path.of(dir),
                environment.getProperty("citycard.sandbox.bind"),
                environment.getProperty("citycard.sandbox.https-port", Integer.class, 0),
                environment.getProperty("citycard.sandbox.http-port", Integer.class, 0),
                environment.getProperty("citycard.sandbox.duplicate-after", Duration.class, Duration.ofSeconds(1)),
                "PLATFORM_CERTIFICATE".equals(environment.getProperty("citycard.payment.wechat.key-mode")),
                null, null, environment.getProperty("citycard.sandbox.biller-files-same-day", Boolean.class, false)));
        environment.getPropertySources().addLast(new Source(sandbox));
    }

    /** The sandbox's settings for this node, and the sandbox itself for {@link SandboxAutoConfiguration}. */
    static final class Source extends MapPropertySource {
        final Sandbox sandbox;

        Source(Sandbox sandbox) {
            super(SOURCE, new LinkedHashMap<>(sandbox.nodeProperties()));
            this.sandbox = sandbox;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

}
