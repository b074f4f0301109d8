package org.citycard.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Without a configured {@code citycard.identity.issuer}, the issuer is this platform on the port it listens on
 * ({@code http://localhost:<port>}), known before anything is built, so OpenID Connect discovery, tokens and their
 * checks all name the same address. A random port ({@code 0}) is chosen here, once, so that the issuer can name it.
 * Never taken from a request's headers: a client must not be able to choose the issuer it is told.
 */
class IssuerFromPort implements EnvironmentPostProcessor {

    static final String ISSUER = "citycard.identity.issuer";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(ISSUER);
        if (configured != null && !configured.isBlank()) {
            return;
        }
        Map<String, Object> derived = new LinkedHashMap<>();
        int port = environment.getProperty("server.port", Integer.class, 8080);
        if (port == 0) {
            port = freePort();
            derived.put("server.port", port);
        }
        derived.put(ISSUER, "http://localhost:" + port);
        environment.getPropertySources().addFirst(new MapPropertySource("citycard-issuer-from-port", derived));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the platform", e);
        }
    }
}
