package org.citycard.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import org.citycard.card.code.CodeKeys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The vaccination opening benchmark's tool (bench/vaccination-opening.sh runs it against a node of the packaged
 * platform on PostgreSQL and Redis):
 * <ul>
 * <li>{@code seed}: an opening at a clinic of its own: {@code slots} periods tomorrow of {@code capacity} places each,
 * open now, of a free one-dose vaccine without the waiting room; {@code citizens} people, each with an active
 * e-health card (rows written straight into the node's database: registering 50,000 cards through the provincial
 * platform is not what is measured) and an access token signed with the node's own development identity key, as the
 * mini-program sign-in would give them; written to a file, one per line.</li>
 * <li>{@code updates}: the bare conditional UPDATE of a slot ({@code booked = booked + 1 where booked < capacity})
 * as transactions per second on the same database, from {@code threads} connections, for {@code seconds}.</li>
 * <li>{@code check}: exactly the places were confirmed, nobody twice, no slot over its capacity, and how long after
 * the first hold the last place went.</li>
 * <li>{@code certificates}: certificates signed with the node's code key, their check paths written to a file.</li>
 * </ul>
 * The requests themselves are sent by wrk ({@code bench/vaccination-opening.lua}, {@code bench/paths.lua}), so that
 * the load generator takes as little as possible of the two cores it shares with the node and the databases.
 * </ul>
 */
public final class VaccinationOpening {

    static final String CLINIC = "bench-clinic";
    static final String VACCINE = "bench-vax";

    private VaccinationOpening() {
    }

