package org.citycard.sandbox.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the sandbox's notifications as the channels do: again and again until the merchant acknowledges
 * (backing off, sooner than the real channels so a demo does not wait minutes), and once more after that, because
 * real channels send duplicates too.
 */
final class NotificationCourier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationCourier.class);
    static final List<Duration> RETRIES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
            Duration.ofSeconds(8), Duration.ofSeconds(15), Duration.ofSeconds(30));

    /** One notification as the channel would send it: built afresh for each attempt (new timestamp and nonce). */
    record Letter(String url, String contentType, Supplier<Map<String, String>> headersAndBody,
                  Predicate<HttpResponse<String>> acknowledged) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("payment-sandbox-courier").factory());
    private final Duration duplicateAfter;
    final AtomicLong attempts = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();

    NotificationCourier(Duration duplicateAfter) {
        this.duplicateAfter = duplicateAfter;
    }

    /** The headers map carries the body under the key {@code ""}. */
    void send(Letter letter) {
        schedule(letter, 0, Duration.ZERO, true);
    }

    private void schedule(Letter letter, int attempt, Duration delay, boolean duplicateAfterwards) {
        timer.schedule(() -> Thread.ofVirtual().start(() -> attempt(letter, attempt, duplicateAfterwards)),
                delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void attempt(Letter letter, int attempt, boolean duplicateAfterwards) {
        boolean ok = false;
        try {
            Map<String, String> parts = letter.headersAndBody().get();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(letter.url()))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", letter.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(parts.get("")));
            parts.forEach((name, value) -> {
                if (!name.isEmpty()) {
                    request.header(name, value);
                }
            });
            attempts.incrementAndGet();
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            ok = letter.acknowledged().test(response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.debug("Sandbox notification to {} failed: {}", letter.url(), e.toString());
        }
        if (ok) {
            acknowledged.incrementAndGet();
            if (duplicateAfterwards && !duplicateAfter.isNegative()) {
                schedule(letter, 0, duplicateAfter, false);
            }
        } else if (attempt < RETRIES.size()) {
            schedule(letter, attempt + 1, RETRIES.get(attempt), duplicateAfterwards);
        } else {
            log.info("Sandbox gave up on a notification to {} after {} attempts", letter.url(), attempt + 1);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
