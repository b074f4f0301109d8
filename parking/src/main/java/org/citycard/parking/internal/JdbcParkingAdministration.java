package org.citycard.parking.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.citycard.kernel.FreeText;
import org.citycard.parking.GeoPoint;
import org.citycard.parking.Lot;
import org.citycard.parking.ParkingAdministration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Operators, their staff and lots in PostgreSQL (or H2), every change logged in {@code parking_change_log}. */
@Service
class JdbcParkingAdministration implements ParkingAdministration {

    private static final String ID = "[a-z0-9][a-z0-9-]{1,31}";
    private static final String USERNAME = "[A-Za-z0-9._-]{1,64}";

    private final JdbcClient jdbc;
    private final JdbcParkingLots lots;
    private final JdbcParkingSessions sessions;
    private final JdbcParkingPlates plates;
    private final Clock clock = Clock.systemUTC();

    JdbcParkingAdministration(JdbcClient jdbc, JdbcParkingLots lots, @org.springframework.context.annotation.Lazy
                              JdbcParkingSessions sessions, JdbcParkingPlates plates) {
        this.jdbc = jdbc;
        this.lots = lots;
        this.sessions = sessions;
        this.plates = plates;
    }

    @Override
    public List<Operator> operators(Staff staff) {
        Optional<String> own = staff.cityAdmin() ? Optional.empty() : operatorOf(staff.username());
        if (!staff.cityAdmin() && own.isEmpty()) {
            return List.of();
        }
        var spec = jdbc.sql("select id, name, enabled from parking_operator"
                + (staff.cityAdmin() ? "" : " where id = :own") + " order by name");
        own.ifPresent(o -> spec.param("own", o));
        return spec.query((rs, n) -> new Operator(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
    }

    @Override
    @Transactional
    public Result<Operator> saveOperator(Staff staff, Operator operator) {
        if (!staff.cityAdmin()) {
            return new Result.Refused<>(Problem.FORBIDDEN);
        }
        if (operator.id() == null || !operator.id().matches(ID)) {
            return new Result.Refused<>(Problem.BAD_ID);
        }
        String name = FreeText.lineOrNull(operator.name(), 60);
        if (name == null || name.isEmpty()) {
            return new Result.Refused<>(Problem.BAD_NAME);
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.sql("update parking_operator set name = :n, enabled = :e, changed_at = :now where id = :id")
                .param("n", name).param("e", operator.enabled()).param("now", now).param("id", operator.id()).update() == 0) {
            jdbc.sql("insert into parking_operator (id, name, enabled, changed_at) values (:id, :n, :e, :now)")
                    .param("n", name).param("e", operator.enabled()).param("now", now).param("id", operator.id()).update();
        }
        Operator saved = new Operator(operator.id(), name, operator.enabled());
        log("OPERATOR", saved.id(), staff, saved);
        lots.changed();
        return new Result.Done<>(saved);
    }

    @Override
    @Transactional
    public Result<String> setOperatorKey(Staff staff, String operatorId, String publicKey) {
        if (!staff.cityAdmin()) {
            return new Result.Refused<>(Problem.FORBIDDEN);
        }
        if (!exists("parking_operator", operatorId)) {
            return new Result.Refused<>(Problem.UNKNOWN_OPERATOR);
        }
        String key = publicKey == null ? "" : publicKey.replaceAll("\\s", "");
        try {
            if (key.length() > 1000 || !(SignedFeeds.publicKey(key) instanceof java.security.interfaces.RSAPublicKey rsa)
                    || rsa.getModulus().bitLength() < 2048) {
                return new Result.Refused<>(Problem.BAD_KEY);
            }
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return new Result.Refused<>(Problem.BAD_KEY);
        }
        jdbc.sql("update parking_operator set public_key = :k, changed_at = :now where id = :id").param("k", key)
                .param("now", Timestamp.from(clock.instant())).param("id", operatorId).update();
        log("KEY", operatorId, staff, java.util.Map.of("operator", operatorId, "keyLength", key.length()));
        return new Result.Done<>(operatorId);
    }

    @Override
    @Transactional
    public Result<String> assignStaff(Staff staff, String username, String operatorId) {
        if (!staff.cityAdmin()) {
            return new Result.Refused<>(Problem.FORBIDDEN);
        }
        if (username == null || !username.matches(USERNAME)) {
            return new Result.Refused<>(Problem.BAD_USERNAME);
        }
        if (!exists("parking_operator", operatorId)) {
            return new Result.Refused<>(Problem.UNKNOWN_OPERATOR);
        }
        if (jdbc.sql("update parking_operator_staff set operator_id = :o where username = :u")
                .param("o", operatorId).param("u", username).update() == 0) {
            jdbc.sql("insert into parking_operator_staff (username, operator_id) values (:u, :o)")
                    .param("o", operatorId).param("u", username).update();
        }
        log("STAFF", operatorId, staff, java.util.Map.of("username", username, "operator", operatorId));
        return new Result.Done<>(operatorId);
    }

    @Override
    public Optional<String> operatorOf(String username) {
        return jdbc.sql("select operator_id from parking_operator_staff where username = :u").param("u", username)
                .query(String.class).optional();
    }

    @Override
    public List<Lot> lots(Staff staff) {
        Optional<String> own = staff.cityAdmin() ? Optional.empty() : operatorOf(staff.username());
        if (!staff.cityAdmin() && own.isEmpty()) {
            return List.of();
        }
        var spec = jdbc.sql("select " + LotRows.COLUMNS + " from parking_lot"
                + (staff.cityAdmin() ? "" : " where operator_id = :own") + " order by operator_id, name");
        own.ifPresent(o -> spec.param("own", o));
        return spec.query((rs, n) -> LotRows.lot(rs)).list();
    }

    @Override
    @Transactional
    public Result<Lot> saveLot(Staff staff, Lot lot) {
        if (lot.id() == null || !lot.id().matches(ID)) {
            return new Result.Refused<>(Problem.BAD_ID);
        }
        if (!exists("parking_operator", lot.operatorId())) {
            return new Result.Refused<>(Problem.UNKNOWN_OPERATOR);
        }
        Optional<String> current = jdbc.sql("select operator_id from parking_lot where id = :id").param("id", lot.id())
                .query(String.class).optional();
        if (!staff.cityAdmin()) {
            Optional<String> own = operatorOf(staff.username());
            // their own operator's lots only, and a lot stays with its operator
            if (own.isEmpty() || !own.get().equals(lot.operatorId()) || current.isPresent() && !current.get().equals(own.get())) {
                return new Result.Refused<>(Problem.FORBIDDEN);
            }
        }
        String name = FreeText.lineOrNull(lot.name(), 80);
        if (name == null || name.isEmpty()) {
            return new Result.Refused<>(Problem.BAD_NAME);
        }
        String address = FreeText.lineOrNull(lot.address(), 160);
        if (address == null || address.isEmpty()) {
            return new Result.Refused<>(Problem.BAD_ADDRESS);
        }
        if (lot.position() == null) {
            return new Result.Refused<>(Problem.BAD_POSITION);
        }
        if (lot.capacity() < 1 || lot.capacity() > 100_000 || lot.reserved() < 0 || lot.reserved() > lot.capacity()) {
            return new Result.Refused<>(Problem.BAD_CAPACITY);
        }
        if (lot.opensAt() == null || lot.closesAt() == null || lot.kind() == null || lot.exitWithoutEntry() == null) {
            return new Result.Refused<>(Problem.BAD_HOURS);
        }
        if (lot.feeRule() == null) {
            return new Result.Refused<>(Problem.BAD_FEE_RULE, List.of("feeRule"));
        }
        List<String> ruleProblems = new ArrayList<>(lot.feeRule().problems());
        if (!ruleProblems.isEmpty()) {
            return new Result.Refused<>(Problem.BAD_FEE_RULE, ruleProblems);
        }
        Lot saved = new Lot(lot.id(), lot.operatorId(), name, lot.kind(), address, lot.position(), lot.capacity(),
                lot.reserved(), lot.opensAt().withSecond(0).withNano(0), lot.closesAt().withSecond(0).withNano(0),
                lot.feeRule(), lot.exitWithoutEntry());
        Timestamp now = Timestamp.from(clock.instant());
        var values = new java.util.HashMap<String, Object>();
        values.put("id", saved.id());
        values.put("operator", saved.operatorId());
        values.put("name", saved.name());
        values.put("kind", saved.kind().name());
        values.put("address", saved.address());
        values.put("lat", saved.position().lat());
        values.put("lng", saved.position().lng());
        values.put("capacity", saved.capacity());
        values.put("reserved", saved.reserved());
        values.put("opens", saved.opensAt());
        values.put("closes", saved.closesAt());
        values.put("rule", LotRows.json(saved.feeRule()));
        values.put("exit", saved.exitWithoutEntry().name());
        values.put("now", now);
        if (current.isPresent()) {
            jdbc.sql("""
                            update parking_lot set operator_id = :operator, name = :name, kind = :kind, address = :address,
                                   lat = :lat, lng = :lng, capacity = :capacity, reserved = :reserved, opens_at = :opens,
                                   closes_at = :closes, fee_rule = :rule, exit_without_entry = :exit, changed_at = :now,
                                   occupied = least(occupied, :capacity)
                            where id = :id""").params(values).update();
        } else {
            jdbc.sql("""
                            insert into parking_lot (id, operator_id, name, kind, address, lat, lng, capacity, reserved,
                                                     opens_at, closes_at, fee_rule, exit_without_entry, changed_at)
                            values (:id, :operator, :name, :kind, :address, :lat, :lng, :capacity, :reserved, :opens,
                                    :closes, :rule, :exit, :now)""").params(values).update();
        }
        log("LOT", saved.id(), staff, saved);
        lots.changed();
        return new Result.Done<>(saved);
    }

    @Override
    @Transactional
    public Result<Integer> reportOccupied(Staff staff, String lotId, int occupied) {
        Optional<String> operator = jdbc.sql("select operator_id from parking_lot where id = :id").param("id", lotId)
                .query(String.class).optional();
        if (operator.isEmpty()) {
            return new Result.Refused<>(Problem.UNKNOWN_LOT);
        }
        if (!staff.cityAdmin() && !operator.equals(operatorOf(staff.username()))) {
            return new Result.Refused<>(Problem.FORBIDDEN);
        }
        int updated = jdbc.sql("""
                        update parking_lot set occupied = :o, occupied_at = :now where id = :id and :o >= 0 and :o <= capacity""")
                .param("o", occupied).param("now", Timestamp.from(clock.instant())).param("id", lotId).update();
        return updated == 1 ? new Result.Done<>(occupied) : new Result.Refused<>(Problem.BAD_CAPACITY);
    }

    @Override
    public List<org.citycard.parking.ParkingSession> anomalies(Staff staff, int limit) {
        Optional<String> own = staff.cityAdmin() ? Optional.empty() : operatorOf(staff.username());
        if (!staff.cityAdmin() && own.isEmpty()) {
            return List.of();
        }
        var spec = jdbc.sql("select s.id from parking_session s join parking_lot l on l.id = s.lot_id where s.state = 'ANOMALY'"
                + (staff.cityAdmin() ? "" : " and l.operator_id = :own") + " order by s.created_at limit :limit")
                .param("limit", limit);
        own.ifPresent(o -> spec.param("own", o));
        return spec.query(java.util.UUID.class).list().stream().map(sessions::session).flatMap(Optional::stream).toList();
    }

    @Override
    @Transactional
    public Result<org.citycard.parking.ParkingSession> resolve(Staff staff, java.util.UUID sessionId, long feeFen,
                                                               String reason) {
        Optional<org.citycard.parking.ParkingSession> session = sessions.session(sessionId);
        if (session.isEmpty()) {
            return new Result.Refused<>(Problem.UNKNOWN_SESSION);
        }
        Optional<String> operator = lots.lot(session.get().lotId()).map(Lot::operatorId);
        if (!staff.cityAdmin() && (operator.isEmpty() || !operator.equals(operatorOf(staff.username())))) {
            return new Result.Refused<>(Problem.FORBIDDEN);
        }
        if (feeFen < 0 || feeFen > org.citycard.parking.fees.FeeRule.MAX_FEN) {
            return new Result.Refused<>(Problem.BAD_FEE);
        }
        String why = FreeText.lineOrNull(reason, 200);
        if (why == null || why.isEmpty()) {
            return new Result.Refused<>(Problem.REASON_REQUIRED);
        }
        if (!sessions.decide(sessionId, feeFen)) {
            return new Result.Refused<>(Problem.NOT_WITH_STAFF);
        }
        log("SESSION", sessionId.toString().substring(0, 32), staff, java.util.Map.of("session", sessionId.toString(),
                "feeFen", feeFen, "reason", why));
        return new Result.Done<>(sessions.session(sessionId).orElseThrow());
    }

    @Override
    public Optional<Licence> licence(Staff staff, java.util.UUID claimId) {
        return staff.cityAdmin() ? plates.licence(claimId).map(l -> new Licence(l.getKey(), l.getValue())) : Optional.empty();
    }

    @Override
    public List<Claim> claims(Staff staff) {
        if (!staff.cityAdmin()) {
            return List.of();
        }
        return jdbc.sql("""
                        select c.id, c.plate, c.colour, c.bound_at,
                               (select h.bound_at from parking_plate h where h.owner_key = c.plate) as holder_since,
                               (select count(*) from parking_licence x where x.plate_id = c.id) as licences
                        from parking_plate c where c.state = 'PENDING_REVIEW' order by c.bound_at""")
                .query((rs, n) -> new Claim(rs.getObject("id", java.util.UUID.class), new org.citycard.parking.Plate(
                        rs.getString("plate"), org.citycard.parking.Plate.Colour.valueOf(rs.getString("colour"))),
                        rs.getTimestamp("bound_at").toInstant(), rs.getTimestamp("holder_since") == null ? null
                        : rs.getTimestamp("holder_since").toInstant(), rs.getInt("licences") > 0))
                .list();
    }

    @Override
    @Transactional
    public Result<Claim> decideClaim(Staff staff, java.util.UUID claimId, boolean grant, String reason) {
        if (!staff.cityAdmin()) {
            return new Result.Refused<>(Problem.FORBIDDEN);
        }
        String why = FreeText.lineOrNull(reason, 200);
        if (why == null || why.isEmpty()) {
            return new Result.Refused<>(Problem.REASON_REQUIRED);
        }
        Optional<Claim> claim = claims(staff).stream().filter(c -> c.id().equals(claimId)).findFirst();
        if (claim.isEmpty()) {
            return new Result.Refused<>(Problem.UNKNOWN_CLAIM);
        }
        Timestamp now = Timestamp.from(clock.instant());
        String plate = claim.get().plate().text();
        if (grant) {
            jdbc.sql("""
                            update parking_plate set state = 'REMOVED', owner_key = null, citizen_key = null, seamless = false,
                                   ended_at = :now where owner_key = :p""").param("now", now).param("p", plate).update();
            jdbc.sql("update parking_plate set state = 'ACTIVE', owner_key = :p where id = :id and state = 'PENDING_REVIEW'")
                    .param("p", plate).param("id", claimId).update();
        } else {
            jdbc.sql("""
                            update parking_plate set state = 'REJECTED', citizen_key = null, ended_at = :now
                            where id = :id and state = 'PENDING_REVIEW'""").param("now", now).param("id", claimId).update();
        }
        jdbc.sql("update parking_licence set decided_at = :now where plate_id = :id").param("now", now)
                .param("id", claimId).update();
        log("CLAIM", plate, staff, java.util.Map.of("claim", claimId.toString(), "granted", grant, "reason", why));
        return new Result.Done<>(claim.get());
    }

    @Override
    @Transactional
    public Result<Pass> addPass(Staff staff, String lotId, String plate, org.citycard.parking.Plate.Colour colour,
                                java.time.LocalDate from, java.time.LocalDate until, int graceDays) {
        Optional<Lot> lot = lots.lot(lotId);
        if (lot.isEmpty()) {
            return new Result.Refused<>(Problem.UNKNOWN_LOT);
        }
        if (!staff.cityAdmin() && !Optional.of(lot.get().operatorId()).equals(operatorOf(staff.username()))) {
            return new Result.Refused<>(Problem.FORBIDDEN);
        }
        Optional<org.citycard.parking.Plate> parsed = org.citycard.parking.Plate.parse(plate, colour);
        if (parsed.isEmpty()) {
            return new Result.Refused<>(Problem.BAD_PLATE);
        }
        if (from == null || until == null || until.isBefore(from) || from.plusYears(1).isBefore(until)) {
            return new Result.Refused<>(Problem.BAD_DATES);
        }
        if (graceDays < 0 || graceDays > MAX_PASS_GRACE_DAYS) {
            return new Result.Refused<>(Problem.BAD_GRACE);
        }
        java.util.UUID id = java.util.UUID.randomUUID();
        jdbc.sql("""
                        insert into parking_pass (id, lot_id, plate, valid_from, valid_until, grace_days, created_by, created_at)
                        values (:id, :lot, :plate, :from, :until, :grace, :by, :now)""")
                .param("id", id).param("lot", lotId).param("plate", parsed.get().text()).param("from", from)
                .param("until", until).param("grace", graceDays).param("by", staff.username()).param("now", Timestamp.from(clock.instant())).update();
        Pass pass = new Pass(id, lotId, parsed.get().text(), from, until, graceDays);
        log("PASS", lotId, staff, pass);
        return new Result.Done<>(pass);
    }

    @Override
    public List<Pass> passes(Staff staff) {
        List<String> mine = lots(staff).stream().map(Lot::id).toList();
        if (mine.isEmpty()) {
            return List.of();
        }
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(org.citycard.kernel.ChinaTime.ZONE));
        return jdbc.sql("""
                        select id, lot_id, plate, valid_from, valid_until, grace_days from parking_pass
                        where lot_id in (:lots) and valid_until >= :since order by valid_until, plate""")
                .param("lots", mine)
                .param("since", today.minusDays(MAX_PASS_GRACE_DAYS))
                .query((rs, n) -> new Pass(rs.getObject(1, java.util.UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, java.time.LocalDate.class), rs.getObject(5, java.time.LocalDate.class),
                        rs.getInt(6)))
                .list().stream().filter(pass -> !pass.freeUntil().isBefore(today)).toList();
    }

    @Override
    public List<Occupancy> occupancy(Staff staff) {
        List<Lot> mine = lots(staff);
        java.util.Map<String, Integer> taken = new java.util.HashMap<>();
        jdbc.sql("select id, occupied from parking_lot").query(rs -> {
            taken.put(rs.getString(1), rs.getInt(2));
        });
        return mine.stream().map(l -> new Occupancy(l, taken.getOrDefault(l.id(), 0))).toList();
    }

    private boolean exists(String table, String id) {
        return id != null && jdbc.sql("select count(*) from " + table + " where id = :id").param("id", id)
                .query(Integer.class).single() > 0;
    }

    private void log(String type, String id, Staff staff, Object after) {
        String json = LotRows.json(after);
        jdbc.sql("""
                        insert into parking_change_log (target_type, target_id, changed_by, changed_at, after_json)
                        values (:t, :id, :by, :now, :json)""")
                .param("t", type).param("id", id).param("by", staff.username())
                .param("now", Timestamp.from(clock.instant())).param("json", json.length() > 4000 ? json.substring(0, 4000) : json)
                .update();
    }
}
