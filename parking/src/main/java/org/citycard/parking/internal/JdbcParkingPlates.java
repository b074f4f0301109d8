package org.citycard.parking.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.parking.ParkingPlates;
import org.citycard.parking.Plate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plates in {@code parking_plate}: the held plate's {@code owner_key} is unique (one owner per plate, on H2 and
 * PostgreSQL alike), a citizen's {@code citizen_key} too (each plate once per citizen). Every read names the
 * citizen.
 */
@Service
class JdbcParkingPlates implements ParkingPlates {

    private static final String COLUMNS = "id, plate, colour, state, seamless, seamless_cap, bound_at";

    private final JdbcClient jdbc;
    private final org.citycard.card.privacy.PersonalDataProtection privacy;
    private final Clock clock = Clock.systemUTC();

    JdbcParkingPlates(JdbcClient jdbc, org.citycard.card.privacy.PersonalDataProtection privacy) {
        this.jdbc = jdbc;
        this.privacy = privacy;
    }

    @Override
    @Transactional
    public LicenceResult uploadLicence(CitizenId citizen, UUID plateId, byte[] image) {
        Optional<String> state = jdbc.sql("select state from parking_plate where id = :id and citizen_id = :c")
                .param("id", plateId).param("c", citizen.value()).query(String.class).optional();
        if (state.isEmpty()) {
            return LicenceResult.UNKNOWN_PLATE;
        }
        if (!"PENDING_REVIEW".equals(state.get())) {
            return LicenceResult.NOT_CLAIMED;
        }
        if (image == null || image.length > MAX_LICENCE_BYTES) {
            return LicenceResult.TOO_LARGE;
        }
        Optional<String> type = mediaType(image);
        if (type.isEmpty()) {
            return LicenceResult.NOT_AN_IMAGE;
        }
        byte[] sealed = privacy.encryptBytes(org.citycard.card.privacy.PersonalDataProtection.Field.VEHICLE_LICENCE, image);
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.sql("update parking_licence set media_type = :t, document = :d, uploaded_at = :now where plate_id = :id")
                .param("t", type.get()).param("d", sealed).param("now", now).param("id", plateId).update() == 0) {
            jdbc.sql("""
                            insert into parking_licence (plate_id, media_type, document, uploaded_at)
                            values (:id, :t, :d, :now)""")
                    .param("t", type.get()).param("d", sealed).param("now", now).param("id", plateId).update();
        }
        return LicenceResult.STORED;
    }

    /** JPEG or PNG by their first bytes (what the file says it is does not count). */
    private static Optional<String> mediaType(byte[] image) {
        if (image.length > 3 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8 && (image[2] & 0xff) == 0xff) {
            return Optional.of("image/jpeg");
        }
        if (image.length > 8 && (image[0] & 0xff) == 0x89 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G') {
            return Optional.of("image/png");
        }
        return Optional.empty();
    }

    /** A claim's licence for staff: its media type and the image; empty when none was uploaded. */
    Optional<Map.Entry<String, byte[]>> licence(UUID plateId) {
        return jdbc.sql("select media_type, document from parking_licence where plate_id = :id").param("id", plateId)
                .query((rs, n) -> Map.entry(rs.getString(1), privacy.decryptBytes(
                        org.citycard.card.privacy.PersonalDataProtection.Field.VEHICLE_LICENCE, rs.getBytes(2))))
                .optional();
    }

    /** Deletes the licences decided more than 90 days ago; how many. */
    int forgetLicences(Instant now) {
        return jdbc.sql("delete from parking_licence where decided_at < :before")
                .param("before", Timestamp.from(now.minus(java.time.Duration.ofDays(90)))).update();
    }

    @Override
    @Transactional
    public Result bind(CitizenId citizen, String typed, Plate.Colour colour) {
        Optional<Plate> plate = Plate.parse(typed, colour);
        if (plate.isEmpty()) {
            return new Result.Refused(Problem.BAD_PLATE);
        }
        String text = plate.get().text();
        // the citizen's rows are serialized: two binds at once cannot both pass the count
        jdbc.sql("insert into parking_driver (citizen_id) values (:c) on conflict do nothing").param("c", citizen.value())
                .update();
        jdbc.sql("select citizen_id from parking_driver where citizen_id = :c for update").param("c", citizen.value())
                .query(UUID.class).single();
        List<BoundPlate> mine = plates(citizen);
        if (mine.stream().anyMatch(p -> p.plate().text().equals(text))) {
            return new Result.Refused(Problem.ALREADY_BOUND);
        }
        if (mine.size() >= MAX_PLATES) {
            return new Result.Refused(Problem.TOO_MANY_PLATES);
        }
        boolean held = jdbc.sql("select count(*) from parking_plate where owner_key = :p").param("p", text)
                .query(Long.class).single() > 0;
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into parking_plate (id, citizen_id, plate, colour, state, owner_key, citizen_key, bound_at)
                        values (:id, :c, :plate, :colour, :state, :owner, :mine, :now)""")
                .param("id", id).param("c", citizen.value()).param("plate", text).param("colour", colour.name())
                .param("state", held ? "PENDING_REVIEW" : "ACTIVE").param("owner", held ? null : text)
                .param("mine", citizen.value() + "/" + text).param("now", Timestamp.from(now)).update();
        BoundPlate bound = new BoundPlate(id, plate.get(), held ? "PENDING_REVIEW" : "ACTIVE", false, 0, now);
        return held ? new Result.Claimed(bound) : new Result.Bound(bound);
    }

    @Override
    public boolean unbind(CitizenId citizen, UUID plateId) {
        return jdbc.sql("""
                        update parking_plate set state = 'REMOVED', owner_key = null, citizen_key = null, ended_at = :now
                        where id = :id and citizen_id = :c and state in ('ACTIVE', 'PENDING_REVIEW')""")
                .param("now", Timestamp.from(clock.instant())).param("id", plateId).param("c", citizen.value())
                .update() == 1;
    }

    @Override
    public boolean setSeamless(CitizenId citizen, UUID plateId, boolean on, long capFen) {
        if (on && (capFen < 1 || capFen > MAX_SEAMLESS_CAP_FEN)) {
            return false;
        }
        return jdbc.sql("""
                        update parking_plate set seamless = :on, seamless_cap = :cap
                        where id = :id and citizen_id = :c and state = 'ACTIVE'""")
                .param("on", on).param("cap", on ? capFen : 0).param("id", plateId).param("c", citizen.value())
                .update() == 1;
    }

    /** The holder of a plate who pays its stays seamlessly, and up to how much. */
    java.util.Optional<Seamless> seamless(String plate) {
        return jdbc.sql("select citizen_id, seamless_cap from parking_plate where owner_key = :p and seamless")
                .param("p", plate).query((rs, n) -> new Seamless(new CitizenId(rs.getObject(1, UUID.class)), rs.getLong(2)))
                .optional();
    }

    record Seamless(CitizenId citizen, long capFen) {
    }

    @Override
    public List<BoundPlate> plates(CitizenId citizen) {
        return jdbc.sql("select " + COLUMNS + " from parking_plate where citizen_id = :c"
                        + " and state in ('ACTIVE', 'PENDING_REVIEW') order by bound_at")
                .param("c", citizen.value())
                .query((rs, n) -> new BoundPlate(rs.getObject("id", UUID.class), new Plate(rs.getString("plate"),
                        Plate.Colour.valueOf(rs.getString("colour"))), rs.getString("state"), rs.getBoolean("seamless"),
                        rs.getLong("seamless_cap"), rs.getTimestamp("bound_at").toInstant()))
                .list();
    }

    /** The plates the citizen holds (whose stays are theirs). */
    List<String> held(CitizenId citizen) {
        return jdbc.sql("select plate from parking_plate where citizen_id = :c and state = 'ACTIVE'")
                .param("c", citizen.value()).query(String.class).list();
    }
}
