package org.citycard.card.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.citycard.card.PhoneNumber;
import org.citycard.card.SmsSender;

import tools.jackson.databind.json.JsonMapper;

/**
 * Posts each message as JSON ({@code {"phone": ..., "text": ...}}) with a bearer token to the SMS provider's
 * gateway; a non-2xx answer or a timeout is an outage ({@link IllegalStateException}), never logged with the
 * phone or text.
 */
final class HttpSmsSender implements SmsSender {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final URI gateway;
    private final String token;

    HttpSmsSender(URI gateway, String token) {
        if (gateway == null || token == null || token.isBlank()) {
            throw new IllegalStateException("citycard.card.sms.http-url and http-token are required for the HTTP sender");
        }
        this.gateway = gateway;
        this.token = token;
    }

    @Override
    public void send(PhoneNumber phone, String text) {
        try {
            String body = json.writeValueAsString(java.util.Map.of("phone", phone.value(), "text", text));
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(gateway)
                    .timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("SMS gateway answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("SMS gateway unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending an SMS", e);
        }
    }
}
