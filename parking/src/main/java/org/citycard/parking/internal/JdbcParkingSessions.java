package org.citycard.parking.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.parking.GateEvent;
import org.citycard.parking.Lot;
import org.citycard.parking.ParkingSession;
import org.citycard.parking.ParkingSessions;
import org.citycard.parking.Plate;
import org.citycard.parking.fees.FeeEngine;
import org.citycard.parking.fees.FeeEngine.Prior;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sessions in {@code parking_session}, made one event at a time. Each event is kept first ({@code on conflict do
 * nothing} on the operator's event id: the same event twice changes nothing); then the car's row in
 * {@code parking_presence} is locked, so that events of one car at one lot are applied one after another on any
 * node, whatever order they arrive in. Billing sets the fee only where none is set yet: each session once.
 */
@Service
class JdbcParkingSessions implements ParkingSessions {

    private static final String COLUMNS = "id, lot_id, plate, colour, entry_at, exit_at, state, anomaly, fee, billed_at, paid";
    /** An exit this close after a billed stay's exit, with no entry between, is the same exit again. */
    private static final Duration REPEAT = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final JdbcParkingLots lots;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    private final org.springframework.context.ApplicationEventPublisher events;

    JdbcParkingSessions(JdbcClient jdbc, JdbcParkingLots lots,
                        org.springframework.transaction.support.TransactionTemplate transactions,
                        org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.lots = lots;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public Outcome receive(GateEvent e) {
        return receiveAll(List.of(e)).getFirst();
    }

    @Override
    public List<Outcome> receiveAll(List<GateEvent> events) {
        // one transaction for the lot: the cars' locks taken in one order (lot, then plate) by every request, so
        // that two requests never wait for each other in a circle; a car's own events keep their order
        Integer[] order = new Integer[events.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing((Integer i) -> events.get(i).lotId())
                .thenComparing(i -> events.get(i).plate().text()));
        Outcome[] outcomes = new Outcome[events.size()];
        transactions.executeWithoutResult(tx -> {
            java.util.Map<String, Integer> occupancy = new java.util.TreeMap<>();
            for (int i : order) {
                outcomes[i] = apply(events.get(i), occupancy);
            }
            occupancy.forEach((lot, delta) -> {
                if (delta != 0) {
                    jdbc.sql("update parking_lot set occupied = least(capacity, greatest(0, occupied + :d)) where id = :id")
                            .param("d", delta).param("id", lot).update();
                }
            });
        });
        return List.of(outcomes);
    }

    private Outcome apply(GateEvent e, java.util.Map<String, Integer> occupancy) {
        Optional<Lot> lot = lots.lot(e.lotId());
        if (lot.isEmpty() || !lot.get().operatorId().equals(e.operatorId())) {
            return Outcome.REFUSED;
        }
        Instant now = clock.instant();
        lock(e.lotId(), e.plate().text());
        int kept = jdbc.sql("""
                        insert into parking_event (operator_id, event_id, lot_id, gate, direction, plate, colour, at, photo_ref,
                                                   received_at, outcome)
                        values (:op, :id, :lot, :gate, :dir, :plate, :colour, :at, :photo, :now, 'PENDING')
                        on conflict do nothing""")
                .param("op", e.operatorId()).param("id", e.eventId()).param("lot", e.lotId()).param("gate", e.gate())
                .param("dir", e.direction().name()).param("plate", e.plate().text())
                .param("colour", e.plate().colour().name()).param("at", Timestamp.from(e.at()))
                .param("photo", e.photoRef()).param("now", Timestamp.from(now)).update();
        if (kept == 0) {
            return Outcome.DUPLICATE;
        }
        Applied applied = e.direction() == GateEvent.Direction.ENTRY ? entry(lot.get(), e, now) : exit(lot.get(), e, now);
        if (applied.outcome() == Outcome.OPENED) {
            occupancy.merge(e.lotId(), 1, Integer::sum);
        } else if (applied.outcome() == Outcome.BILLED) {
            occupancy.merge(e.lotId(), -1, Integer::sum);
        }
        jdbc.sql("update parking_event set outcome = :o, session_id = :s where operator_id = :op and event_id = :id")
                .param("o", applied.outcome().name()).param("s", applied.session()).param("op", e.operatorId())
                .param("id", e.eventId()).update();
        return applied.outcome();
    }

    private record Applied(Outcome outcome, UUID session) {
    }

    private void lock(String lotId, String plate) {
        jdbc.sql("insert into parking_presence (lot_id, plate) values (:lot, :plate) on conflict do nothing")
                .param("lot", lotId).param("plate", plate).update();
        jdbc.sql("select lot_id from parking_presence where lot_id = :lot and plate = :plate for update")
                .param("lot", lotId).param("plate", plate).query(String.class).single();
    }

    private Applied entry(Lot lot, GateEvent e, Instant now) {
        String plate = e.plate().text();
        // an exit that waited for this entry (a gate back-filling late)
        Optional<Row> waiting = jdbc.sql("select " + COLUMNS + " from parking_session where lot_id = :lot and plate = :plate"
                        + " and state = 'AWAITING_ENTRY' and exit_at > :at order by exit_at limit 1")
                .param("lot", lot.id()).param("plate", plate).param("at", Timestamp.from(e.at()))
                .query((rs, n) -> row(rs)).optional();
        if (waiting.isPresent()) {
            jdbc.sql("update parking_session set entry_at = :at where id = :id").param("at", Timestamp.from(e.at()))
                    .param("id", waiting.get().id()).update();
            bill(lot, waiting.get().id(), e.plate(), e.at(), waiting.get().exitAt(), null, now);
            return new Applied(Outcome.JOINED_AND_BILLED, waiting.get().id());
        }
        Optional<Row> open = open(lot.id(), plate);
        if (open.isPresent()) {
            Instant openedAt = open.get().entryAt();
            if (openedAt.equals(e.at())) {
                return new Applied(Outcome.REPEATED, open.get().id());
            }
            if (openedAt.isBefore(e.at())) {
                // in again with the old stay still open: its exit was never seen
                toStaff(open.get().id(), ParkingSession.Anomaly.NEW_ENTRY_WHILE_OPEN);
                UUID id = insert(lot.id(), e.plate(), e.at(), null, ParkingSession.State.OPEN, null, null, now);
                return new Applied(Outcome.OPENED_OLD_TO_STAFF, id);
            }
            // an older entry, sent late, with no exit before the open stay began
            UUID id = insert(lot.id(), e.plate(), e.at(), null, ParkingSession.State.ANOMALY,
                    ParkingSession.Anomaly.NEW_ENTRY_WHILE_OPEN, null, now);
            return new Applied(Outcome.LATE_ENTRY_TO_STAFF, id);
        }
        UUID id = insert(lot.id(), e.plate(), e.at(), null, ParkingSession.State.OPEN, null, null, now);
        return new Applied(Outcome.OPENED, id);
    }

    private Applied exit(Lot lot, GateEvent e, Instant now) {
        String plate = e.plate().text();
        Optional<Row> open = open(lot.id(), plate);
        if (open.isPresent() && !open.get().entryAt().isAfter(e.at())) {
            jdbc.sql("update parking_session set exit_at = :at, open_key = null where id = :id")
                    .param("at", Timestamp.from(e.at())).param("id", open.get().id()).update();
            bill(lot, open.get().id(), e.plate(), open.get().entryAt(), e.at(), null, now);
            return new Applied(Outcome.BILLED, open.get().id());
        }
        // the same exit again: a stay that left shortly before (or after) with no entry since
        Optional<UUID> left = jdbc.sql("""
                        select id from parking_session where lot_id = :lot and plate = :plate and exit_at is not null
                        and exit_at between :from and :to order by exit_at desc limit 1""")
                .param("lot", lot.id()).param("plate", plate).param("from", Timestamp.from(e.at().minus(REPEAT)))
                .param("to", Timestamp.from(e.at().plus(REPEAT))).query(UUID.class).optional();
        if (left.isPresent()) {
            return new Applied(Outcome.REPEATED, left.get());
        }
        UUID id = insert(lot.id(), e.plate(), null, e.at(), ParkingSession.State.AWAITING_ENTRY, null,
                now.plus(LATE_ENTRY_GRACE), now);
        return new Applied(Outcome.AWAITING_ENTRY, id);
    }

    @Override
    @Transactional
    public int decideWaiting(Instant now) {
        List<Row> due = jdbc.sql("select " + COLUMNS + " from parking_session where state = 'AWAITING_ENTRY'"
                        + " and decide_after <= :now order by decide_after limit 500")
                .param("now", Timestamp.from(now)).query((rs, n) -> row(rs)).list();
        int decided = 0;
        for (Row r : due) {
            lock(r.lotId(), r.plate().text());
            Optional<Lot> lot = lots.lot(r.lotId());
            if (lot.isEmpty()) {
                continue;
            }
            if (lot.get().exitWithoutEntry() == Lot.ExitWithoutEntry.FIRST_PERIOD) {
                decided += setFee(r.id(), FeeEngine.firstPeriodFen(lot.get().feeRule(), r.plate().vehicle()),
                        ParkingSession.Anomaly.EXIT_WITHOUT_ENTRY, now) ? 1 : 0;
            } else {
                decided += jdbc.sql("""
                                update parking_session set state = 'ANOMALY', anomaly = 'EXIT_WITHOUT_ENTRY'
                                where id = :id and state = 'AWAITING_ENTRY'""").param("id", r.id()).update();
            }
        }
        return decided;
    }

    /**
     * Sets the stay's fee where none is set yet; false when it was billed before. The 24-hour cap is shared with the
     * car's earlier billed stays here whose window the entry falls in.
     */
    private boolean bill(Lot lot, UUID id, Plate plate, Instant entry, Instant exit, ParkingSession.Anomaly why,
                         Instant now) {
        // a monthly pass (and its grace days) covers the stay from its start: charged only after it
        Optional<Instant> passEnd = passEnd(lot.id(), plate.text(), entry);
        if (passEnd.isPresent()) {
            if (!exit.isAfter(passEnd.get())) {
                return setFee(id, 0, why, now);
            }
            entry = passEnd.get();
        }
        Prior prior = prior(lot.id(), plate.text(), id, entry);
        // paid before leaving: a car out within the lot's minutes to leave pays nothing more
        Instant covered = jdbc.sql("select covered_until from parking_session where id = :id").param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant)).single().orElse(null);
        if (covered != null && !exit.isAfter(covered.plus(Duration.ofMinutes(lot.feeRule().leaveMinutes())))) {
            exit = covered.isBefore(exit) ? covered : exit;
        }
        return setFee(id, FeeEngine.quote(lot.feeRule(), plate.vehicle(), entry, exit, prior).totalFen(), why, now);
    }

    private boolean setFee(UUID id, long fee, ParkingSession.Anomaly why, Instant now) {
        boolean set = jdbc.sql("""
                        update parking_session set fee = :fee, billed_at = :now, state = 'CLOSED', anomaly = :why,
                               open_key = null, decide_after = null
                        where id = :id and billed_at is null""")
                .param("fee", fee).param("now", Timestamp.from(now)).param("why", why == null ? null : why.name())
                .param("id", id).update() == 1;
        if (set && fee > 0) {
            // heard by seamless payment only: published (and kept in the event log) only for the plates that pay so
            Optional<ParkingSession> billed = session(id);
            if (billed.isPresent() && jdbc.sql("select count(*) from parking_plate where owner_key = :p and seamless")
                    .param("p", billed.get().plate().text()).query(Long.class).single() > 0) {
                events.publishEvent(new org.citycard.parking.ParkingSessionBilled(id, billed.get().lotId(),
                        billed.get().plate(), fee));
            }
        }
        return set;
    }

    /** The earliest billed stay of this car here in the 24 hours before the entry: its window and what it and later ones paid. */
    private Prior prior(String lotId, String plate, UUID self, Instant entry) {
        record Window(Instant start, long charged) {
        }
        Window w = jdbc.sql("""
                        select min(entry_at), coalesce(sum(fee), 0) from parking_session
                        where lot_id = :lot and plate = :plate and id <> :self and billed_at is not null
                        and entry_at > :from and entry_at <= :entry""")
                .param("lot", lotId).param("plate", plate).param("self", self)
                .param("from", Timestamp.from(entry.minus(Duration.ofHours(24)))).param("entry", Timestamp.from(entry))
                .query((rs, n) -> new Window(rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(),
                        rs.getLong(2))).single();
        return w.start() == null ? null : new Prior(w.start(), w.charged());
    }

    /**
     * When the pass covering an entry ends, grace days included (the start of the day after them, China time); empty
     * when no pass of the plate at the lot covers the entry.
     */
    private Optional<Instant> passEnd(String lotId, String plate, Instant entry) {
        java.time.LocalDate day = entry.atZone(org.citycard.kernel.ChinaTime.ZONE).toLocalDate();
        return jdbc.sql("""
                        select valid_until, grace_days from parking_pass where lot_id = :lot and plate = :plate
                        and valid_from <= :day and valid_until >= :since""")
                .param("lot", lotId).param("plate", plate).param("day", day)
                .param("since", day.minusDays(org.citycard.parking.ParkingAdministration.MAX_PASS_GRACE_DAYS))
                .query((rs, n) -> rs.getObject(1, java.time.LocalDate.class).plusDays(rs.getInt(2))).list().stream()
                .filter(last -> !last.isBefore(day)).max(java.util.Comparator.naturalOrder())
                .map(last -> last.plusDays(1).atStartOfDay(org.citycard.kernel.ChinaTime.ZONE).toInstant());
    }

    /** Staff decided a stay that waited for them: this fee, once; false when it is not waiting for staff. */
    boolean decide(UUID id, long fee) {
        Optional<ParkingSession> s = session(id);
        if (s.isEmpty() || s.get().state() != ParkingSession.State.ANOMALY) {
            return false;
        }
        lock(s.get().lotId(), s.get().plate().text());
        return setFee(id, fee, s.get().anomaly(), clock.instant());
    }

    /** An open stay's fee if it ended now (paying before leaving), the 24-hour cap shared as at the exit. */
    long feeSoFar(ParkingSession s, Instant now) {
        Optional<Lot> lot = lots.lot(s.lotId());
        if (lot.isEmpty() || s.entryAt() == null) {
            return 0;
        }
        Instant from = passEnd(s.lotId(), s.plate().text(), s.entryAt()).orElse(s.entryAt());
        if (!now.isAfter(from)) {
            return 0;
        }
        return FeeEngine.quote(lot.get().feeRule(), s.plate().vehicle(), from, now,
                prior(s.lotId(), s.plate().text(), s.id(), from)).totalFen();
    }

    private void toStaff(UUID id, ParkingSession.Anomaly why) {
        jdbc.sql("update parking_session set state = 'ANOMALY', anomaly = :why, open_key = null where id = :id")
                .param("why", why.name()).param("id", id).update();
    }

    private Optional<Row> open(String lotId, String plate) {
        return jdbc.sql("select " + COLUMNS + " from parking_session where open_key = :key")
                .param("key", lotId + "/" + plate).query((rs, n) -> row(rs)).optional();
    }

    private UUID insert(String lotId, Plate plate, Instant entry, Instant exit, ParkingSession.State state,
                        ParkingSession.Anomaly anomaly, Instant decideAfter, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into parking_session (id, lot_id, plate, colour, entry_at, exit_at, state, anomaly, open_key,
                                                     decide_after, created_at)
                        values (:id, :lot, :plate, :colour, :entry, :exit, :state, :anomaly, :key, :decide, :now)""")
                .param("id", id).param("lot", lotId).param("plate", plate.text()).param("colour", plate.colour().name())
                .param("entry", entry == null ? null : Timestamp.from(entry))
                .param("exit", exit == null ? null : Timestamp.from(exit)).param("state", state.name())
                .param("anomaly", anomaly == null ? null : anomaly.name())
                .param("key", state == ParkingSession.State.OPEN ? lotId + "/" + plate.text() : null)
                .param("decide", decideAfter == null ? null : Timestamp.from(decideAfter))
                .param("now", Timestamp.from(now)).update();
        return id;
    }

    @Override
    public Optional<ParkingSession> session(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from parking_session where id = :id").param("id", id)
                .query((rs, n) -> row(rs).session()).optional();
    }

    @Override
    public List<ParkingSession> ofPlate(Plate plate, int limit) {
        return jdbc.sql("select " + COLUMNS + " from parking_session where plate = :plate order by created_at desc limit :limit")
                .param("plate", plate.text()).param("limit", limit).query((rs, n) -> row(rs).session()).list();
    }

    private record Row(UUID id, String lotId, Plate plate, Instant entryAt, Instant exitAt, ParkingSession session) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        Plate plate = new Plate(rs.getString("plate"), Plate.Colour.valueOf(rs.getString("colour")));
        Instant entry = instant(rs, "entry_at");
        Instant exit = instant(rs, "exit_at");
        long fee = rs.getLong("fee");
        Long feeFen = rs.wasNull() ? null : fee;
        String anomaly = rs.getString("anomaly");
        UUID id = rs.getObject("id", UUID.class);
        return new Row(id, rs.getString("lot_id"), plate, entry, exit, new ParkingSession(id, rs.getString("lot_id"),
                plate, entry, exit, ParkingSession.State.valueOf(rs.getString("state")),
                anomaly == null ? null : ParkingSession.Anomaly.valueOf(anomaly), feeFen, instant(rs, "billed_at"),
                rs.getLong("paid")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
