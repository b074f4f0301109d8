package org.citycard.bills.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.citycard.bills.BillOperations;
import org.citycard.bills.Biller;
import org.citycard.bills.connector.BillerEndpoint;
import org.citycard.bills.connector.ConnectorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The configured billers and a connector for each, made by the factory of its protocol, with what billing staff
 * changed since (suspended, service hours: table {@code biller_setting}, read again at most every
 * {@link #FRESHNESS} so that a change made on one node holds on every node within it). A biller without an address
 * or keys is left out (and said so at start): nobody can pay it.
 */
@Component
@EnableConfigurationProperties(BillsProperties.class)
class BillerRegistry {

    /** How long a node goes on with the staff's settings it last read. */
    static final Duration FRESHNESS = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(BillerRegistry.class);

    record Entry(Biller biller, Pattern accountPattern, WatchedConnector connector,
                 BillOperations.Connection connection) {
    }

    private record Changed(boolean enabled, LocalTime opensAt, LocalTime closesAt, String notice, String by,
                           Instant at) {
    }

    private record Snapshot(Map<String, Changed> changes, Instant readAt) {
    }

    private final Map<String, Entry> configured = new LinkedHashMap<>();
    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Instant.MIN);

    BillerRegistry(BillsProperties properties, List<ConnectorFactory> factories, JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                settings.accountHint() == null ? "" : settings.accountHint(), settings.opensAt(), settings.closesAt(),
                true, "");
        configured.put(id, new Entry(biller, Pattern.compile(settings.accountPattern() == null ? "[0-9A-Za-z-]{4,32}"
                : settings.accountPattern()), new WatchedConnector(factory.connect(new BillerEndpoint(id,
                settings.baseUrl(), settings.partnerId(), settings.privateKey(), settings.billerPublicKey(),
                settings.timeout()))), new BillOperations.Connection(settings.connector(),
                settings.baseUrl().getHost(), settings.partnerId(), fingerprint(settings.billerPublicKey()))));
    }

    private static String fingerprint(String base64Key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getMimeDecoder().decode(base64Key));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every biller as it stands now, suspended ones included (citizens see them marked). */
    List<Biller> billers() {
        Map<String, Changed> changes = changes();
        return configured.values().stream().map(e -> effective(e, changes).biller()).toList();
    }

    Optional<Entry> entry(String id) {
        Entry entry = id == null ? null : configured.get(id);
        return entry == null ? Optional.empty() : Optional.of(effective(entry, changes()));
    }

    /** Who last changed the biller, and when; empty while it runs as configured. */
    Optional<BillOperations.Change> lastChange(String id) {
        Changed c = changes().get(id);
        return c == null ? Optional.empty() : Optional.of(new BillOperations.Change(c.by(), c.at()));
    }

    /** Keeps what staff set (the caller's transaction also writes the log) and reads every change again. */
    void change(String id, boolean enabled, LocalTime opensAt, LocalTime closesAt, String notice, String reason,
                String by) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                        update biller_setting set enabled = :enabled, opens_at = :opens, closes_at = :closes,
                               notice = :notice, changed_by = :by, changed_at = :now
                        where biller_id = :id""")
                .param("enabled", enabled).param("opens", opensAt).param("closes", closesAt).param("notice", notice)
                .param("by", by).param("now", now).param("id", id).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into biller_setting (biller_id, enabled, opens_at, closes_at, notice, changed_by, changed_at)
                            values (:id, :enabled, :opens, :closes, :notice, :by, :now)""")
                    .param("enabled", enabled).param("opens", opensAt).param("closes", closesAt).param("notice", notice)
                    .param("by", by).param("now", now).param("id", id).update();
        }
        jdbc.sql("""
                        insert into biller_setting_log (biller_id, enabled, opens_at, closes_at, notice, reason, changed_by,
                                                        changed_at)
                        values (:id, :enabled, :opens, :closes, :notice, :reason, :by, :now)""")
                .param("enabled", enabled).param("opens", opensAt).param("closes", closesAt).param("notice", notice)
                .param("reason", reason).param("by", by).param("now", now).param("id", id).update();
        snapshot = new Snapshot(Map.of(), Instant.MIN);
    }

    private static Entry effective(Entry entry, Map<String, Changed> changes) {
        Changed c = changes.get(entry.biller().id());
        return c == null ? entry : new Entry(entry.biller().with(c.enabled(), c.opensAt(), c.closesAt(), c.notice()),
                entry.accountPattern(), entry.connector(), entry.connection());
    }

    private Map<String, Changed> changes() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s.readAt().isAfter(now.minus(FRESHNESS))) {
            return s.changes();
        }
        Map<String, Changed> read = jdbc.sql("""
                        select biller_id, enabled, opens_at, closes_at, notice, changed_by, changed_at from biller_setting""")
                .query((rs, n) -> Map.entry(rs.getString("biller_id"), new Changed(rs.getBoolean("enabled"),
                        rs.getObject("opens_at", LocalTime.class), rs.getObject("closes_at", LocalTime.class),
                        rs.getString("notice"), rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant())))
                .list().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        snapshot = new Snapshot(read, now);
        return read;
    }
}
