package org.citycard.parking.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;

import org.citycard.parking.GeoPoint;
import org.citycard.parking.Lot;
import org.citycard.parking.fees.FeeRule;

import tools.jackson.databind.json.JsonMapper;

/** Lots as {@code parking_lot} keeps them; the fee rule as JSON. */
final class LotRows {

    static final String COLUMNS = "id, operator_id, name, kind, address, lat, lng, capacity, reserved, opens_at, closes_at, "
            + "fee_rule, exit_without_entry";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LotRows() {
    }

    static Lot lot(ResultSet rs) throws SQLException {
        return new Lot(rs.getString("id"), rs.getString("operator_id"), rs.getString("name"),
                Lot.Kind.valueOf(rs.getString("kind")), rs.getString("address"),
                new GeoPoint(rs.getDouble("lat"), rs.getDouble("lng")), rs.getInt("capacity"), rs.getInt("reserved"),
                rs.getObject("opens_at", LocalTime.class), rs.getObject("closes_at", LocalTime.class),
                rule(rs.getString("fee_rule")), Lot.ExitWithoutEntry.valueOf(rs.getString("exit_without_entry")));
    }

    static FeeRule rule(String json) {
        return JSON.readValue(json, FeeRule.class);
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
