package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.citycard.parking.GeoPoint;
import org.citycard.parking.Lot;
import org.citycard.parking.ParkingAdministration;
import org.citycard.parking.fees.FeeRule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An operator's signed gate-event feed over HTTP: believed only with the operator's registered key, a fresh
 * timestamp and a new nonce; each event answered on its own; the same events again change nothing.
 */
class ParkingFeedApiTest extends ApiTest {

    private static final ParkingAdministration.Staff CITY = new ParkingAdministration.Staff("parking", true);

    @Autowired
    ParkingAdministration administration;

    private record Operator(String id, String lot, KeyPair keys) {
    }

    private Operator operator() throws Exception {
        String id = "feed-" + UUID.randomUUID().toString().substring(0, 8);
        administration.saveOperator(CITY, new ParkingAdministration.Operator(id, "测试停车", true));
        String lot = id + "-lot";
        administration.saveLot(CITY, new Lot(lot, id, "测试停车场", Lot.Kind.OFF_STREET, "某路 1 号", new GeoPoint(30.2, 115.0),
                100, 0, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, FeeRule.typical(), Lot.ExitWithoutEntry.FIRST_PERIOD));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        assertThat(administration.setOperatorKey(CITY, id, Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())))
                .isEqualTo(new ParkingAdministration.Result.Done<>(id));
        return new Operator(id, lot, keys);
    }

    private HttpResponse<String> send(Operator o, String body, long timestamp, String nonce, KeyPair signer) throws Exception {
        return send(o, "/api/parking/v1/operators/" + o.id() + "/events", "application/json", body, timestamp, nonce, signer);
    }

    private HttpResponse<String> send(Operator o, String path, String type, String body, long timestamp, String nonce,
                                      KeyPair signer) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(signer.getPrivate());
        signature.update(("POST\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + body).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", type)
                .header("CC-Timestamp", Long.toString(timestamp)).header("CC-Nonce", nonce)
                .header("CC-Signature", Base64.getEncoder().encodeToString(signature.sign()))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String nonce() {
        return HexFormat.of().formatHex(UUID.randomUUID().toString().replace("-", "").getBytes(StandardCharsets.US_ASCII), 0, 16);
    }

    private static String events(Operator o, String plate) {
        return "{\"events\": ["
                + "{\"eventId\": \"in-1\", \"lotId\": \"" + o.lot() + "\", \"gate\": \"in-1\", \"direction\": \"ENTRY\","
                + " \"plate\": \"" + plate + "\", \"colour\": \"BLUE\", \"at\": \"2026-12-07T00:00:00Z\"},"
                + "{\"eventId\": \"out-1\", \"lotId\": \"" + o.lot() + "\", \"gate\": \"out-1\", \"direction\": \"EXIT\","
                + " \"plate\": \"" + plate + "\", \"colour\": \"BLUE\", \"at\": \"2026-12-07T01:30:00Z\"},"
                + "{\"eventId\": \"bad-1\", \"lotId\": \"" + o.lot() + "\", \"direction\": \"EXIT\","
                + " \"plate\": \"鄂B1234O\", \"colour\": \"BLUE\", \"at\": \"2026-12-07T01:30:00Z\"}]}";
    }

    @Test
    void signed_events_are_applied_one_by_one_and_the_same_ones_again_change_nothing() throws Exception {
        Operator o = operator();
        String body = events(o, "鄂B23456");
        long now = Instant.now().getEpochSecond();
        var first = send(o, body, now, nonce(), o.keys());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode results = body(first).get("results");
        assertThat(results.get(0).get("outcome").asString()).isEqualTo("OPENED");
        assertThat(results.get(1).get("outcome").asString()).isEqualTo("BILLED");
        assertThat(results.get(2).get("outcome").asString()).isEqualTo("INVALID");
        assertThat(results.get(2).get("problem").asString()).isEqualTo("plate");
        JsonNode again = body(send(o, body, now, nonce(), o.keys())).get("results");
        assertThat(again.get(0).get("outcome").asString()).isEqualTo("DUPLICATE");
        assertThat(again.get(1).get("outcome").asString()).isEqualTo("DUPLICATE");
    }

    @Test
    void forged_stale_and_replayed_requests_are_refused_and_change_nothing() throws Exception {
        Operator o = operator();
        Operator other = operator();
        String body = events(o, "鄂B34567");
        long now = Instant.now().getEpochSecond();
        // signed with another operator's key
        var forged = send(o, body, now, nonce(), other.keys());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(send(o, body, now - 600, nonce(), o.keys()).statusCode()).as("ten minutes old").isEqualTo(401);
        String nonce = nonce();
        assertThat(send(o, body, now, nonce, o.keys()).statusCode()).isEqualTo(200);
        assertThat(send(o, body.replace("in-1", "in-2"), now, nonce, o.keys()).statusCode()).as("the nonce again")
                .isEqualTo(401);
        // another operator's lot, with that operator's own valid signature: refused event by event
        JsonNode theirs = body(send(other, body, now, nonce(), other.keys())).get("results");
        assertThat(theirs.get(0).get("outcome").asString()).isEqualTo("REFUSED");
        // not a feed at all
        assertThat(send(o, "{\"events\": []}", now, nonce(), o.keys()).statusCode()).isEqualTo(400);
        assertThat(send(o, "not json", now, nonce(), o.keys()).statusCode()).isIn(400, 415);
        assertThat(post("/api/parking/v1/operators/" + o.id() + "/events", body, null).statusCode()).isEqualTo(401);
        assertThat(administration.setOperatorKey(CITY, o.id(), "bm90IGEga2V5"))
                .isEqualTo(new ParkingAdministration.Result.Refused<>(ParkingAdministration.Problem.BAD_KEY));
    }

    @Test
    void an_operators_daily_file_is_reconciled_line_by_line_against_our_stays() throws Exception {
        Operator o = operator();
        long now = Instant.now().getEpochSecond();
        assertThat(send(o, events(o, "鄂B45678"), now, nonce(), o.keys()).statusCode()).isEqualTo(200);
        // ours: 鄂B45678 in 00:00Z, out 01:30Z, ¥7.00; the file: that stay, one we never saw, a wrong fee, a bad line
        String file = o.lot() + ",鄂B45678,2026-12-07T00:00:00Z,2026-12-07T01:30:00Z,700\n"
                + o.lot() + ",鄂B99999,2026-12-07T02:00:00Z,2026-12-07T03:00:00Z,500\n"
                + "not,a,line\n";
        var reconciled = send(o, "/api/parking/v1/operators/" + o.id() + "/files/2026-12-07", "text/csv", file, now, nonce(),
                o.keys());
        assertThat(reconciled.statusCode()).as(reconciled.body()).isEqualTo(200);
        JsonNode r = body(reconciled);
        assertThat(r.get("fileLines").asInt()).isEqualTo(3);
        assertThat(r.get("matched").asInt()).isEqualTo(1);
        assertThat(r.get("missingWithUs").asInt()).isEqualTo(1);
        assertThat(r.get("missingAtOperator").asInt()).isZero();
        assertThat(r.get("badLines").asInt()).isEqualTo(1);
        String wrongFee = o.lot() + ",鄂B45678,2026-12-07T00:00:00Z,2026-12-07T01:30:00Z,600\n";
        assertThat(body(send(o, "/api/parking/v1/operators/" + o.id() + "/files/2026-12-07", "text/csv", wrongFee, now,
                nonce(), o.keys())).get("feeMismatch").asInt()).isEqualTo(1);
        // unsigned, or a day not yet over: refused
        assertThat(send(o, "/api/parking/v1/operators/" + o.id() + "/files/2026-12-07", "text/csv", file, now, nonce(),
                operator().keys()).statusCode()).isEqualTo(401);
        assertThat(send(o, "/api/parking/v1/operators/" + o.id() + "/files/2099-01-01", "text/csv", file, now, nonce(),
                o.keys()).statusCode()).isEqualTo(400);
    }

    @Test
    void an_operators_full_count_of_taken_spaces_corrects_its_lots_and_no_other_operators() throws Exception {
        Operator o = operator();
        Operator other = operator();
        long now = Instant.now().getEpochSecond();
        String body = "{\"lots\":[{\"lotId\":\"" + o.lot() + "\",\"occupied\":42},"
                + "{\"lotId\":\"" + other.lot() + "\",\"occupied\":1},{\"lotId\":\"" + o.lot() + "\",\"occupied\":-3}]}";
        var answer = send(o, "/api/parking/v1/operators/" + o.id() + "/occupancy", "application/json", body, now, nonce(),
                o.keys());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode results = body(answer).get("results");
        assertThat(results.get(0).get("outcome").asString()).isEqualTo("SET");
        assertThat(results.get(1).get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(results.get(2).get("outcome").asString()).isEqualTo("INVALID");
        assertThat(body(get("/api/mp/v1/parking/lots/" + o.lot(), null)).get("freeSpaces").asInt()).isEqualTo(100 - 42);
        assertThat(body(get("/api/mp/v1/parking/lots/" + other.lot(), null)).get("freeSpaces").asInt()).isEqualTo(100);
        assertThat(send(o, "/api/parking/v1/operators/" + o.id() + "/occupancy", "application/json", body, now, nonce(),
                other.keys()).statusCode()).isEqualTo(401);
    }
}
