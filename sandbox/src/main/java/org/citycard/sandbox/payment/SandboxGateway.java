package org.citycard.sandbox.payment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * The in-process payment sandbox: one HTTPS server on the loopback interface, presenting a certificate for the
 * channels' real host names signed by the sandbox's own CA, and answering each channel's API as the channel would.
 */
public final class SandboxGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxGateway.class);

    /** The host names the sandbox answers for; nodes resolve them to the sandbox's address. */
    /** The largest request body the sandbox reads (64 KB); more is refused with 413, unread. */
    static final int MAX_BODY = 64 * 1024;

    public static final List<String> HOSTS = List.of("api.mch.weixin.qq.com", "*.mch.weixin.qq.com",
            "openapi.alipay.com", "gateway.95516.com", "filedownload.95516.com");

    /** One outside system's API (or the sandbox's own pages), as a function from request to response. */
    public interface Simulator {
        String prefix();

        /**
         * Whether the simulator is reached over TLS (under the channel's real host name). The Alipay SDK takes its
         * TLS trust from the whole JVM, so the sandbox speaks plain HTTP to it, on the loopback interface only;
         * its RSA2 signatures both ways are what make it real.
         */
        default boolean overTls() {
            return true;
        }

        Response handle(Request request);

        /** A handler under {@code prefix} on the plain HTTP port: the sandbox's pages and plain APIs. */
        static Simulator plain(String prefix, java.util.function.Function<Request, Response> handler) {
            return new Simulator() {
                @Override
                public String prefix() {
                    return prefix;
                }

                @Override
                public boolean overTls() {
                    return false;
                }

                @Override
                public Response handle(Request request) {
                    return handler.apply(request);
                }
            };
        }
    }

    public record Request(String method, String path, String pathAndQuery, Map<String, String> query,
                          Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** An answer: text, or (a statement file) bytes. */
    public record Response(int status, Map<String, String> headers, String body, byte[] binary) {
        public Response(int status, Map<String, String> headers, String body) {
            this(status, headers, body, null);
        }
    }

    private final SandboxCertificates certificates;
    private final HttpsServer server;
    private final HttpServer plain;
    private final String host;

    public SandboxGateway(String bind, int port, int plainPort, List<Simulator> simulators, SandboxKeys keys) {
        certificates = new SandboxCertificates(HOSTS, keys);
        host = bind;
        try {
            server = HttpsServer.create(new InetSocketAddress(bind, port), 64);
            plain = HttpServer.create(new InetSocketAddress(bind, plainPort), 64);
        } catch (IOException e) {
            throw new IllegalStateException("the sandbox could not listen on " + bind + ":" + port + "/" + plainPort, e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(certificates.serverContext()));
        for (HttpServer listener : List.of(server, plain)) {
            listener.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        }
        simulators.forEach(simulator -> (simulator.overTls() ? server : plain)
                .createContext(simulator.prefix(), exchange -> serve(simulator, exchange)));
        server.start();
        plain.start();
        log.info("Sandbox listening on {}:{} (TLS, the channels' host names) and http://{}:{}", bind, port(), bind,
                plain.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The plain HTTP base URL: pages, and the simulators that are not reached over TLS. */
    public String plainBaseUrl() {
        return "http://" + host + ":" + plain.getAddress().getPort();
    }

    public String host() {
        return host;
    }

    public java.security.cert.X509Certificate ca() {
        return certificates.ca();
    }

    /** The base URL for a channel host, on the sandbox's port. */
    public String baseUrl(String host) {
        return "https://" + host + ":" + port();
    }

    /** Trusts the sandbox CA and nothing else. */
    public SSLContext clientTrust() {
        return certificates.clientContext();
    }

    private static void serve(Simulator simulator, HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
            byte[] read;
            try (InputStream in = exchange.getRequestBody()) {
                // as the real services, the sandbox reads no more than a request can sensibly be
                read = in.readNBytes(MAX_BODY + 1);
            }
            if (read.length > MAX_BODY) {
                exchange.getResponseHeaders().set("Connection", "close");
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            String body = new String(read, StandardCharsets.UTF_8);
            Response response;
            try {
                response = simulator.handle(new Request(exchange.getRequestMethod(), uri.getPath(),
                        uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                        query(uri.getRawQuery()), headers, body));
            } catch (RuntimeException e) {
                log.warn("Payment sandbox failed on {} {}", exchange.getRequestMethod(), uri.getPath(), e);
                response = new Response(500, Map.of("Content-Type", "application/json"),
                        "{\"code\":\"SYSTEM_ERROR\",\"message\":\"sandbox error\"}");
            }
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] bytes = response.binary() != null ? response.binary()
                    : response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    public static Map<String, String> query(String raw) {
        return org.citycard.kernel.FormFields.decode(raw);
    }


    @Override
    public void close() {
        server.stop(0);
        plain.stop(0);
    }
}
