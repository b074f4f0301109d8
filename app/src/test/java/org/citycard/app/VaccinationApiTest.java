package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;

import org.citycard.kernel.ChinaTime;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Vaccination booking through the mini-program API on the demo clinics: slots for anyone; a citizen books for
 * themselves through their e-health card, confirms a free vaccine, pays for a self-paid one at the sandbox cashier,
 * cancels; nobody else sees their bookings; bad input gets problem+json.
 */
class VaccinationApiTest extends ApiTest {

    private String slot(String vaccine, String clinic) throws Exception {
        LocalDate from = LocalDate.now(ChinaTime.ZONE).plusDays(2);
        var answer = get("/api/mp/v1/vaccination/slots?vaccine=" + vaccine + "&clinic=" + clinic + "&from=" + from
                + "&to=" + from.plusDays(5), null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode slots = body(answer);
        assertThat(slots.size()).isPositive();
        for (JsonNode s : slots) {
            if (s.get("left").asInt() > 0) {
                return s.get("id").asString();
            }
        }
        throw new AssertionError("no slot with a place left");
    }

    /** The city administrator saves a one-dose vaccine for anyone up to 125 years old, with no waiting room. */
    private void saveOneDose(String id, String name, org.citycard.health.vaccination.Vaccine.Kind kind, long priceFen) {
        assertThat(vaccinationAdmin.saveVaccine(CITY, new org.citycard.health.vaccination.Vaccine(id, name, kind, priceFen,
                1, 0, 1_500, java.util.List.of(), false))).isEmpty();
    }

    private static final org.citycard.health.vaccination.VaccinationAdmin.Staff CITY =
            new org.citycard.health.vaccination.VaccinationAdmin.Staff("health", true);

    @Test
    void a_citizen_books_confirms_pays_and_cancels_and_nobody_else_sees_it() throws Exception {
        assertThat(body(get("/api/mp/v1/vaccination/clinics", null)).size()).isGreaterThanOrEqualTo(3);
        assertThat(body(get("/api/mp/v1/vaccination/vaccines", null)).toString()).contains("hepb-adult", "flu-4");
        String token = realNameCitizen();
        String card = body(post("/api/mp/v1/health-card/cards", "{\"relation\":\"SELF\"}", token)).get("id").asString();
        JsonNode eligible = body(get("/api/mp/v1/vaccination/eligibility?vaccine=hepb-adult", token));
        assertThat(eligible.get(0).get("nextDose").asInt()).isEqualTo(1);

        var held = post("/api/mp/v1/vaccination/bookings", "{\"cardId\":\"" + card + "\",\"slotId\":\""
                + slot("hepb-adult", "hsg-chc") + "\"}", token);
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        String booking = body(held).get("id").asString();
        assertThat(body(held).get("state").asString()).isEqualTo("HELD");
        var again = post("/api/mp/v1/vaccination/bookings", "{\"cardId\":\"" + card + "\",\"slotId\":\""
                + slot("hepb-adult", "xl-chc") + "\"}", token);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(body(again).get("code").asString()).isEqualTo("vaccination.already-booked");
        assertThat(body(post("/api/mp/v1/vaccination/bookings/" + booking + "/confirm", "", token)).get("state")
                .asString()).isEqualTo("CONFIRMED");

        String other = realNameCitizen();
        assertThat(get("/api/mp/v1/vaccination/bookings/" + booking, other).statusCode()).isEqualTo(404);
        assertThat(delete("/api/mp/v1/vaccination/bookings/" + booking, other).statusCode()).isEqualTo(404);
        assertThat(body(get("/api/mp/v1/vaccination/bookings", other)).size()).isZero();
        assertThat(post("/api/mp/v1/vaccination/bookings", "{\"cardId\":\"" + card + "\",\"slotId\":\""
                + slot("flu-4", "hsg-chc") + "\"}", other).statusCode()).isEqualTo(404);

        // a self-paid vaccine: paid at the cashier, then confirmed; cancelled, the money goes back
        var flu = post("/api/mp/v1/vaccination/bookings", "{\"cardId\":\"" + card + "\",\"slotId\":\""
                + slot("flu-4", "hsg-chc") + "\"}", token);
        String fluId = body(flu).get("id").asString();
        assertThat(body(flu).get("priceFen").asLong()).isEqualTo(9_800);
        assertThat(post("/api/mp/v1/vaccination/bookings/" + fluId + "/confirm", "", token).statusCode()).isEqualTo(422);
        var started = post("/api/mp/v1/vaccination/bookings/" + fluId + "/payments", "", token);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String orderNo = body(started).get("orderNo").asString();
        JsonNode sheet = body(post("/api/mp/v1/orders/" + orderNo + "/pay", "{\"channel\":\"wechat_pay\"}", token))
                .get("clientParameters");
        String prepay = sheet.get("package").asString().substring("prepay_id=wx".length());
        assertThat(post(sandbox.url() + "/payments/" + prepay + "/approve", "", null).statusCode()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                "CONFIRMED".equals(body(get("/api/mp/v1/vaccination/bookings/" + fluId, token)).get("state").asString()));
        assertThat(body(delete("/api/mp/v1/vaccination/bookings/" + fluId, token)).get("state").asString())
                .isEqualTo("CANCELLED");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                body(get("/api/mp/v1/orders/" + orderNo, token)).get("refundedFen").asLong() == 9_800);
        assertThat(body(get("/api/mp/v1/vaccination/bookings", token)).size()).isEqualTo(2);

        // a hold that ran out cannot be kept by starting a payment (the place goes back)
        var ranOut = post("/api/mp/v1/vaccination/bookings", "{\"cardId\":\"" + card + "\",\"slotId\":\""
                + slot("flu-4", "hsg-chc") + "\"}", token);
        String againId = body(ranOut).get("id").asString();
        jdbc.sql("update vacc_booking set hold_until = :past where id = :id")
                .param("past", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)))
                .param("id", java.util.UUID.fromString(againId)).update();
        var late = post("/api/mp/v1/vaccination/bookings/" + againId + "/payments", "", token);
        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        assertThat(body(late).get("code").asString()).isEqualTo("vaccination.wrong-state");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @org.springframework.beans.factory.annotation.Autowired
    org.citycard.health.vaccination.VaccinationAdmin vaccinationAdmin;
    @org.springframework.beans.factory.annotation.Autowired
    org.citycard.health.vaccination.ClinicDesk desk;
    @org.springframework.beans.factory.annotation.Autowired
    org.citycard.health.HealthCards healthCards;
    @org.springframework.beans.factory.annotation.Autowired
    org.citycard.payment.Notifications notifications;

    /**
     * A paid dose the doctor puts off is refunded what the order charged, even when the vaccine's price changed in
     * between (the refund had been the price of the day, which the payment service refused as more than was paid).
     */
    @Test
    void a_paid_dose_not_given_is_refunded_what_was_paid_whatever_the_price_became() throws Exception {
        String vaccine = "paid-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        saveOneDose(vaccine, "带状疱疹疫苗", org.citycard.health.vaccination.Vaccine.Kind.SELF_PAID, 5_000);
        awayFromMidnight();
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        vaccinationAdmin.addSlots(CITY, "hsg-chc", vaccine, today, today, java.util.List.<java.time.LocalTime[]>of(
                new java.time.LocalTime[] {java.time.LocalTime.MIDNIGHT, java.time.LocalTime.of(23, 59)}), 5,
                java.time.Instant.now().minusSeconds(60));
        String token = realNameCitizen();
        String card = body(post("/api/mp/v1/health-card/cards", "{\"relation\":\"SELF\"}", token)).get("id").asString();
        String slot = body(get("/api/mp/v1/vaccination/slots?vaccine=" + vaccine + "&from=" + today + "&to=" + today, null))
                .get(0).get("id").asString();
        String booking = body(post("/api/mp/v1/vaccination/bookings", "{\"cardId\":\"" + card + "\",\"slotId\":\""
                + slot + "\"}", token)).get("id").asString();
        // a double tap (eight at once, some with keys of their own, some without): one order answers every tap
        java.util.List<java.util.concurrent.Future<java.net.http.HttpResponse<String>>> taps = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                var tap = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                url("/api/mp/v1/vaccination/bookings/" + booking + "/payments")))
                        .header("Authorization", "Bearer " + token).POST(java.net.http.HttpRequest.BodyPublishers.noBody());
                if (i % 2 == 0) {
                    tap.header("Idempotency-Key", "tap-" + i);
                }
                taps.add(pool.submit(() -> http.send(tap.build(), java.net.http.HttpResponse.BodyHandlers.ofString())));
            }
        }
        java.util.Set<String> orderNos = new java.util.HashSet<>();
        for (var tap : taps) {
            assertThat(tap.get().statusCode()).as(tap.get().body()).isIn(200, 201);
            orderNos.add(body(tap.get()).get("orderNo").asString());
        }
        assertThat(orderNos).hasSize(1);
        String orderNo = orderNos.iterator().next();
        JsonNode sheet = body(post("/api/mp/v1/orders/" + orderNo + "/pay", "{\"channel\":\"wechat_pay\"}", token))
                .get("clientParameters");
        String prepay = sheet.get("package").asString().substring("prepay_id=wx".length());
        assertThat(post(sandbox.url() + "/payments/" + prepay + "/approve", "", null).statusCode()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                "CONFIRMED".equals(body(get("/api/mp/v1/vaccination/bookings/" + booking, token)).get("state").asString()));

        var nurse = new org.citycard.health.vaccination.VaccinationAdmin.Staff("nurse-" + vaccine.substring(5), false);
        assertThat(vaccinationAdmin.assignStaff(CITY, nurse.username(), "hsg-chc")).isEmpty();
        var citizen = org.citycard.card.CitizenId.parse(body(get("/api/mp/v1/me", token)).get("id").asString()).orElseThrow();
        String code = ((org.citycard.health.HealthCards.CodeResult.Issued) healthCards.dynamicCode(citizen,
                java.util.UUID.fromString(card))).text();
        assertThat(desk.checkIn(nurse, "hsg-chc", code))
                .isInstanceOf(org.citycard.health.vaccination.Vaccination.Result.Done.class);
        // the price changes between the payment and the doctor's decision
        saveOneDose(vaccine, "带状疱疹疫苗", org.citycard.health.vaccination.Vaccine.Kind.SELF_PAID, 7_000);
        assertThat(desk.notGiven(nurse, java.util.UUID.fromString(booking),
                org.citycard.health.vaccination.ClinicDesk.NotGiven.DEFERRED))
                .isInstanceOf(org.citycard.health.vaccination.Vaccination.Result.Done.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                body(get("/api/mp/v1/orders/" + orderNo, token)).get("refundedFen").asLong() == 5_000);
        assertThat(body(get("/api/mp/v1/vaccination/bookings/" + booking, token)).get("state").asString())
                .isEqualTo("NOT_GIVEN");
        // the channel's notice of the refund found the refund written (it was asked for from inside a listener's
        // transaction, and came back before that committed: taken for a refund we never asked for, an alert)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> notifications
                .ofOrder(new org.citycard.payment.OrderNo(orderNo)).stream().anyMatch(n -> n.detail() != null
                        && n.detail().contains("refund") && n.verdict() != org.citycard.payment.Notifications.Verdict.DEFERRED));
        assertThat(notifications.ofOrder(new org.citycard.payment.OrderNo(orderNo)))
                .extracting(org.citycard.payment.Notifications.Received::verdict)
                .doesNotContain(org.citycard.payment.Notifications.Verdict.MISMATCH,
                        org.citycard.payment.Notifications.Verdict.REJECTED);
    }

    @Test
    void a_crowded_vaccine_is_booked_through_the_waiting_room_and_its_page_holds_no_vaadin_session() throws Exception {
        JsonNode vaccines = body(get("/api/mp/v1/vaccination/vaccines", null));
        boolean hpvQueues = false;
        for (JsonNode v : vaccines) {
            if (v.get("id").asString().equals("hpv-9")) {
                hpvQueues = v.get("waitingRoom").asBoolean();
            }
        }
        assertThat(hpvQueues).isTrue();
        String token = realNameCitizen();
        String card = body(post("/api/mp/v1/health-card/cards", "{\"relation\":\"SELF\"}", token)).get("id").asString();
        String slot = slot("hpv-9", "mch");
        var early = post("/api/mp/v1/vaccination/bookings", "{\"cardId\":\"" + card + "\",\"slotId\":\"" + slot + "\"}",
                token);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(body(early).get("code").asString()).isEqualTo("vaccination.not-admitted");
        assertThat(get("/api/mp/v1/vaccination/queue/hpv-9", token).statusCode()).isEqualTo(404);
        JsonNode place = body(post("/api/mp/v1/vaccination/queue/hpv-9", "", token));
        assertThat(place.get("number").asLong()).isPositive();
        assertThat(place.get("admitted").asBoolean()).as("the demo line lets its first fifty in at once").isTrue();
        // the line is the one of the demo opening (when the demo slots opened), which it says
        assertThat(java.time.Instant.parse(place.get("opensAt").asString())).isBefore(java.time.Instant.now());
        assertThat(body(post("/api/mp/v1/vaccination/queue/hpv-9", "", token)).get("number").asLong())
                .isEqualTo(place.get("number").asLong());
        assertThat(post("/api/mp/v1/vaccination/queue/hepb-adult", "", token).statusCode()).isEqualTo(404);
        var held = post("/api/mp/v1/vaccination/bookings", "{\"cardId\":\"" + card + "\",\"slotId\":\"" + slot + "\"}",
                token);
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);

        // the portal's waiting page is plain HTML: a visitor is asked to sign in, and no Vaadin session is made
        var page = get("/vaccination/queue/hpv-9", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("请先登录").doesNotContain("Vaadin");
        assertThat(page.headers().allValues("set-cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
        assertThat(get("/vaccination/queue/hepb-adult", null).statusCode()).isEqualTo(404);
    }

    /**
     * An opening's late tries: once the node has heard that a slot is full, a try for it is answered before the token
     * is looked at (whether a slot is full, anyone may read), with the endpoint's own problem, byte for byte; a caller
     * without a token still hears 401, a try for a slot with places, or a malformed one, still needs a good token, and
     * a place given back is offered again.
     */
    @Test
    void a_try_for_a_slot_known_full_is_answered_as_the_endpoint_would_before_the_token_is_looked_at() throws Exception {
        String vaccine = "full-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        saveOneDose(vaccine, "约满测试疫苗", org.citycard.health.vaccination.Vaccine.Kind.PROGRAMME, 0);
        LocalDate day = LocalDate.now(ChinaTime.ZONE).plusDays(3);
        vaccinationAdmin.addSlots(CITY, "hsg-chc", vaccine, day, day, java.util.List.<java.time.LocalTime[]>of(
                new java.time.LocalTime[] {java.time.LocalTime.of(8, 0), java.time.LocalTime.of(9, 0)},
                new java.time.LocalTime[] {java.time.LocalTime.of(9, 0), java.time.LocalTime.of(10, 0)}), 1,
                java.time.Instant.now().minusSeconds(60));
        JsonNode slots = body(get("/api/mp/v1/vaccination/slots?vaccine=" + vaccine + "&from=" + day + "&to=" + day, null));
        String full = slots.get(0).get("id").asString();
        String open = slots.get(1).get("id").asString();
        String first = realNameCitizen();
        String firstCard = body(post("/api/mp/v1/health-card/cards", "{\"relation\":\"SELF\"}", first)).get("id").asString();
        String second = realNameCitizen();
        String secondCard = body(post("/api/mp/v1/health-card/cards", "{\"relation\":\"SELF\"}", second)).get("id").asString();
        String tryFull = "{\"cardId\":\"" + secondCard + "\",\"slotId\":\"" + full + "\"}";
        var held = post("/api/mp/v1/vaccination/bookings", "{\"cardId\":\"" + firstCard + "\",\"slotId\":\"" + full + "\"}",
                first);
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);

        String forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJub2JvZHkifQ.";
        java.util.concurrent.Callable<java.net.http.HttpResponse<String>> forgedTry =
                () -> post("/api/mp/v1/vaccination/bookings", tryFull, forged);
        var endpoint = new java.util.concurrent.atomic.AtomicReference<java.net.http.HttpResponse<String>>();
        var early = new java.util.concurrent.atomic.AtomicReference<java.net.http.HttpResponse<String>>();
        // the node remembers a sell-out for a second from the last try that reached the database: try, then at once again
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            endpoint.set(post("/api/mp/v1/vaccination/bookings", tryFull, second));
            early.set(forgedTry.call());
            return early.get().statusCode() == 409;
        });
        assertThat(endpoint.get().statusCode()).isEqualTo(409);
        assertThat(body(endpoint.get()).get("code").asString()).isEqualTo("vaccination.full");
        assertThat(early.get().body()).isEqualTo(endpoint.get().body());
        var headers = new java.util.TreeMap<>(early.get().headers().map());
        var endpointHeaders = new java.util.TreeMap<>(endpoint.get().headers().map());
        headers.remove("date");
        endpointHeaders.remove("date");
        assertThat(headers).isEqualTo(endpointHeaders);

        // what the endpoint would answer otherwise goes on to it, and a made-up token is refused there: a type it does
        // not consume, another charset, an Accept it cannot answer (or with more types than Spring MVC sorts)
        for (String[] header : new String[][] {{"Content-Type", "application/*"}, {"Content-Type", "*/*"},
                {"Content-Type", "application/json; charset=IBM037"}, {"Accept", "application/problem+json"},
                {"Accept", "application/json;q=0, */*"}, {"Accept", java.util.stream.IntStream.range(0, 50)
                        .mapToObj(i -> "text/x-" + i).collect(java.util.stream.Collectors.joining(", ")) + ", application/json"}}) {
            var odd = new java.util.concurrent.atomic.AtomicReference<java.net.http.HttpResponse<String>>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                post("/api/mp/v1/vaccination/bookings", tryFull, second);
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/mp/v1/vaccination/bookings")))
                        .header("Authorization", "Bearer " + forged).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(tryFull));
                odd.set(http.send(request.setHeader(header[0], header[1]).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()));
                return forgedTry.call().statusCode() == 409; // the sell-out was known all along
            });
            assertThat(odd.get().statusCode()).as(String.join(": ", header)).isEqualTo(401);
        }
        // no token at all: 401 as everywhere; a try for the slot with a place left, or one the endpoint would refuse
        // for its body, needs a good token
        assertThat(post("/api/mp/v1/vaccination/bookings", tryFull, null).statusCode()).isEqualTo(401);
        assertThat(post("/api/mp/v1/vaccination/bookings", "{\"cardId\":\"" + secondCard + "\",\"slotId\":\"" + open
                + "\"}", forged).statusCode()).isEqualTo(401);
        assertThat(post("/api/mp/v1/vaccination/bookings", "{\"cardId\":\"x\",\"slotId\":\"" + full + "\"}", forged)
                .statusCode()).isEqualTo(401);
        assertThat(post("/api/mp/v1/vaccination/bookings", "{\"cardId\":1,\"slotId\":\"" + full + "\"}", second)
                .statusCode()).isEqualTo(400);
        assertThat(post("/api/mp/v1/vaccination/bookings", "{\"cardId\":\"" + secondCard + "\",\"slotId\":\"" + full
                + "\",\"slotId\":\"" + open + "\"}", second).statusCode()).isEqualTo(400);

        // the place comes back: it is offered again at once
        assertThat(delete("/api/mp/v1/vaccination/bookings/" + body(held).get("id").asString(), first).statusCode())
                .isEqualTo(200);
        var again = post("/api/mp/v1/vaccination/bookings", tryFull, second);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
    }

    @Test
    void bad_input_gets_problem_json_and_booking_needs_signing_in() throws Exception {
        assertThat(get("/api/mp/v1/vaccination/slots?vaccine=hepb-adult&from=2026-13-01&to=2026-12-31", null)
                .statusCode()).isEqualTo(400);
        assertThat(get("/api/mp/v1/vaccination/slots?vaccine=hepb-adult&from=2026-12-01&to=2027-06-01", null)
                .statusCode()).isEqualTo(400);
        assertThat(get("/api/mp/v1/vaccination/slots?vaccine=nope&from=2026-12-01&to=2026-12-02", null).statusCode())
                .isEqualTo(404);
        // the last days a date can name: a problem, not arithmetic that overflows into a 500
        var edge = get("/api/mp/v1/vaccination/slots?vaccine=hepb-adult&from=%2B999999999-12-01&to=%2B999999999-12-31", null);
        assertThat(edge.statusCode()).isEqualTo(400);
        assertThat(edge.body()).contains("between 2000 and 2199");
        assertThat(post("/api/mp/v1/vaccination/bookings", "{}", null).statusCode()).isEqualTo(401);
        String token = realNameCitizen();
        assertThat(post("/api/mp/v1/vaccination/bookings", "{\"cardId\":\"x\",\"slotId\":\"y\"}", token).statusCode())
                .isEqualTo(404);
        assertThat(post("/api/mp/v1/vaccination/bookings", "not json", token).statusCode()).isEqualTo(400);
        var empty = post("/api/mp/v1/vaccination/bookings", "{}", token);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(body(empty).get("parameter").asString()).isEqualTo("slotId");
        assertThat(get("/api/mp/v1/vaccination/eligibility?vaccine=nope", token).statusCode()).isEqualTo(404);
        // a known address asked the wrong way says so (it was "nothing at this address")
        var wrongMethod = put("/api/mp/v1/vaccination/bookings", "{}", token);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValueSatisfying(a -> assertThat(a).contains("POST", "GET"));
        assertThat(body(wrongMethod).get("code").asString()).isEqualTo("request.method-not-allowed");
        var notJson = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/mp/v1/vaccination/bookings")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("slot")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(notJson.statusCode()).isEqualTo(415);
        assertThat(body(notJson).get("code").asString()).isEqualTo("request.unsupported-media-type");
        var xml = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/mp/v1/vaccination/bookings")))
                .header("Authorization", "Bearer " + token).header("Accept", "application/xml").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(xml.statusCode()).isEqualTo(406);
        assertThat(get("/api/mp/v1/vaccination/nothing-here", token).statusCode()).isEqualTo(404);
        // an address outside the citizen's API is not there for them either (it was "forbidden")
        assertThat(get("/api/mp/v2/me", token).statusCode()).isEqualTo(404);
        assertThat(get("/api/x", token).statusCode()).isEqualTo(404);
        // what anyone may GET, anyone may HEAD
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/mp/v1/vaccination/clinics")))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        assertThat(post("/api/mp/v1/vaccination/bookings/nope/confirm", "", token).statusCode()).isEqualTo(404);
        assertThat(get("/api/mp/v1/vaccination/certificates", token).statusCode()).isEqualTo(200);
        var unknown = get("/api/mp/v1/vaccination/certificates/check/" + "0".repeat(32) + "?s=1.abc", null);
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(body(unknown).get("genuine").asBoolean()).isFalse();
        var odd = get("/api/mp/v1/vaccination/certificates/check/..%2F..%2Fetc", null);
        assertThat(odd.statusCode()).isIn(200, 400, 404);
        assertThat(odd.body()).doesNotContain("\"genuine\":true");
    }
}
