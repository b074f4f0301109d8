package org.citycard.bills.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.citycard.bills.Biller;
import org.citycard.bills.connector.BillerEndpoint;
import org.citycard.bills.connector.ConnectorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The configured billers and a connector for each, made by the factory of its protocol. A biller without an address
 * or keys is left out (and said so at start): nobody can pay it.
 */
@Component
@EnableConfigurationProperties(BillsProperties.class)
class BillerRegistry {

    private static final Logger log = LoggerFactory.getLogger(BillerRegistry.class);

    record Entry(Biller biller, Pattern accountPattern, WatchedConnector connector) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    BillerRegistry(BillsProperties properties, List<ConnectorFactory> factories) {
        Map<String, ConnectorFactory> byProtocol = factories.stream()
                .collect(Collectors.toMap(ConnectorFactory::protocol, Function.identity()));
        properties.billers().entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, BillsProperties.BillerSettings> e) -> e.getValue().order())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> add(e.getKey(), e.getValue(), byProtocol));
    }

    private void add(String id, BillsProperties.BillerSettings settings, Map<String, ConnectorFactory> byProtocol) {
        ConnectorFactory factory = byProtocol.get(settings.connector());
        if (settings.baseUrl() == null || settings.privateKey() == null || settings.billerPublicKey() == null
                || settings.name() == null || settings.kind() == null || settings.chargeMode() == null) {
            log.warn("Biller {} left out: its name, kind, charge mode, address or keys are not configured", id);
            return;
        }
        if (factory == null) {
            throw new IllegalStateException("biller " + id + " speaks " + settings.connector()
                    + ", which no connector knows (known: " + byProtocol.keySet() + ")");
        }
        Biller biller = new Biller(id, settings.name(), settings.kind(), settings.chargeMode(),
                settings.accountHint() == null ? "" : settings.accountHint(), settings.opensAt(), settings.closesAt());
        entries.put(id, new Entry(biller, Pattern.compile(settings.accountPattern() == null ? "[0-9A-Za-z-]{4,32}"
                : settings.accountPattern()), new WatchedConnector(factory.connect(new BillerEndpoint(id,
                settings.baseUrl(), settings.partnerId(), settings.privateKey(), settings.billerPublicKey(),
                settings.timeout())))));
    }

    List<Biller> billers() {
        return entries.values().stream().map(Entry::biller).toList();
    }

    Optional<Entry> entry(String id) {
        return Optional.ofNullable(id == null ? null : entries.get(id));
    }
}
