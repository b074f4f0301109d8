package org.citycard.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * The sandbox as a process of its own, shared by several nodes:
 * {@code java -cp app.jar -Dloader.main=org.citycard.sandbox.SandboxServer org.springframework.boot.loader.launch.PropertiesLauncher
 * --dir=sandbox-data --https-port=9443 --http-port=9080}. Its keys are kept in {@code dir}, so nodes keep trusting it
 * across restarts; what a node is configured with is written to {@code dir/node.properties} (the same settings as for
 * the real services; the files it names are in {@code dir/node}). Its trades, messages and statements are its own,
 * in its memory, apart from every node's database.
 */
public final class SandboxServer {

    private SandboxServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("usage: --dir=<folder> [--bind=127.0.0.1] [--https-port=9443] [--http-port=9080]"
                        + " [--duplicate-after=PT1S] [--sms-token=...] [--wechat-platform-certificates=false]"
                        + " [--platform=http://127.0.0.1:8080]");
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Path dir = Path.of(options.getOrDefault("dir", "sandbox-data")).toAbsolutePath();
        Sandbox sandbox = Sandbox.start(new Sandbox.Settings(dir, options.get("bind"),
                Integer.parseInt(options.getOrDefault("https-port", "9443")),
                Integer.parseInt(options.getOrDefault("http-port", "9080")),
                Duration.parse(options.getOrDefault("duplicate-after", "PT1S")),
                Boolean.parseBoolean(options.getOrDefault("wechat-platform-certificates", "false")),
                options.get("sms-token")));
        if (options.containsKey("platform")) {
            // where the simulated parking operators send their gate events (the nodes, or their balancer)
            sandbox.platform(options.get("platform"));
        }
        Path node = dir.resolve("node.properties");
        System.out.println("CityCard sandbox on " + sandbox.url() + "; nodes are configured with " + node);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