    public static void main(String[] args) throws Exception {
        String jdbc = System.getProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:5432/citycard_bench");
        switch (args[0]) {
            case "seed" -> seed(jdbc, Path.of(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Path.of(args[6]));
            case "updates" -> updates(jdbc, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "check" -> check(jdbc);
            case "certificates" -> certificates(jdbc, Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            default -> throw new IllegalArgumentException("seed | updates | check | certificates");
        }
    }

    private static Connection connect(String jdbc) throws Exception {
        return DriverManager.getConnection(jdbc, "postgres", "");
    }

    /** data dir (identity-keys.json), issuer, slots, capacity, citizens, output file */
    static void seed(String jdbc, Path data, String issuer, int slots, int capacity, int citizens, Path out) throws Exception {
        RSAKey key = (RSAKey) JWKSet.parse(Files.readString(data.resolve("identity-keys.json"))).getKeys().getFirst();
        RSASSASigner signer = new RSASSASigner(key);
        LocalDate tomorrow = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1);
        try (Connection c = connect(jdbc)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("delete from vacc_booking where vaccine_id = '" + VACCINE + "'");
                s.execute("delete from vacc_slot where vaccine_id = '" + VACCINE + "'");
                s.execute("insert into vacc_clinic (id, name, district, address, phone, active) values ('" + CLINIC
                        + "', '压测门诊', '黄石港区', '压测路 1 号', '0714-0000000', true) on conflict (id) do nothing");
                s.execute("insert into vacc_vaccine (id, name, kind, price, doses, min_age_months, max_age_months, intervals,"
                        + " same_clinic, waiting_room) values ('" + VACCINE + "', '压测疫苗', 'PROGRAMME', 0, 1, 0, 1500, '',"
                        + " false, false) on conflict (id) do nothing");
            }
            try (PreparedStatement p = c.prepareStatement("insert into vacc_slot (id, clinic_id, vaccine_id, slot_day,"
                    + " starts_at, ends_at, capacity, booked, opens_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
                for (int i = 0; i < slots; i++) {
                    LocalTime start = LocalTime.of(8, 0).plusMinutes(i * 10L % (14 * 60));
                    p.setObject(1, UUID.randomUUID());
                    p.setString(2, CLINIC);
                    p.setString(3, VACCINE);
                    p.setObject(4, tomorrow.plusDays(i * 10L / (14 * 60)));
                    p.setObject(5, start);
                    p.setObject(6, start.plusMinutes(10));
                    p.setInt(7, capacity);
                    p.setTimestamp(8, Timestamp.from(Instant.now().minusSeconds(5)));
                    p.addBatch();
                }
                p.executeBatch();
            }
            SecureRandom random = new SecureRandom();
            List<String> lines = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("insert into health_card (id, holder_id, relation, ehc_id,"
                    + " name_cipher, name_masked, id_number_cipher, id_number_index, id_number_masked, sex, birth_date,"
                    + " state, active_key, created_at, issued_at) values (?, ?, 'SELF', ?, ?, '压*', ?, ?,"
                    + " '420202********0000', 'FEMALE', ?, 'ACTIVE', ?, now(), now())")) {
                Date expires = Date.from(Instant.now().plus(Duration.ofHours(2)));
                for (int i = 0; i < citizens; i++) {
                    UUID citizen = UUID.randomUUID();
                    UUID card = UUID.randomUUID();
                    byte[] index = new byte[32];
                    random.nextBytes(index);
                    String personIndex = HexFormat.of().formatHex(index);
                    p.setObject(1, card);
                    p.setObject(2, citizen);
                    p.setString(3, personIndex);
                    p.setBytes(4, new byte[] {0});
                    p.setBytes(5, new byte[] {0});
                    p.setString(6, personIndex);
                    p.setObject(7, LocalDate.of(1990, 1, 1).plusDays(i % 3_650));
                    p.setString(8, personIndex);
                    p.addBatch();
                    if (i % 1_000 == 999) {
                        p.executeBatch();
                    }
                    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(citizen.toString())
                            .audience("citycard-api").issueTime(new Date()).expirationTime(expires)
                            .claim("roles", List.of("CITIZEN")).claim("scope", "citizen").claim("client", "WECHAT")
                            .claim("auth_time", Instant.now().getEpochSecond()).build();
                    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                            claims);
                    jwt.sign(signer);
                    lines.add(jwt.serialize() + " " + card);
                }
                p.executeBatch();
            }
            c.commit();
            List<String> slotIds = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select id from vacc_slot where vaccine_id = '" + VACCINE + "' order by slot_day, starts_at")) {
                while (rs.next()) {
                    slotIds.add(rs.getString(1));
                }
            }
            c.commit();
            Files.write(out, lines);
            Files.write(Path.of(out + ".slots"), slotIds);
        }
        System.out.printf("seeded: %d slots of %d places (%d places), %d citizens with cards and tokens%n", slots,
                capacity, slots * capacity, citizens);
    }

    /** The bare conditional UPDATE, autocommit, from `threads` connections for `seconds`. */
    static void updates(String jdbc, int threads, int seconds) throws Exception {
        List<UUID> slots = new ArrayList<>();
        try (Connection c = connect(jdbc); Statement s = c.createStatement()) {
            for (int i = 0; i < 64; i++) {
                UUID id = UUID.randomUUID();
                slots.add(id);
                s.execute("insert into vacc_slot (id, clinic_id, vaccine_id, slot_day, starts_at, ends_at, capacity, booked,"
                        + " opens_at) values ('" + id + "', '" + CLINIC + "', '" + VACCINE + "', date '2099-01-01', time '00:00'"
                        + " + interval '" + i + " minutes', time '23:00', 10000, 0, now())");
            }
        }
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try (Connection c = connect(jdbc); PreparedStatement p = c.prepareStatement(
                        "update vacc_slot set booked = booked + 1 where id = ? and booked < capacity")) {
                    while (System.nanoTime() < end) {
                        p.setObject(1, slots.get(ThreadLocalRandom.current().nextInt(slots.size())));
                        p.executeUpdate();
                        done.increment();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        try (Connection c = connect(jdbc); Statement s = c.createStatement()) {
            s.execute("delete from vacc_slot where slot_day = date '2099-01-01' and vaccine_id = '" + VACCINE + "'");
        }
        System.out.printf("bare conditional UPDATE: %d transactions in %d s = %.0f/s (%d connections)%n", done.sum(),
                seconds, done.sum() / (double) seconds, threads);
    }

    static void check(String jdbc) throws Exception {
        try (Connection c = connect(jdbc); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select coalesce(sum(capacity), 0), coalesce(sum(booked), 0),"
                    + " coalesce(sum(case when booked > capacity then 1 else 0 end), 0) from vacc_slot where vaccine_id = '"
                    + VACCINE + "' and slot_day < date '2099-01-01'");
            rs.next();
            long capacity = rs.getLong(1);
            long booked = rs.getLong(2);
            long over = rs.getLong(3);
            rs = s.executeQuery("select count(*), count(distinct person_index), sum(case when state = 'CONFIRMED' then 1"
                    + " else 0 end) from vacc_booking where vaccine_id = '" + VACCINE + "' and state in ('HELD', 'CONFIRMED')");
            rs.next();
            long live = rs.getLong(1);
            long people = rs.getLong(2);
            long confirmed = rs.getLong(3);
            rs = s.executeQuery("select extract(epoch from max(created_at) - min(created_at)) from vacc_booking"
                    + " where vaccine_id = '" + VACCINE + "'");
            rs.next();
            double soldOut = rs.getDouble(1);
            System.out.printf("check: %d places, %d booked in the slots, %d live bookings (%d confirmed) for %d people;"
                    + " slots over capacity: %d; people booked twice: %d; the last place held %.1f s after the first%n",
                    capacity, booked, live, confirmed, people, over, live - people, soldOut);
            if (over != 0 || live != people || booked != live || live > capacity) {
                throw new IllegalStateException("overbooked or booked twice");
            }
        }
    }

    /** Certificates for the confirmed bookings' cards, signed with the node's code key (card-keys.properties). */
    static void certificates(String jdbc, Path data, int n, Path out) throws Exception {
        Properties keys = new Properties();
        try (var in = Files.newBufferedReader(data.resolve("card-keys.properties"))) {
            keys.load(in);
        }
        String[] seed = keys.getProperty("code-keys").split(",")[0].split(":");
        CodeKeys codeKeys = CodeKeys.of(Integer.parseInt(seed[0]), Map.of(Integer.parseInt(seed[0]),
                Base64.getDecoder().decode(seed[1])));
        List<String> urls = new ArrayList<>();
        try (Connection c = connect(jdbc)) {
            c.setAutoCommit(false);
            List<String[]> cards = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select b.id, b.card_id, b.person_index"
                    + " from vacc_booking b where b.vaccine_id = '" + VACCINE + "' and b.state = 'CONFIRMED' limit " + n)) {
                while (rs.next()) {
                    cards.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            SecureRandom random = new SecureRandom();
            try (PreparedStatement dose = c.prepareStatement("insert into vacc_dose (id, booking_id, person_index, card_id,"
                    + " vaccine_id, dose, clinic_id, batch, site, given_at, given_by) values (?, ?, ?, ?, ?, 1, ?, 'BENCH-1',"
                    + " 'LEFT_ARM', ?, 'bench')");
                 PreparedStatement cert = c.prepareStatement("insert into vacc_certificate (public_id, dose_id, card_id,"
                         + " signed, issued_at) values (?, ?, ?, ?, ?)")) {
                for (String[] card : cards) {
                    UUID doseId = UUID.randomUUID();
                    Instant at = Instant.ofEpochMilli(System.currentTimeMillis());
                    byte[] id = new byte[16];
                    random.nextBytes(id);
                    String publicId = HexFormat.of().formatHex(id);
                    dose.setObject(1, doseId);
                    dose.setObject(2, UUID.fromString(card[0]));
                    dose.setString(3, card[2]);
                    dose.setObject(4, UUID.fromString(card[1]));
                    dose.setString(5, VACCINE);
                    dose.setString(6, CLINIC);
                    dose.setTimestamp(7, Timestamp.from(at));
                    dose.addBatch();
                    String signed = codeKeys.signDocument("citycard-vaccination-certificate-v1", publicId + "|" + VACCINE
                            + "|1|" + CLINIC + "|BENCH-1|" + at.toEpochMilli() + "|压*");
                    cert.setString(1, publicId);
                    cert.setObject(2, doseId);
                    cert.setObject(3, UUID.fromString(card[1]));
                    cert.setString(4, signed);
                    cert.setTimestamp(5, Timestamp.from(at));
                    cert.addBatch();
                    urls.add("/api/mp/v1/vaccination/certificates/check/" + publicId + "?s=" + signed);
                }
                dose.executeBatch();
                cert.executeBatch();
            }
            c.commit();
        }
        Files.write(out, urls);
        System.out.printf("certificates: %d issued%n", urls.size());
    }
}
