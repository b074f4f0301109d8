package org.citycard.parking.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.citycard.parking.GateEvent;
import org.citycard.parking.OperatorFeeds;
import org.citycard.parking.ParkingAdministration;
import org.citycard.parking.ParkingSessions;
import org.citycard.parking.Plate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' signed feeds: the signature checked with the operator's registered key before anything is read,
 * the timestamp within {@link #WINDOW}, the nonce kept in {@code parking_nonce} (a second use is refused), then each
 * event checked and applied on its own (a bad one does not stop the others).
 */
@Service
class SignedFeeds implements OperatorFeeds {

    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(SignedFeeds.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final ParkingSessions sessions;
    private final org.citycard.parking.ParkingSettlements settlements;
    private final Clock clock = Clock.systemUTC();

    private final ParkingAdministration administration;

    SignedFeeds(JdbcClient jdbc, ParkingSessions sessions, org.citycard.parking.ParkingSettlements settlements,
                ParkingAdministration administration) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.settlements = settlements;
        this.administration = administration;
    }

    @Override
    public Answer receiveOccupancy(String operatorId, String path, String timestamp, String nonce, String signature,
                                   String body) {
        Optional<Answer.Refused> refused = believe(operatorId, path, timestamp, nonce, signature, body);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode lots;
        try {
            lots = JSON.readTree(body).path("lots");
        } catch (JacksonException e) {
            return new Answer.Refused(400, "parking.feed-not-json", "The body is not JSON.");
        }
        if (!lots.isArray() || lots.isEmpty() || lots.size() > MAX_EVENTS) {
            return new Answer.Refused(400, "parking.feed-lots",
                    "The body is {\"lots\": [...]} with 1 to " + MAX_EVENTS + " lots.");
        }
        List<Result> results = new ArrayList<>();
        for (JsonNode lot : lots) {
            String id = lot.path("lotId").asString("");
            int occupied = lot.path("occupied").isInt() ? lot.path("occupied").asInt() : -1;
            String owner = jdbc.sql("select operator_id from parking_lot where id = :id").param("id", id)
                    .query(String.class).optional().orElse("");
            if (!owner.equals(operatorId)) {
                results.add(new Result(id, "REFUSED", "lotId"));
            } else if (occupied < 0) {
                results.add(new Result(id, "INVALID", "occupied"));
            } else {
                results.add(switch (administration.reportOccupied(new ParkingAdministration.Staff("system", true), id,
                        occupied)) {
                    case ParkingAdministration.Result.Done<Integer> done -> new Result(id, "SET", null);
                    case ParkingAdministration.Result.Refused<Integer> no -> new Result(id, "INVALID", "occupied");
                });
            }
        }
        return new Answer.Accepted(results);
    }

    @Override
    public Answer receiveFile(String operatorId, String path, String timestamp, String nonce, String signature,
                              String day, String body) {
        Optional<Answer.Refused> refused = believe(operatorId, path, timestamp, nonce, signature, body);
        if (refused.isPresent()) {
            return refused.get();
        }
        java.time.LocalDate date;
        try {
            date = java.time.LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            return new Answer.Refused(400, "parking.file-day", "The day is yyyy-MM-dd.");
        }
        if (date.isAfter(java.time.LocalDate.now(org.citycard.kernel.ChinaTime.ZONE))) {
            return new Answer.Refused(400, "parking.file-day", "A day's file comes after the day.");
        }
        return new Answer.Filed(settlements.reconcile(operatorId, date, body));
    }

    @Override
    public Answer receive(String operatorId, String path, String timestamp, String nonce, String signature, String body) {
        Optional<Answer.Refused> refused = believe(operatorId, path, timestamp, nonce, signature, body);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode events;
        try {
            events = JSON.readTree(body).path("events");
        } catch (JacksonException e) {
            return new Answer.Refused(400, "parking.feed-not-json", "The body is not JSON.");
        }
        if (!events.isArray() || events.isEmpty() || events.size() > MAX_EVENTS) {
            return new Answer.Refused(400, "parking.feed-events",
                    "The body is {\"events\": [...]} with 1 to " + MAX_EVENTS + " events.");
        }
        List<GateEvent> valid = new ArrayList<>();
        List<Optional<GateEvent>> read = new ArrayList<>();
        for (JsonNode e : events) {
            Optional<GateEvent> event = event(operatorId, e);
            read.add(event);
            event.ifPresent(valid::add);
        }
        List<ParkingSessions.Outcome> outcomes = valid.isEmpty() ? List.of() : sessions.receiveAll(valid);
        List<Result> results = new ArrayList<>();
        int applied = 0;
        for (int i = 0; i < read.size(); i++) {
            JsonNode e = events.get(i);
            String id = e.path("eventId").asString("");
            results.add(read.get(i).isPresent() ? new Result(id, outcomes.get(applied++).name(), null)
                    : new Result(id, "INVALID", problem(e)));
        }
        return new Answer.Accepted(results);
    }

    private Optional<Answer.Refused> believe(String operatorId, String path, String timestamp, String nonce,
                                             String signature, String body) {
        Answer.Refused unbelieved = new Answer.Refused(401, "parking.feed-unsigned",
                "Not signed by a registered operator, outside the 5-minute window, or a nonce already used.");
        if (operatorId == null || timestamp == null || nonce == null || signature == null || body == null
                || !nonce.matches("[0-9a-f]{32}") || !timestamp.matches("\\d{1,12}")) {
            return Optional.of(unbelieved);
        }
        Instant now = clock.instant();
        if (Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), now).abs().compareTo(WINDOW) > 0) {
            return Optional.of(unbelieved);
        }
        Optional<String> key = jdbc.sql("select public_key from parking_operator where id = :id and enabled")
                .param("id", operatorId).query(String.class).optional();
        if (key.isEmpty() || key.get() == null || !verifies(key.get(), "POST\n" + path + "\n" + timestamp + "\n" + nonce
                + "\n" + body, signature)) {
            log.warn("Refused a parking feed request that did not verify");
            return Optional.of(unbelieved);
        }
        if (jdbc.sql("insert into parking_nonce (operator_id, nonce, seen_at) values (:o, :n, :now) on conflict do nothing")
                .param("o", operatorId).param("n", nonce).param("now", Timestamp.from(now)).update() == 0) {
            log.warn("Refused a parking feed request whose nonce was used before");
            return Optional.of(unbelieved);
        }
        return Optional.empty();
    }

    /** Forgets nonces older than the window twice over (none of them can be believed again anyway). */
    int forgetNonces(Instant now) {
        return jdbc.sql("delete from parking_nonce where seen_at < :before")
                .param("before", Timestamp.from(now.minus(WINDOW.multipliedBy(2)))).update();
    }

    static boolean verifies(String base64Key, String canonical, String signature) {
        try {
            PublicKey key = publicKey(base64Key);
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static PublicKey publicKey(String base64Key) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64Key)));
    }

    private static Optional<GateEvent> event(String operatorId, JsonNode e) {
        String id = e.path("eventId").asString("");
        String lot = e.path("lotId").asString("");
        String gate = e.path("gate").asString("");
        String photo = e.path("photoRef").asString("");
        if (!id.matches("[A-Za-z0-9_.:-]{1,64}") || !lot.matches("[a-z0-9][a-z0-9-]{1,31}") || gate.length() > 32
                || photo.length() > 200 || !gate.matches("[\\p{Graph}]*") || !photo.matches("[\\p{Graph}]*")) {
            return Optional.empty();
        }
        GateEvent.Direction direction;
        Plate.Colour colour;
        Instant at;
        try {
            direction = GateEvent.Direction.valueOf(e.path("direction").asString(""));
            colour = Plate.Colour.valueOf(e.path("colour").asString(""));
            at = Instant.parse(e.path("at").asString(""));
        } catch (IllegalArgumentException | DateTimeParseException ex) {
            return Optional.empty();
        }
        return Plate.parse(e.path("plate").asString(""), colour).map(plate -> new GateEvent(operatorId, id, lot,
                gate.isEmpty() ? null : gate, direction, plate, at, photo.isEmpty() ? null : photo));
    }

    private static String problem(JsonNode e) {
        if (!e.path("eventId").asString("").matches("[A-Za-z0-9_.:-]{1,64}")) {
            return "eventId";
        }
        if (!e.path("lotId").asString("").matches("[a-z0-9][a-z0-9-]{1,31}")) {
            return "lotId";
        }
        try {
            GateEvent.Direction.valueOf(e.path("direction").asString(""));
        } catch (IllegalArgumentException ex) {
            return "direction";
        }
        try {
            Instant.parse(e.path("at").asString(""));
        } catch (DateTimeParseException ex) {
            return "at";
        }
        try {
            Plate.parse(e.path("plate").asString(""), Plate.Colour.valueOf(e.path("colour").asString(""))).orElseThrow();
        } catch (RuntimeException ex) {
            return "plate";
        }
        return "gate";
    }
}
