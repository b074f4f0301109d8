package org.citycard.bills.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.citycard.bills.BillPayment;
import org.citycard.bills.BillPaymentState;
import org.citycard.bills.BillPayments;
import org.citycard.bills.connector.BillerConnector;
import org.citycard.bills.connector.BillerConnector.WriteOffAnswer;
import org.citycard.card.CitizenId;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentEnded;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentSucceeded;
import org.citycard.payment.RefundFailed;
import org.citycard.payment.RefundPolicy;
import org.citycard.payment.RefundSucceeded;
import org.citycard.payment.Refunds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Fulfilment of bill payments: the write-off (销账) at the biller, exactly once. A paid order moves its payment to
 * "paid, awaiting write-off" with a guarded update (a repeated event finds it moved and does nothing) and asks the
 * biller at once, with the payment's id as our merchant order number, so that every retry is the same payment at
 * the biller. No answer (a timeout, a bad signature) keeps the payment waiting: it is tried again after 1, 5 and 15
 * minutes, then every hour, never refunded on a guess. A definite no (paid elsewhere since our query, refused,
 * account closed) sends the money back automatically through the channel it came from.
 */
@Component
class WriteOffs implements RefundPolicy {

    static final String PAID = "bills.payment.paid";
    static final String ENDED = "bills.payment.ended";
    static final String REFUNDED = "bills.payment.refunded";
    static final String REFUND_FAILED = "bills.payment.refund-failed";
    static final String ACTOR = "bill-payment";
    private static final Logger log = LoggerFactory.getLogger(WriteOffs.class);

    private final JdbcClient jdbc;
    private final JdbcBillPayments payments;
    private final JdbcBillAccounts accounts;
    private final BillerRegistry registry;
    private final ObjectProvider<Refunds> refunds;
    private final BillsProperties properties;
    private final BillNotices notices;
    private final Counter runs;
    private final Clock clock = Clock.systemUTC();

