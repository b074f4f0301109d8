package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The e-health card through the APIs: a citizen applies from the mini-program and shows a fresh code, a hospital's
 * terminal verifies it once and hears only what it may, binds its patient id, and the citizen sees the visit;
 * nobody else sees the card, a code reader cannot ask about health cards nor a hospital about ride codes.
 */
class HealthCardApiTest extends ApiTest {

    private JsonNode verify(String hospital, String code, String scene, int status) throws Exception {
        var answer = post("/api/terminal/v1/health/verify", "{\"code\":\"" + code + "\",\"scene\":\"" + scene
                + "\",\"channel\":\"WINDOW\",\"department\":\"内科\"}", hospital);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return body(answer);
    }

    @Test
    void a_citizen_shows_a_fresh_code_which_a_hospital_verifies_once_and_the_visit_shows_to_them_only() throws Exception {
        String token = realNameCitizen();
        var applied = post("/api/mp/v1/health-card/cards", "{\"relation\":\"SELF\"}", token);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        JsonNode card = body(applied);
        assertThat(card.get("state").asString()).isEqualTo("ACTIVE");
        assertThat(card.get("name").asString()).isEqualTo("王**");
        assertThat(card.get("idNumber").asString()).matches("420202\\*{8}\\d{3}[\\dX]");
        String id = card.get("id").asString();
        String ehcId = card.get("ehcId").asString();
        assertThat(card.get("staticCode").isNull()).as("the printed code is off until asked for").isTrue();
        assertThat(card.get("staticCodeOn").asBoolean()).isFalse();
        assertThat(body(post("/api/mp/v1/health-card/cards", "{\"relation\":\"SELF\"}", token)).get("id").asString())
                .isEqualTo(id);

        String code = body(post("/api/mp/v1/health-card/cards/" + id + "/codes", "", token)).get("code").asString();
        assertThat(code).startsWith(ehcId + ":0:");
        String hospital = hospitalToken();
        JsonNode seen = verify(hospital, code, "REGISTRATION", 200);
        assertThat(seen.get("name").asString()).isEqualTo("王小明");
        assertThat(seen.get("idNumber").asString()).isEqualTo(card.get("idNumber").asString());
        assertThat(seen.get("birthDate").asString()).matches("(19|20)\\d\\d-\\d\\d-\\d\\d");
        assertThat(seen.has("phone")).isFalse();
        assertThat(verify(hospital, code, "CONSULTATION", 422).get("code").asString()).isEqualTo("health.code-used");
        assertThat(verify(hospital, "420202198001010011", "CONSULTATION", 422).get("code").asString())
                .isEqualTo("health.code-invalid");
        assertThat(post("/api/terminal/v1/health/verify", "{\"code\":\"" + code + "\",\"scene\":\"LUNCH\","
                + "\"channel\":\"WINDOW\"}", hospital).statusCode()).isEqualTo(400);
        assertThat(post("/api/terminal/v1/health/verify", "not json", hospital).statusCode()).isEqualTo(400);
        // a department the visit could not show is refused, not dropped (the code is not spent on it)
        var oddDepartment = post("/api/terminal/v1/health/verify", "{\"code\":\"" + code + "\",\"scene\":\"PHARMACY\","
                + "\"channel\":\"WINDOW\",\"department\":\"<script>\"}", hospital);
        assertThat(oddDepartment.statusCode()).isEqualTo(400);
        assertThat(body(oddDepartment).get("parameter").asString()).isEqualTo("department");

        // the citizen card's health code is now the e-health card's: one code at the hospital, in the app as in the portal
        String healthCode = body(get("/api/mp/v1/card/codes/health", token)).get("code").asString();
        assertThat(healthCode).startsWith(ehcId + ":0:");
        assertThat(verify(hospital, healthCode, "EXAMINATION", 200).get("name").asString()).isEqualTo("王小明");

        // the hospital's patient id, bound through its visit, comes back with the next verification
        var bound = post("/api/terminal/v1/health/patients", "{\"visitId\":\"" + seen.get("visitId").asString()
                + "\",\"patientId\":\"HS-000123\"}", hospital);
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
        // the printed code: the card id is in every dynamic code a terminal sees, so the static code it makes of it
        // is refused (and no visit recorded) until the holder switches it on
        assertThat(verify(hospital, ehcId + ":1", "PHARMACY", 422).get("code").asString()).isEqualTo("health.code-invalid");
        assertThat(put("/api/mp/v1/health-card/cards/" + id + "/static-code", "{}", token).statusCode()).isEqualTo(400);
        JsonNode on = body(put("/api/mp/v1/health-card/cards/" + id + "/static-code", "{\"on\":true}", token));
        assertThat(on.get("staticCode").asString()).isEqualTo(ehcId + ":1");
        assertThat(verify(hospital, ehcId + ":1", "PHARMACY", 200).get("patientId").asString()).isEqualTo("HS-000123");
        assertThat(post("/api/terminal/v1/health/patients", "{\"visitId\":\"nope\",\"patientId\":\"HS-1\"}", hospital)
                .statusCode()).isEqualTo(404);

        JsonNode visits = body(get("/api/mp/v1/health-card/cards/" + id + "/visits", token));
        assertThat(visits.size()).isEqualTo(3);
        assertThat(visits.get(0).get("scene").asString()).isEqualTo("PHARMACY");
        assertThat(visits.get(1).get("hospital").asString()).isEqualTo("Central Hospital");
        assertThat(visits.get(1).get("department").asString()).isEqualTo("内科");

        // nobody else sees or uses it
        String other = realNameCitizen();
        assertThat(get("/api/mp/v1/health-card/cards/" + id, other).statusCode()).isEqualTo(404);
        assertThat(get("/api/mp/v1/health-card/cards/" + id + "/visits", other).statusCode()).isEqualTo(404);
        assertThat(post("/api/mp/v1/health-card/cards/" + id + "/codes", "", other).statusCode()).isEqualTo(404);
        assertThat(delete("/api/mp/v1/health-card/cards/" + id, other).statusCode()).isEqualTo(404);
        assertThat(put("/api/mp/v1/health-card/cards/" + id + "/static-code", "{\"on\":false}", other).statusCode())
                .isEqualTo(404);
        assertThat(body(get("/api/mp/v1/health-card/cards", other)).size()).isZero();

        // a code reader may not ask about health cards, a hospital not about ride codes, a citizen about neither
        assertThat(post("/api/terminal/v1/health/verify", "{\"code\":\"" + ehcId + ":1\",\"scene\":\"PHARMACY\","
                + "\"channel\":\"WINDOW\"}", terminalToken()).statusCode()).isEqualTo(403);
        assertThat(post("/api/terminal/v1/codes/verify", "{\"code\":\"x\",\"place\":\"x\"}", hospital).statusCode())
                .isEqualTo(403);
        assertThat(post("/api/terminal/v1/health/verify", "{\"code\":\"" + ehcId + ":1\",\"scene\":\"PHARMACY\","
                + "\"channel\":\"WINDOW\"}", token).statusCode()).isEqualTo(403);

        // closed: gone from the list, its codes refused
        assertThat(delete("/api/mp/v1/health-card/cards/" + id, token).statusCode()).isEqualTo(204);
        assertThat(get("/api/mp/v1/health-card/cards/" + id, token).statusCode()).isEqualTo(404);
        assertThat(get("/api/mp/v1/health-card/cards/" + id + "/visits", token).statusCode()).isEqualTo(404);
        assertThat(verify(hospital, ehcId + ":1", "PHARMACY", 422).get("code").asString())
                .as("a closed card's printed code is refused as any unknown code, not as a card that exists")
                .isEqualTo("health.code-invalid");
    }

