package org.citycard.health.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.citycard.card.CitizenId;
import org.citycard.health.HealthCharges;
import org.citycard.health.HealthProblem;
import org.citycard.health.HospitalDesk;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentEnded;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.PaymentSucceeded;
import org.citycard.payment.Purpose;
import org.citycard.payment.Refunds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Charges in {@code health_charge}; payments through the payment module for {@value HealthCharges#PURPOSE}, the
 * charge's id as the reference. The order under way is claimed with a guarded update ({@code order_no is null}), so
 * two phones cannot start two at once; the charge is paid with a guarded update from DUE, so a second success (or
 * one after the hospital cancelled) changes nothing and is refunded in full.
 */
@Service
class JdbcHealthCharges implements HealthCharges, org.citycard.payment.RefundPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcHealthCharges.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern ITEM = Pattern.compile("[\\p{IsHan}A-Za-z0-9 ·()（）/%.,，×x*+-]{1,40}");
    private static final String ACTOR = "health";
    private static final String COLUMNS = "h.id, h.card_id, c.name_masked, h.hospital, h.hospital_ref, h.kind, h.amount, "
            + "h.items, h.state, h.order_no, h.created_at, h.paid_at";

    private final JdbcClient jdbc;
    private final PaymentOrders orders;
    private final ObjectProvider<Refunds> refunds;
    private final Map<String, HospitalDesk.Hospital> hospitals;
    private final Clock clock = Clock.systemUTC();

    JdbcHealthCharges(JdbcClient jdbc, PaymentOrders orders, ObjectProvider<Refunds> refunds, HealthProperties properties) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.refunds = refunds;
        this.hospitals = properties.hospitalsByClient();
    }

    private Charge charge(ResultSet rs) throws SQLException {
        HospitalDesk.Hospital h = hospitals.get(rs.getString("hospital"));
        return new Charge(rs.getString("id"), rs.getObject("card_id", UUID.class), rs.getString("name_masked"),
                h == null ? rs.getString("hospital") : h.name(), rs.getString("hospital_ref"),
                Kind.valueOf(rs.getString("kind")), rs.getLong("amount"),
                JSON.readValue(rs.getString("items"), new TypeReference<List<Item>>() { }),
                State.valueOf(rs.getString("state")), rs.getString("order_no") != null,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("paid_at") == null ? null : rs.getTimestamp("paid_at").toInstant());
    }

    @Override
    public Posted post(HospitalDesk.Hospital hospital, UUID visitId, String hospitalRef, Kind kind, List<Item> items) {
        if (hospitalRef == null || !REFERENCE.matcher(hospitalRef).matches() || kind == null || items == null
                || items.isEmpty() || items.size() > MAX_ITEMS || items.stream().anyMatch(i -> i == null
                || i.name() == null || !ITEM.matcher(i.name().strip()).matches() || i.amountFen() < 1
                || i.amountFen() > MAX_ITEM_FEN)) {
            return new Posted.Refused(HealthProblem.BAD_CHARGE);
        }
        List<Item> clean = items.stream().map(i -> new Item(i.name().strip(), i.amountFen())).toList();
        long amount = clean.stream().mapToLong(Item::amountFen).sum();
        if (amount > org.citycard.payment.PaymentOrders.MAX_AMOUNT_FEN) { // more than the phone can pay in one order
            return new Posted.Refused(HealthProblem.BAD_CHARGE);
        }
        Optional<UUID> card = jdbc.sql("""
                        select card_id from health_visit where id = :v and hospital = :h and visited_at >= :since""")
                .param("v", visitId).param("h", hospital.clientId())
                .param("since", Timestamp.from(clock.instant().minus(HospitalDesk.BIND_WITHIN)))
                .query(UUID.class).optional();
        Optional<Charge> existing = byReference(hospital, hospitalRef);
        if (existing.isPresent()) {
            return same(existing.get(), card, kind, clean) ? new Posted.Existing(existing.get())
                    : new Posted.Refused(HealthProblem.CHARGE_CONFLICT);
        }
        if (card.isEmpty()) {
            return new Posted.Refused(HealthProblem.UNKNOWN_VISIT);
        }
        String id = "HC" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase(java.util.Locale.ROOT);
        try {
            jdbc.sql("""
                            insert into health_charge (id, card_id, visit_id, hospital, hospital_ref, kind, amount, items,
                                                       state, created_at)
                            values (:id, :card, :visit, :h, :ref, :kind, :amount, :items, 'DUE', :now)""")
                    .param("id", id).param("card", card.get()).param("visit", visitId).param("h", hospital.clientId())
                    .param("ref", hospitalRef).param("kind", kind.name()).param("amount", amount)
                    .param("items", JSON.writeValueAsString(clean)).param("now", Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            // the same reference posted twice at once: the first one stands
            Charge first = byReference(hospital, hospitalRef).orElseThrow();
            return same(first, card, kind, clean) ? new Posted.Existing(first)
                    : new Posted.Refused(HealthProblem.CHARGE_CONFLICT);
        }
        return new Posted.Created(charge(hospital, id).orElseThrow());
    }

    private static boolean same(Charge c, Optional<UUID> card, Kind kind, List<Item> items) {
        return card.map(c.cardId()::equals).orElse(true) && c.kind() == kind && c.items().equals(items);
    }

    private Optional<Charge> byReference(HospitalDesk.Hospital hospital, String reference) {
        return jdbc.sql("select " + COLUMNS + " from health_charge h join health_card c on c.id = h.card_id "
                        + "where h.hospital = :h and h.hospital_ref = :ref")
                .param("h", hospital.clientId()).param("ref", reference).query((rs, n) -> charge(rs)).optional();
    }

    @Override
    public Optional<Charge> charge(HospitalDesk.Hospital hospital, String id) {
        return jdbc.sql("select " + COLUMNS + " from health_charge h join health_card c on c.id = h.card_id "
                        + "where h.id = :id and h.hospital = :h")
                .param("id", id).param("h", hospital.clientId()).query((rs, n) -> charge(rs)).optional();
    }

    @Override
    public Optional<Charge> charge(CitizenId holder, String id) {
        return jdbc.sql("select " + COLUMNS + " from health_charge h join health_card c on c.id = h.card_id "
                        + "where h.id = :id and c.holder_id = :holder")
                .param("id", id).param("holder", holder.value()).query((rs, n) -> charge(rs)).optional();
    }

    @Override
    public Optional<HealthProblem> cancel(HospitalDesk.Hospital hospital, String id) {
        if (charge(hospital, id).isEmpty()) {
            return Optional.of(HealthProblem.UNKNOWN_CHARGE);
        }
        int cancelled = jdbc.sql("update health_charge set state = 'CANCELLED' where id = :id and hospital = :h and state = 'DUE'")
                .param("id", id).param("h", hospital.clientId()).update();
        return cancelled == 1 ? Optional.empty() : Optional.of(HealthProblem.NOT_DUE);
    }

    @Override
    public List<Charge> charges(CitizenId holder, int limit) {
        return jdbc.sql("select " + COLUMNS + " from health_charge h join health_card c on c.id = h.card_id "
                        + "where c.holder_id = :holder "
                        + "order by case when h.state = 'DUE' then 0 else 1 end, h.created_at desc limit :limit")
                .param("holder", holder.value()).param("limit", Math.max(1, Math.min(limit, 200)))
                .query((rs, n) -> charge(rs)).list();
    }

    @Override
    public Start start(CitizenId holder, String chargeId, String idempotencyKey) {
        Optional<Charge> charge = chargeId == null ? Optional.empty() : charge(holder, chargeId);
        if (charge.isEmpty()) {
            return new Start.Refused(HealthProblem.UNKNOWN_CHARGE);
        }
        if (charge.get().state() != State.DUE) {
            return new Start.Refused(HealthProblem.NOT_DUE);
        }
        String underWay = jdbc.sql("select order_no from health_charge where id = :id").param("id", chargeId)
                .query(String.class).optional().orElse(null);
        if (underWay != null) {
            Optional<PaymentOrder> order = orders.find(holder, new OrderNo(underWay));
            if (order.isPresent() && order.get().state().open()) {
                return new Start.Existing(order.get());
            }
            if (order.isEmpty()) {
                return new Start.Refused(HealthProblem.PAYMENT_IN_PROGRESS);
            }
            // ended without paying: let a new one start
            jdbc.sql("update health_charge set order_no = null where id = :id and order_no = :o")
                    .param("id", chargeId).param("o", underWay).update();
        }
        PaymentOrder order = switch (orders.create(holder, new Purpose(PURPOSE, chargeId), charge.get().amountFen(),
                subject(charge.get()), "health:" + chargeId + ":" + (idempotencyKey == null ? "" : idempotencyKey))) {
            case PaymentOrders.Creation.Created created -> created.order();
            case PaymentOrders.Creation.Existing existing -> existing.order();
            case PaymentOrders.Creation.Refused refused ->
                    throw new IllegalStateException("the payment module refused a health order: " + refused.problem());
        };
        int claimed = jdbc.sql("update health_charge set order_no = :o where id = :id and state = 'DUE' and order_no is null")
                .param("o", order.no().value()).param("id", chargeId).update();
        if (claimed == 0) {
            String now = jdbc.sql("select order_no from health_charge where id = :id").param("id", chargeId)
                    .query(String.class).optional().orElse(null);
            if (order.no().value().equals(now)) {
                return new Start.Existing(order); // a second tap at once, same key: the first one's order
            }
            // another tap at once under another key claimed it first: its order, while it can be paid
            Optional<PaymentOrder> first = now == null ? Optional.empty() : orders.find(holder, new OrderNo(now))
                    .filter(o -> o.state().open());
            return first.<Start>map(Start.Existing::new).orElse(new Start.Refused(HealthProblem.PAYMENT_IN_PROGRESS));
        }
        return new Start.Created(order);
    }

    private static String subject(Charge c) {
        return switch (c.kind()) {
            case CONSULTATION -> "诊查费 ";
            case PHARMACY -> "药费 ";
            case EXAMINATION -> "检查费 ";
        } + c.hospitalName();
    }

    @ApplicationModuleListener(id = "health.charge.paid", propagation = Propagation.REQUIRES_NEW)
    void on(PaymentSucceeded paid) {
        if (!PURPOSE.equals(paid.purpose().kind())) {
            return;
        }
        String id = paid.purpose().reference();
        int counted = jdbc.sql("""
                        update health_charge set state = 'PAID', paid_order = :o, order_no = null, paid_at = :now,
                               channel = :channel
                        where id = :id and state = 'DUE'""")
                .param("o", paid.order().value()).param("now", Timestamp.from(clock.instant()))
                .param("channel", paid.channel().name()).param("id", id).update();
        if (counted == 1) {
            return;
        }
        String paidWith = jdbc.sql("select paid_order from health_charge where id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
        if (paid.order().value().equals(paidWith)) {
            return; // the same payment heard again
        }
        // paid twice, or after the hospital withdrew the charge: the money goes back
        jdbc.sql("update health_charge set order_no = null where id = :id and order_no = :o").param("id", id)
                .param("o", paid.order().value()).update();
        Refunds.Result result = refunds.getObject().refund(paid.order(), paid.amountFen(),
                "自动退款 Automatic refund: charge " + id + " already paid or withdrawn", ACTOR);
        LOG.info("health charge {}: payment {} given back ({})", id, paid.order().value(), result.getClass().getSimpleName());
    }

    @ApplicationModuleListener(id = "health.charge.ended", propagation = Propagation.REQUIRES_NEW)
    void on(PaymentEnded ended) {
        if (!PURPOSE.equals(ended.purpose().kind())) {
            return;
        }
        jdbc.sql("update health_charge set order_no = null where id = :id and order_no = :o")
                .param("id", ended.purpose().reference()).param("o", ended.order().value()).update();
    }

    /**
     * The payment a charge was paid with stays paid: the hospital gave the care or the medicine for it (a mistake is
     * the hospital's to put right at its own desk). Other payments for a charge (twice, or after it was withdrawn) go
     * back, as this module gives them back itself.
     */
    @Override
    public Optional<String> refusal(PaymentOrder order, long amountFen, String refundNo) {
        if (!PURPOSE.equals(order.purpose().kind())) {
            return Optional.empty();
        }
        return jdbc.sql("select paid_order from health_charge where id = :id and state = 'PAID'")
                .param("id", order.purpose().reference()).query(String.class).optional()
                .filter(order.no().value()::equals).map(paidWith -> "health.charge-paid");
    }

    Instant now() {
        return clock.instant();
    }
}
