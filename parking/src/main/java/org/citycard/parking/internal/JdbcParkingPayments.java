package org.citycard.parking.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.parking.Lot;
import org.citycard.parking.ParkingPayments;
import org.citycard.parking.ParkingSession;
import org.citycard.payment.PaymentEnded;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.PaymentSucceeded;
import org.citycard.payment.Purpose;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Paying for stays: a {@code parking_payment} row and an order for {@value ParkingPayments#PURPOSE} each, one awaited
 * per session at a time ({@code in_flight} unique). A paid order adds its amount to the session once (the row moves
 * from AWAITING to PAID once, however often the event comes); paid before leaving, it also covers the stay up to
 * when it was asked for.
 */
@Service
class JdbcParkingPayments implements ParkingPayments {

    private final JdbcClient jdbc;
    private final JdbcParkingPlates plates;
    private final JdbcParkingLots lots;
    private final JdbcParkingSessions sessions;
    private final PaymentOrders orders;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    JdbcParkingPayments(JdbcClient jdbc, JdbcParkingPlates plates, JdbcParkingLots lots, JdbcParkingSessions sessions,
                        PaymentOrders orders, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.plates = plates;
        this.lots = lots;
        this.sessions = sessions;
        this.orders = orders;
        this.transactions = transactions;
    }

    @Override
    public List<Stay> stays(CitizenId citizen, int limit) {
        List<String> held = plates.held(citizen);
        if (held.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = jdbc.sql("select id from parking_session where plate in (:plates) order by created_at desc limit :limit")
                .param("plates", held).param("limit", limit).query(UUID.class).list();
        // the held plates are read once for the list, not again for every stay in it
        return ids.stream().map(sessions::session).flatMap(Optional::stream).map(this::stayOf).toList();
    }

    @Override
    public Optional<Stay> stay(CitizenId citizen, UUID sessionId) {
        Optional<ParkingSession> session = sessions.session(sessionId);
        if (session.isEmpty() || !plates.held(citizen).contains(session.get().plate().text())) {
            return Optional.empty();
        }
        return Optional.of(stayOf(session.get()));
    }

    /** A session as its holder (or a payer at the lot) sees it: the lot's name, what is due now, a payment awaited. */
    private Stay stayOf(ParkingSession s) {
        boolean inProgress = jdbc.sql("select count(*) from parking_payment_part where in_flight = :s").param("s", s.id())
                .query(Long.class).single() > 0;
        return new Stay(s, lots.lot(s.lotId()).map(Lot::name).orElse(s.lotId()), due(s, clock.instant()), inProgress);
    }

    /** What paying now would cost: the fee so far for an open stay, the fee for a billed one; less what was paid. */
    private long due(ParkingSession s, Instant now) {
        return switch (s.state()) {
            case OPEN -> Math.max(0, sessions.feeSoFar(s, now) - s.paidFen());
            case CLOSED -> Math.max(0, s.feeFen() - s.paidFen());
            default -> 0;
        };
    }

    @Override
    public Optional<Stay> atLot(String lotId, org.citycard.parking.Plate plate) {
        return jdbc.sql("""
                        select id from parking_session where lot_id = :lot and plate = :plate and state in ('OPEN', 'CLOSED')
                        and (state = 'OPEN' or fee > paid) order by created_at desc limit 1""")
                .param("lot", lotId).param("plate", plate.text()).query(UUID.class).optional()
                .flatMap(sessions::session).map(this::stayOf)
                .filter(st -> st.dueFen() > 0 || st.paymentInProgress());
    }

    @Override
    public Start startAtLot(CitizenId citizen, String lotId, org.citycard.parking.Plate plate, String idempotencyKey) {
        Optional<Stay> stay = atLot(lotId, plate);
        return stay.isEmpty() ? new Start.Refused(Problem.UNKNOWN_SESSION) : start(citizen, stay.get(), idempotencyKey, false);
    }

    @Override
    public Start start(CitizenId citizen, UUID sessionId, String idempotencyKey) {
        Optional<Stay> stay = stay(citizen, sessionId);
        if (stay.isEmpty()) {
            return new Start.Refused(Problem.UNKNOWN_SESSION);
        }
        return start(citizen, stay.get(), idempotencyKey, true);
    }

    /** @param holder whether the citizen holds the plate (then its arrears are collected too) */
    private Start start(CitizenId citizen, Stay found, String idempotencyKey, boolean holder) {
        Optional<Stay> stay = Optional.of(found);
        UUID sessionId = found.session().id();
        ParkingSession s = stay.get().session();
        if (s.state() == ParkingSession.State.ANOMALY || s.state() == ParkingSession.State.AWAITING_ENTRY) {
            return new Start.Refused(Problem.WITH_STAFF);
        }
        if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7e]{1,64}")) {
            return new Start.Refused(Problem.KEY_REUSED);
        }
        record Awaited(String orderNo, long amount, UUID citizen) {
        }
        Optional<Awaited> awaited = jdbc.sql("select order_no, amount, citizen_id from parking_payment where in_flight = :s")
                .param("s", sessionId).query((rs, n) -> new Awaited(rs.getString(1), rs.getLong(2),
                        rs.getObject(3, UUID.class))).optional();
        if (awaited.isPresent()) {
            if (!awaited.get().citizen().equals(citizen.value()) || awaited.get().orderNo() == null) {
                return new Start.Refused(Problem.PAYMENT_IN_PROGRESS);
            }
            return orders.find(new org.citycard.payment.OrderNo(awaited.get().orderNo()))
                    .<Start>map(order -> new Start.Existing(order, awaited.get().amount()))
                    .orElse(new Start.Refused(Problem.PAYMENT_IN_PROGRESS));
        }
        Instant now = clock.instant();
        long due = due(s, now);
        if (due <= 0) {
            return new Start.Refused(Problem.NOTHING_DUE);
        }
        // the plate's arrears (other stays left unpaid, none awaited) are collected with this payment
        List<Stay> arrears = !holder ? List.of() : arrears(citizen).stream()
                .filter(a -> !a.session().id().equals(sessionId) && a.session().plate().equals(s.plate())
                        && !a.paymentInProgress()).toList();
        long total = due + arrears.stream().mapToLong(Stay::dueFen).sum();
        if (total > org.citycard.payment.PaymentOrders.MAX_AMOUNT_FEN) { // beyond one order: the operator's staff decide
            return new Start.Refused(Problem.WITH_STAFF);
        }
        String id = "PK" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase(java.util.Locale.ROOT);
        try {
            return transactions.execute(tx -> {
                jdbc.sql("""
                                insert into parking_payment (id, session_id, citizen_id, amount, covers_until, state, in_flight,
                                                             created_at)
                                values (:id, :s, :c, :amount, :covers, 'AWAITING', :s, :now)""")
                        .param("id", id).param("s", sessionId).param("c", citizen.value()).param("amount", total)
                        .param("covers", s.state() == ParkingSession.State.OPEN ? Timestamp.from(now) : null)
                        .param("now", Timestamp.from(now)).update();
                part(id, sessionId, due);
                arrears.forEach(a -> part(id, a.session().id(), a.dueFen()));
                PaymentOrder order = switch (orders.create(citizen, new Purpose(PURPOSE, id), total,
                        "停车费 " + stay.get().lotName(), idempotencyKey == null ? "parking:" + id : "parking:" + idempotencyKey)) {
                    case PaymentOrders.Creation.Created created -> created.order();
                    case PaymentOrders.Creation.Existing existing -> existing.order();
                    case PaymentOrders.Creation.Refused refused ->
                            throw new IllegalStateException("the payment module refused a parking order: " + refused.problem());
                };
                jdbc.sql("update parking_payment set order_no = :o where id = :id").param("o", order.no().value())
                        .param("id", id).update();
                return new Start.Created(order, total);
            });
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return new Start.Refused(Problem.PAYMENT_IN_PROGRESS);
        }
    }

    private void part(String payment, UUID session, long amount) {
        jdbc.sql("insert into parking_payment_part (payment_id, session_id, amount, in_flight) values (:p, :s, :a, :s)")
                .param("p", payment).param("s", session).param("a", amount).update();
    }

    /** Stays left unpaid: on-street, billed, something due, left more than {@link #ARREARS_AFTER} ago. */
    @Override
    public List<Stay> arrears(CitizenId citizen) {
        Instant before = clock.instant().minus(ARREARS_AFTER);
        return stays(citizen, 200).stream().filter(st -> st.dueFen() > 0
                && st.session().state() == ParkingSession.State.CLOSED && st.session().exitAt() != null
                && st.session().exitAt().isBefore(before)
                && lots.lot(st.session().lotId()).map(l -> l.kind() == Lot.Kind.ON_STREET).orElse(false)).toList();
    }

    /**
     * Reminds each holder of a plate with arrears, once a week per stay (the same week's reminder is sent once,
     * whichever node runs the job); how many reminders went.
     */
    int remindArrears(Instant now, org.citycard.messages.Messages messages) {
        record Owed(UUID session, UUID citizen, String plate, String lot, long due, Instant exit) {
        }
        List<Owed> owed = jdbc.sql("""
                        select s.id, p.citizen_id, s.plate, l.name, s.fee - s.paid, s.exit_at
                        from parking_session s join parking_lot l on l.id = s.lot_id
                        join parking_plate p on p.owner_key = s.plate
                        where s.state = 'CLOSED' and s.fee > s.paid and l.kind = 'ON_STREET' and s.exit_at < :before
                        and not exists (select 1 from parking_payment_part x where x.session_id = s.id and x.in_flight is not null)""")
                .param("before", Timestamp.from(now.minus(ARREARS_AFTER)))
                .query((rs, n) -> new Owed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getTimestamp(6).toInstant())).list();
        int sent = 0;
        for (Owed o : owed) {
            long week = java.time.Duration.between(o.exit(), now).toDays() / 7;
            String amount = org.citycard.kernel.Fen.of(o.due()).display();
            messages.send(new org.citycard.messages.Notice(new CitizenId(o.citizen()), org.citycard.messages.Topic.PARKING_DUE,
                    false, "停车欠费提醒", o.plate() + " 在" + o.lot() + "有停车欠费 " + amount + "，请在“我的停车”中缴纳，"
                    + "下次缴费时也会一并收取。", "Parking fee owed", o.plate() + " owes " + amount + " at " + o.lot()
                    + "; please pay it in My parking (it is also collected with your next payment).", "/me/parking",
                    "parking:arrears:" + o.session() + ":" + week));
            sent++;
        }
        return sent;
    }

    @ApplicationModuleListener(id = "parking.payment.paid", propagation = Propagation.REQUIRES_NEW)
    void on(PaymentSucceeded paid) {
        if (!PURPOSE.equals(paid.purpose().kind())) {
            return;
        }
        String id = paid.purpose().reference();
        record Paid(UUID session, long amount, Timestamp covers) {
        }
        Optional<Paid> row = jdbc.sql("select session_id, amount, covers_until from parking_payment where id = :id")
                .param("id", id).query((rs, n) -> new Paid(rs.getObject(1, UUID.class), rs.getLong(2), rs.getTimestamp(3)))
                .optional();
        if (row.isEmpty() || jdbc.sql("""
                        update parking_payment set state = 'PAID', in_flight = null, paid_at = :now, channel = :channel
                        where id = :id and state <> 'PAID'""")
                .param("now", Timestamp.from(clock.instant())).param("channel", paid.channel().name()).param("id", id)
                .update() == 0) {
            return; // unknown, or counted before
        }
        List<Map.Entry<UUID, Long>> parts = jdbc.sql("select session_id, amount from parking_payment_part where payment_id = :id")
                .param("id", id).query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2))).list();
        if (parts.isEmpty()) {
            parts = List.of(Map.entry(row.get().session(), row.get().amount()));
        }
        for (Map.Entry<UUID, Long> part : parts) {
            jdbc.sql("update parking_session set paid = paid + :amount where id = :s")
                    .param("amount", part.getValue()).param("s", part.getKey()).update();
        }
        jdbc.sql("update parking_payment_part set in_flight = null where payment_id = :id").param("id", id).update();
        if (row.get().covers() != null) {
            jdbc.sql("""
                            update parking_session set covered_until = :covers
                            where id = :s and (covered_until is null or covered_until < :covers)""")
                    .param("covers", row.get().covers()).param("s", row.get().session()).update();
        }
    }

    @ApplicationModuleListener(id = "parking.payment.ended", propagation = Propagation.REQUIRES_NEW)
    void on(PaymentEnded ended) {
        if (!PURPOSE.equals(ended.purpose().kind())) {
            return;
        }
        jdbc.sql("update parking_payment set state = 'ENDED', in_flight = null where id = :id and state = 'AWAITING'")
                .param("id", ended.purpose().reference()).update();
        jdbc.sql("update parking_payment_part set in_flight = null where payment_id = :id")
                .param("id", ended.purpose().reference()).update();
    }
}
