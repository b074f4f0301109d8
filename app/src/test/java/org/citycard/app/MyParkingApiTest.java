package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.citycard.parking.GateEvent;
import org.citycard.parking.ParkingSessions;
import org.citycard.parking.Plate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A driver's parking through the mini-program API: bind a plate, see the stay the gates made with the fee so far,
 * pay it through the order flow (WeChat Pay at the sandbox cashier); another citizen sees none of it.
 */
class MyParkingApiTest extends ApiTest {

    @Autowired
    ParkingSessions sessions;

    private static String plate() {
        return "鄂D" + String.format("%05d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000));
    }

    private void gate(GateEvent.Direction direction, String plate, Instant at) {
        sessions.receive(new GateEvent("hs-city", UUID.randomUUID().toString(), "hs-square", "g1", direction,
                new Plate(plate, Plate.Colour.BLUE), at, null));
    }

    @Test
    void a_driver_binds_a_plate_sees_the_stay_with_its_fee_and_pays_it_and_nobody_else_sees_it() throws Exception {
        String token = realNameCitizen();
        String car = plate();
        var bound = post("/api/mp/v1/parking/plates", "{\"plate\":\"" + car.substring(0, 2) + "·" + car.substring(2)
                + "\",\"colour\":\"BLUE\"}", token);
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(201);
        assertThat(body(bound).get("plate").asString()).isEqualTo(car);
        gate(GateEvent.Direction.ENTRY, car, Instant.now().minus(Duration.ofMinutes(100)));
        gate(GateEvent.Direction.EXIT, car, Instant.now().minus(Duration.ofMinutes(1)));

        assertThat(body(get("/api/mp/v1/parking/arrears", token)).get("totalFen").asLong()).isZero();
        JsonNode stays = body(get("/api/mp/v1/parking/sessions", token));
        assertThat(stays.size()).isEqualTo(1);
        JsonNode stay = stays.get(0);
        assertThat(stay.get("lotName").asString()).isEqualTo("黄石广场地下停车场");
        assertThat(stay.get("state").asString()).isEqualTo("CLOSED");
        long due = stay.get("dueFen").asLong();
        assertThat(due).isEqualTo(stay.get("feeFen").asLong()).isPositive();
        String id = stay.get("id").asString();

        String other = realNameCitizen();
        assertThat(body(get("/api/mp/v1/parking/sessions", other)).size()).isZero();
        assertThat(get("/api/mp/v1/parking/sessions/" + id, other).statusCode()).isEqualTo(404);
        assertThat(post("/api/mp/v1/parking/sessions/" + id + "/payments", "", other).statusCode()).isEqualTo(404);
        // the other citizen claims the plate: the claim waits for staff and shows them nothing
        var claimed = post("/api/mp/v1/parking/plates", "{\"plate\":\"" + car + "\",\"colour\":\"BLUE\"}", other);
        assertThat(claimed.statusCode()).isEqualTo(202);
        assertThat(body(claimed).get("state").asString()).isEqualTo("PENDING_REVIEW");
        assertThat(body(get("/api/mp/v1/parking/sessions", other)).size()).isZero();
        String claimId = body(claimed).get("id").asString();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        assertThat(licence(claimId, "image/png", png, other).statusCode()).isEqualTo(204);
        assertThat(licence(claimId, "image/png", png, token).statusCode()).as("not theirs").isEqualTo(404);
        assertThat(licence(claimId, "image/png", "<svg/>".getBytes(), other).statusCode()).isEqualTo(415);
        assertThat(licence(claimId, "image/png", new byte[1024 * 1024 + 1], other).statusCode()).isEqualTo(413);

        String plateId = body(get("/api/mp/v1/parking/plates", token)).get(0).get("id").asString();
        assertThat(put("/api/mp/v1/parking/plates/" + plateId + "/seamless", "{\"on\":true,\"capFen\":0}", token)
                .statusCode()).isEqualTo(400);
        assertThat(put("/api/mp/v1/parking/plates/" + plateId + "/seamless", "{\"on\":true,\"capFen\":5000}", other)
                .statusCode()).isEqualTo(404);
        assertThat(put("/api/mp/v1/parking/plates/" + plateId + "/seamless", "{\"on\":true,\"capFen\":5000}", token)
                .statusCode()).isEqualTo(204);
        assertThat(body(get("/api/mp/v1/parking/plates", token)).get(0).get("seamlessCapFen").asLong()).isEqualTo(5_000);

        var started = post("/api/mp/v1/parking/sessions/" + id + "/payments", "", token);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        assertThat(body(started).get("amountFen").asLong()).isEqualTo(due);
        String orderNo = body(started).get("orderNo").asString();
        var again = post("/api/mp/v1/parking/sessions/" + id + "/payments", "", token);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(body(again).get("orderNo").asString()).isEqualTo(orderNo);
        JsonNode sheet = body(post("/api/mp/v1/orders/" + orderNo + "/pay", "{\"channel\":\"wechat_pay\"}", token))
                .get("clientParameters");
        String prepay = sheet.get("package").asString().substring("prepay_id=wx".length());
        assertThat(post(sandbox.url() + "/payments/" + prepay + "/approve", "", null).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                body(get("/api/mp/v1/parking/sessions/" + id, token)).get("dueFen").asLong() == 0);
        assertThat(body(get("/api/mp/v1/parking/sessions/" + id, token)).get("paidFen").asLong()).isEqualTo(due);
        assertThat(post("/api/mp/v1/parking/sessions/" + id + "/payments", "", token).statusCode()).isEqualTo(422);
    }

    @Test
    void bad_plates_and_ids_get_problem_json_and_signing_in_is_required() throws Exception {
        String token = realNameCitizen();
        var bad = post("/api/mp/v1/parking/plates", "{\"plate\":\"鄂D1234O\",\"colour\":\"BLUE\"}", token);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(body(bad).get("code").asString()).isEqualTo("parking.bad-plate");
        assertThat(post("/api/mp/v1/parking/plates", "{\"plate\":\"鄂D12345\",\"colour\":\"PINK\"}", token).statusCode())
                .isEqualTo(400);
        assertThat(post("/api/mp/v1/parking/plates", "{\"plate\":\"鄂D12345\"}", token).statusCode()).isEqualTo(400);
        assertThat(post("/api/mp/v1/parking/plates", "not json", token).statusCode()).isEqualTo(400);
        assertThat(get("/api/mp/v1/parking/sessions/not-a-uuid", token).statusCode()).isEqualTo(404);
        assertThat(get("/api/mp/v1/parking/sessions", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/mp/v1/parking/plates", null).statusCode()).isEqualTo(401);
    }

    private java.net.http.HttpResponse<String> licence(String plateId, String type, byte[] image, String token)
            throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/mp/v1/parking/plates/" + plateId
                        + "/licence"))).header("Content-Type", type).header("Authorization", "Bearer " + token)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(image)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void at_a_lots_exit_code_any_citizen_sees_a_plates_fee_and_pays_it() throws Exception {
        String token = realNameCitizen();
        String car = plate();
        assertThat(post("/api/mp/v1/parking/lots/hs-square/due", "{\"plate\":\"" + car + "\",\"colour\":\"BLUE\"}", token)
                .statusCode()).isEqualTo(404);
        gate(GateEvent.Direction.ENTRY, car, Instant.now().minus(Duration.ofMinutes(45)));
        JsonNode due = body(post("/api/mp/v1/parking/lots/hs-square/due", "{\"plate\":\"" + car + "\",\"colour\":\"BLUE\"}",
                token));
        assertThat(due.get("dueFen").asLong()).isPositive();
        var started = post("/api/mp/v1/parking/lots/hs-square/payments", "{\"plate\":\"" + car + "\",\"colour\":\"BLUE\"}",
                token);
        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(body(started).get("amountFen").asLong()).isEqualTo(due.get("dueFen").asLong());
        assertThat(post("/api/mp/v1/parking/lots/hs-square/due", "{\"plate\":\"鄂D1234O\"}", token).statusCode())
                .isEqualTo(400);
        assertThat(post("/api/mp/v1/parking/lots/hs-square/due", "{\"plate\":\"" + car + "\"}", null).statusCode())
                .isEqualTo(401);
    }
}
