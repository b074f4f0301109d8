package org.citycard.bills.connector.standard;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import org.citycard.bills.connector.BillerConnector;
import org.citycard.bills.connector.BillerEndpoint;
import org.citycard.bills.connector.ConnectorFactory;
import org.springframework.stereotype.Component;

/** Connectors speaking protocol v1, sharing one HTTP client. */
@Component
class StandardConnectorFactory implements ConnectorFactory {

    static final String PROTOCOL = "standard-v1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public BillerConnector connect(BillerEndpoint endpoint) {
        return new StandardBillerConnector(endpoint, http, Clock.systemUTC());
    }
}
