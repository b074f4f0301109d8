package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Finding parking through the mini-program API, without signing in: the demo lots near 黄石广场 nearest first with
 * free spaces and tariff, in GCJ-02 or from a WGS-84 position, one lot, a fee quote line by line, and bad input
 * refused with problem+json.
 */
class ParkingApiTest extends ApiTest {

    @Test
    void lots_near_a_place_come_nearest_first_with_free_spaces_and_tariff_for_anyone() throws Exception {
        var response = get("/api/mp/v1/parking/lots?lat=30.2006&lng=115.0389&radius=1000", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode lots = body(response);
        assertThat(lots.get(0).get("id").asString()).isEqualTo("hs-square");
        assertThat(lots.get(0).get("distanceMetres").asInt()).isZero();
        assertThat(lots.get(0).get("operatorName").asString()).isEqualTo("黄石城市停车");
        assertThat(lots.get(0).get("freeSpaces").asInt()).isBetween(0, lots.get(0).get("offered").asInt());
        assertThat(lots.get(0).get("tariff").get("capFen").asLong()).isEqualTo(4_000);
        int previous = -1;
        for (JsonNode lot : lots) {
            assertThat(lot.get("distanceMetres").asInt()).isBetween(previous, 1_000);
            previous = lot.get("distanceMetres").asInt();
        }
        // the same numbers as a WGS-84 position are a few hundred metres elsewhere
        JsonNode fromGps = body(get("/api/mp/v1/parking/lots?lat=30.2006&lng=115.0389&coords=wgs84&radius=1000", null));
        assertThat(fromGps.get(0).get("distanceMetres").asInt()).isPositive();

        JsonNode lot = body(get("/api/mp/v1/parking/lots/yiyang-road", null));
        assertThat(lot.get("kind").asString()).isEqualTo("ON_STREET");
        assertThat(lot.has("distanceMetres") && !lot.get("distanceMetres").isNull()).isFalse();
    }

    @Test
    void a_stay_is_quoted_line_by_line_with_the_caps_applied() throws Exception {
        JsonNode quote = body(get("/api/mp/v1/parking/lots/hs-square/quote?entry=2026-12-07T00:10:00Z"
                + "&exit=2026-12-07T11:45:00Z", null));
        // 08:10 to 19:45 China time: first hour, 22 half hours, cut by the ¥40 cap
        assertThat(quote.get("totalFen").asLong()).isEqualTo(4_000);
        assertThat(quote.get("lines").get(2).get("kind").asString()).isEqualTo("CAP");
        JsonNode green = body(get("/api/mp/v1/parking/lots/hs-square/quote?entry=2026-12-07T00:00:00Z"
                + "&exit=2026-12-07T01:30:00Z&newEnergy=true", null));
        assertThat(green.get("totalFen").asLong()).isEqualTo(350);
    }

    @Test
    void bad_input_is_refused_with_problem_json_naming_the_parameter() throws Exception {
        for (String query : new String[] {"lat=abc&lng=115", "lat=100&lng=115", "lat=NaN&lng=115", "lng=115",
                "lat=30.2&lng=115&radius=5", "lat=30.2&lng=115&radius=999999", "lat=30.2&lng=115&limit=0",
                "lat=30.2&lng=115&coords=bd09"}) {
            var refused = get("/api/mp/v1/parking/lots?" + query, null);
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
        }
        assertThat(get("/api/mp/v1/parking/lots/no-such-lot", null).statusCode()).isEqualTo(404);
        assertThat(get("/api/mp/v1/parking/lots/hs-square/quote?entry=yesterday&exit=2026-12-07T01:30:00Z", null)
                .statusCode()).isEqualTo(400);
        // the ends of time parse, and would overflow the fee's reckoning: refused as bad input, not a 500
        for (String edge : java.util.List.of("entry=%2B999999999-12-30T00:00:00Z&exit=%2B999999999-12-31T23:59:59Z",
                "entry=-1000000000-01-01T00:00:00Z&exit=-1000000000-01-01T01:00:00Z")) {
            var refused = get("/api/mp/v1/parking/lots/hs-square/quote?" + edge, null);
            assertThat(refused.statusCode()).as(edge).isEqualTo(400);
            assertThat(body(refused).get("code").asString()).isEqualTo("request.invalid-parameter");
        }
        var backwards = get("/api/mp/v1/parking/lots/hs-square/quote?entry=2026-12-07T02:00:00Z&exit=2026-12-07T01:00:00Z",
                null);
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(body(backwards).get("code").asString()).isEqualTo("parking.bad-stay");
        assertThat(get("/api/mp/v1/parking/lots/hs-square/quote?entry=2026-01-01T00:00:00Z&exit=2026-12-07T01:00:00Z", null)
                .statusCode()).isEqualTo(400);
        assertThat(get("/api/mp/v1/parking/lots/hs-square/quote?entry=2026-12-07T00:00:00Z&exit=2026-12-07T01:00:00Z"
                + "&size=HUGE", null).statusCode()).isEqualTo(400);
    }
}