    @Test
    void a_hospital_charges_a_visit_and_the_citizen_pays_it_from_the_phone_once() throws Exception {
        String token = realNameCitizen();
        JsonNode card = body(post("/api/mp/v1/health-card/cards", "{\"relation\":\"SELF\"}", token));
        card = body(put("/api/mp/v1/health-card/cards/" + card.get("id").asString() + "/static-code", "{\"on\":true}",
                token));
        String hospital = hospitalToken();
        String visit = verify(hospital, card.get("staticCode").asString(), "CONSULTATION", 200).get("visitId").asString();
        String ref = "RX" + System.nanoTime();
        String charge = "{\"visitId\":\"" + visit + "\",\"hospitalRef\":\"" + ref + "\",\"kind\":\"PHARMACY\","
                + "\"items\":[{\"name\":\"布洛芬缓释胶囊\",\"amountFen\":1560},{\"name\":\"诊查费\",\"amountFen\":1000}]}";
        var posted = post("/api/terminal/v1/health/charges", charge, hospital);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String id = body(posted).get("id").asString();
        assertThat(body(posted).get("amountFen").asLong()).isEqualTo(2_560);
        assertThat(post("/api/terminal/v1/health/charges", charge, hospital).statusCode()).isEqualTo(200);
        assertThat(post("/api/terminal/v1/health/charges", charge.replace("1560", "1"), hospital).statusCode())
                .isEqualTo(409);
        assertThat(post("/api/terminal/v1/health/charges", charge.replace("1560", "-5"), hospital).statusCode())
                .isEqualTo(400);
        assertThat(post("/api/terminal/v1/health/charges", "{\"visitId\":\"x\"}", hospital).statusCode()).isEqualTo(404);

        JsonNode mine = body(get("/api/mp/v1/health-card/charges", token));
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).get("state").asString()).isEqualTo("DUE");
        assertThat(mine.get(0).get("hospital").asString()).isEqualTo("Central Hospital");
        String other = realNameCitizen();
        assertThat(body(get("/api/mp/v1/health-card/charges", other)).size()).isZero();
        assertThat(post("/api/mp/v1/health-card/charges/" + id + "/payments", "", other).statusCode()).isEqualTo(404);

        var started = post("/api/mp/v1/health-card/charges/" + id + "/payments", "", token);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String orderNo = body(started).get("orderNo").asString();
        assertThat(body(post("/api/mp/v1/health-card/charges/" + id + "/payments", "", token)).get("orderNo").asString())
                .isEqualTo(orderNo);
        JsonNode sheet = body(post("/api/mp/v1/orders/" + orderNo + "/pay", "{\"channel\":\"wechat_pay\"}", token))
                .get("clientParameters");
        String prepay = sheet.get("package").asString().substring("prepay_id=wx".length());
        assertThat(post(sandbox.url() + "/payments/" + prepay + "/approve", "", null).statusCode()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() ->
                "PAID".equals(body(get("/api/terminal/v1/health/charges/" + id, hospital)).get("state").asString()));
        assertThat(post("/api/mp/v1/health-card/charges/" + id + "/payments", "", token).statusCode()).isEqualTo(422);
        assertThat(delete("/api/terminal/v1/health/charges/" + id, hospital).statusCode()).isEqualTo(422);
        assertThat(get("/api/terminal/v1/health/charges/HCNOPE", hospital).statusCode()).isEqualTo(404);
    }

    @Test
    void family_members_cards_and_bad_input_get_problem_json() throws Exception {
        String token = realNameCitizen();
        assertThat(post("/api/mp/v1/health-card/cards", "{}", token).statusCode()).isEqualTo(400);
        assertThat(post("/api/mp/v1/health-card/cards", "{\"relation\":\"COUSIN\"}", token).statusCode()).isEqualTo(400);
        assertThat(post("/api/mp/v1/health-card/cards", "[]", token).statusCode()).isEqualTo(400);
        var badId = post("/api/mp/v1/health-card/cards", "{\"relation\":\"CHILD\",\"name\":\"王小宝\","
                + "\"idNumber\":\"420202201901010011\",\"birthCertificateNo\":\"O123456789\"}", token);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(body(badId).get("code").asString()).isEqualTo("health.bad-id-number");
        String child = org.citycard.card.CardSamples.idNumber(java.time.LocalDate.of(2020, 6, 1), true);
        var mismatch = post("/api/mp/v1/health-card/cards", "{\"relation\":\"CHILD\",\"name\":\"王小宝\",\"idNumber\":\""
                + child + "\",\"birthCertificateNo\":\"O123450000\"}", token);
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(body(mismatch).get("code").asString()).isEqualTo("health.birth-certificate-mismatch");
        var added = post("/api/mp/v1/health-card/cards", "{\"relation\":\"CHILD\",\"name\":\"王小宝\",\"idNumber\":\""
                + child + "\",\"birthCertificateNo\":\"O123456789\"}", token);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(body(added).get("relation").asString()).isEqualTo("CHILD");
        String parent = org.citycard.card.CardSamples.idNumber(java.time.LocalDate.of(1950, 3, 3), false);
        var waiting = post("/api/mp/v1/health-card/cards", "{\"relation\":\"PARENT\",\"name\":\"李桂兰\",\"idNumber\":\""
                + parent + "\"}", token);
        assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(202);
        assertThat(body(waiting).get("state").asString()).isEqualTo("AWAITING_COUNTER");
        assertThat(body(waiting).get("counterReference").asString()).matches("[A-Z0-9]{8}");
        assertThat(post("/api/mp/v1/health-card/cards/" + body(waiting).get("id").asString() + "/codes", "", token)
                .statusCode()).isEqualTo(409);
        assertThat(body(get("/api/mp/v1/health-card/cards", token)).size()).isEqualTo(2);
        assertThat(get("/api/mp/v1/health-card/cards/not-a-uuid", token).statusCode()).isEqualTo(404);
        assertThat(get("/api/mp/v1/health-card/cards/" + body(added).get("id").asString() + "/visits?limit=0", token)
                .statusCode()).isEqualTo(400);
        assertThat(get("/api/mp/v1/health-card/cards", null).statusCode()).isEqualTo(401);
    }
}