    WriteOffs(JdbcClient jdbc, JdbcBillPayments payments, JdbcBillAccounts accounts, BillerRegistry registry,
              ObjectProvider<Refunds> refunds, BillsProperties properties, BillNotices notices,
              ObjectProvider<MeterRegistry> meters) {
        this.notices = notices;
        this.jdbc = jdbc;
        this.payments = payments;
        this.accounts = accounts;
        this.registry = registry;
        this.refunds = refunds;
        this.properties = properties;
        this.runs = Counter.builder("citycard.jobs.runs").tag("job", "bills-write-off-retries")
                .description("Runs of a scheduled job on this node")
                .register(meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    private static boolean bill(org.citycard.payment.Purpose purpose) {
        return BillPayments.PURPOSE.equals(purpose.kind());
    }

    @ApplicationModuleListener(id = PAID, propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentSucceeded paid) {
        if (!bill(paid.purpose())) {
            return;
        }
        String id = paid.purpose().reference();
        Instant now = clock.instant();
        int moved = jdbc.sql("""
                        update bill_payment set state = 'PAID_AWAITING_WRITE_OFF', paid_at = :now, next_attempt_at = :next
                        where id = :id and state = 'AWAITING_PAYMENT'""")
                .param("now", Timestamp.from(now)).param("next", Timestamp.from(now.plus(backoff(0))))
                .param("id", id).update();
        if (moved == 0) {
            // paid after its order had closed: the account may have been paid since, so the money goes back
            if (jdbc.sql("""
                            update bill_payment set state = 'REFUNDING', problem = 'bills.paid-after-close', paid_at = :now
                            where id = :id and state = 'CLOSED'""")
                    .param("now", Timestamp.from(now)).param("id", id).update() == 1) {
                refund(id);
            }
            return;
        }
        attempt(id);
    }

    @ApplicationModuleListener(id = ENDED, propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentEnded ended) {
        if (bill(ended.purpose())) {
            jdbc.sql("update bill_payment set state = 'CLOSED', in_flight = null where id = :id and state = 'AWAITING_PAYMENT'")
                    .param("id", ended.purpose().reference()).update();
        }
    }

    @ApplicationModuleListener(id = REFUNDED, propagation = Propagation.NOT_SUPPORTED)
    void on(RefundSucceeded refunded) {
        if (bill(refunded.purpose())) {
            jdbc.sql("update bill_payment set state = 'REFUNDED', in_flight = null where id = :id and state = 'REFUNDING'")
                    .param("id", refunded.purpose().reference()).update();
        }
    }

    @ApplicationModuleListener(id = REFUND_FAILED, propagation = Propagation.NOT_SUPPORTED)
    void on(RefundFailed failed) {
        if (bill(failed.purpose())) {
            log.warn("The automatic refund {} of bill payment {} failed: finance completes it", failed.refundNo(),
                    failed.purpose().reference());
        }
    }

    /** Tries the write-offs whose time has come, on one node at a time. */
    @Scheduled(fixedDelayString = "${citycard.bills.retry-every:PT10S}",
            initialDelayString = "${citycard.bills.retry-initial-delay:PT20S}")
    @SchedulerLock(name = "bills-write-off-retries", lockAtMostFor = "PT10M",
            lockAtLeastFor = "${citycard.bills.retry-lock-at-least:PT0S}")
    void retry() {
        runs.increment();
        List<String> due = jdbc.sql("""
                        select id from bill_payment where state = 'PAID_AWAITING_WRITE_OFF' and next_attempt_at <= :now
                        order by next_attempt_at limit 100""")
                .param("now", Timestamp.from(clock.instant())).query(String.class).list();
        for (String id : due) {
            try {
                attempt(id);
            } catch (RuntimeException e) {
                log.warn("Write-off of {} not tried: {}", id, e.toString());
            }
        }
    }

    /** Asks the biller to write the payment off (again: the same merchant order number is the same payment). */
    void attempt(String id) {
        Optional<Target> target = target(id);
        if (target.isEmpty()) {
            return;
        }
        Target t = target.get();
        WriteOffAnswer answer;
        try {
            answer = t.connector().pay(id, t.accountNo(), t.payment().amountFen(), t.payment().billId());
        } catch (BillerConnector.BillerUnavailable e) {
            log.warn("Write-off of {} at {}: no believable answer ({}); tried again later", id,
                    t.payment().billerId(), e.getMessage());
            later(id, t.attempts());
            return;
        }
        switch (answer) {
            case WriteOffAnswer.WrittenOff done -> confirm(id, done.writeOffRef(), done.at());
            case WriteOffAnswer.Accepted ignored -> jdbc.sql("""
                            update bill_payment set attempts = attempts + 1, next_attempt_at = :next
                            where id = :id and state = 'PAID_AWAITING_WRITE_OFF'""")
                    .param("next", Timestamp.from(clock.instant().plusSeconds(5))).param("id", id).update();
            case WriteOffAnswer.AlreadyPaid ignored -> giveBack(id, "bills.paid-elsewhere");
            case WriteOffAnswer.Refused refused -> giveBack(id, "bills.write-off-refused");
            case WriteOffAnswer.NotFound ignored -> later(id, t.attempts());
            case WriteOffAnswer.Reversed ignored -> giveBack(id, "bills.reversed");
        }
    }

    private record Target(BillPayment payment, String accountNo, BillerConnector connector, int attempts) {
    }

    private Optional<Target> target(String id) {
        record Row(String citizen, int attempts) {
        }
        Optional<Row> row = jdbc.sql("select citizen_id, attempts from bill_payment where id = :id and state = 'PAID_AWAITING_WRITE_OFF'")
                .param("id", id).query((rs, n) -> new Row(rs.getString(1), rs.getInt(2))).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        BillPayment payment = payments.read(id).orElseThrow();
        Optional<BillerRegistry.Entry> entry = registry.entry(payment.billerId());
        if (entry.isEmpty()) {
            log.warn("Write-off of {}: biller {} is no longer configured", id, payment.billerId());
            return Optional.empty();
        }
        String number = accounts.number(CitizenId.parse(row.get().citizen()).orElseThrow(), payment.accountId()).orElseThrow();
        return Optional.of(new Target(payment, number, entry.get().connector(), row.get().attempts()));
    }

    private void later(String id, int attempts) {
        jdbc.sql("""
                        update bill_payment set attempts = attempts + 1, next_attempt_at = :next
                        where id = :id and state = 'PAID_AWAITING_WRITE_OFF'""")
                .param("next", Timestamp.from(clock.instant().plus(backoff(attempts + 1)))).param("id", id).update();
    }

    /** After the first try: 1, 5 and 15 minutes (configurable), then every hour. */
    Duration backoff(int attempts) {
        if (attempts == 0) {
            return properties.retryBackoff().getFirst();
        }
        return attempts <= properties.retryBackoff().size() ? properties.retryBackoff().get(attempts - 1)
                : properties.retryHourly();
    }

    /** The biller's daily file lists it: written off after all. */
    boolean confirm(String id, String writeOffRef, Instant at) {
        boolean moved = jdbc.sql("""
                        update bill_payment set state = 'WRITTEN_OFF', write_off_ref = :ref, written_off_at = :at,
                               in_flight = null, next_attempt_at = null
                        where id = :id and state = 'PAID_AWAITING_WRITE_OFF'""")
                .param("ref", writeOffRef).param("at", Timestamp.from(at)).param("id", id).update() == 1;
        if (moved) {
            notices.writtenOff(citizenOf(id), payments.read(id).orElseThrow());
        }
        return moved;
    }

    private CitizenId citizenOf(String id) {
        return CitizenId.parse(jdbc.sql("select citizen_id from bill_payment where id = :id").param("id", id)
                .query(String.class).single()).orElseThrow();
    }

    boolean giveBack(String id, String problem) {
        if (jdbc.sql("""
                        update bill_payment set state = 'REFUNDING', problem = :problem, in_flight = null,
                               next_attempt_at = null
                        where id = :id and state = 'PAID_AWAITING_WRITE_OFF'""")
                .param("problem", problem).param("id", id).update() == 1) {
            refund(id);
            return true;
        }
        return false;
    }

    private void refund(String id) {
        BillPayment payment = payments.read(id).orElseThrow();
        notices.goingBack(citizenOf(id), payment);
        Refunds.Result result = refunds.getObject().refund(new OrderNo(payment.orderNo()), payment.amountFen(),
                "自动退款 Automatic refund: " + payment.problem(), ACTOR);
        switch (result) {
            case Refunds.Result.Done ignored -> {
            }
            case Refunds.Result.Pending ignored -> {
            }
            case Refunds.Result.AwaitingApproval waiting ->
                    log.info("Refund {} of bill payment {} waits for a second person", waiting.refundNo(), id);
            default -> log.warn("Refund of bill payment {} not made: {}", id, result);
        }
    }

    /**
     * Money paid for a bill is at the biller once written off, and may be on its way there while awaiting the
     * write-off: only a payment this module decided to give back is refunded.
     */
    @Override
    public Optional<String> refusal(PaymentOrder order, long amountFen, String refundNo) {
        if (!bill(order.purpose())) {
            return Optional.empty();
        }
        return jdbc.sql("select state from bill_payment where id = :id").param("id", order.purpose().reference())
                .query(String.class).optional()
                .map(BillPaymentState::valueOf)
                .filter(state -> state != BillPaymentState.REFUNDING)
                .map(state -> state == BillPaymentState.WRITTEN_OFF ? "bills.written-off" : "bills.not-refundable");
    }
}
