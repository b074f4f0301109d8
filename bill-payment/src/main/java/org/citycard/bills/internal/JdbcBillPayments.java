package org.citycard.bills.internal;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.bills.BillPayment;
import org.citycard.bills.BillPaymentState;
import org.citycard.bills.BillPayments;
import org.citycard.bills.BillProblem;
import org.citycard.bills.BoundAccount;
import org.citycard.bills.ChargeMode;
import org.citycard.bills.Statement;
import org.citycard.bills.connector.BillerConnector;
import org.citycard.bills.connector.BillerConnector.AccountAnswer;
import org.citycard.card.CitizenId;
import org.citycard.kernel.ChinaTime;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Purpose;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bill payments in {@code bill_payment}. Starting one asks the biller again (outside any transaction), checks the
 * amount against the biller's charge mode, then writes the payment and creates its order in one transaction: the
 * unique {@code in_flight} column (biller and account while awaiting payment or write-off) refuses a second payment
 * for the same account on H2 and PostgreSQL alike, whoever of the household's citizens starts it.
 */
@Service
class JdbcBillPayments implements BillPayments {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss").withZone(ChinaTime.ZONE);
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,64}");
    static final String COLUMNS = """
            p.id, p.account_id, p.biller_id, a.account_masked, p.amount, p.bill_id, p.order_no, p.state,
            p.write_off_ref, p.problem, p.created_at, p.paid_at, p.written_off_at""";

    private final JdbcClient jdbc;
    private final JdbcBillAccounts accounts;
    private final BillerRegistry registry;
    private final PaymentOrders orders;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    JdbcBillPayments(JdbcClient jdbc, JdbcBillAccounts accounts, BillerRegistry registry, PaymentOrders orders,
                     TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.registry = registry;
        this.orders = orders;
        this.transactions = transactions;
    }

    @Override
    public Start start(CitizenId citizen, UUID accountId, Long amountFen, String billId, String idempotencyKey) {
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            return new Start.Refused(BillProblem.KEY_REUSED, null);
        }
        String key = idempotencyKey == null ? "none:" + UUID.randomUUID() : idempotencyKey;
        Optional<Start> earlier = earlier(citizen, key, accountId, amountFen);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Optional<BoundAccount> account = accounts.account(citizen, accountId);
        Optional<String> number = accounts.number(citizen, accountId);
        if (account.isEmpty() || number.isEmpty()) {
            return new Start.Refused(BillProblem.UNKNOWN_ACCOUNT, null);
        }
        BillerRegistry.Entry entry = registry.entry(account.get().biller().id()).orElseThrow();
        if (!entry.biller().enabled()) {
            return new Start.Refused(BillProblem.BILLER_SUSPENDED, null);
        }
        if (!entry.biller().openAt(LocalTime.now(clock.withZone(ChinaTime.ZONE)))) {
            return new Start.Refused(BillProblem.BILLER_CLOSED, null);
        }
        String inFlight = entry.biller().id() + ":" + accounts.index(entry.biller().id(), number.get());
        if (inFlight(inFlight)) {
            return awaitingOwn(citizen, inFlight, amountFen).orElse(new Start.Refused(BillProblem.PAYMENT_IN_PROGRESS, null));
        }
        AccountAnswer answer;
        try {
            answer = entry.connector().query(number.get());
        } catch (BillerConnector.BillerUnavailable e) {
            return new Start.Refused(BillProblem.BILLER_UNAVAILABLE, null);
        }
        if (!(answer instanceof AccountAnswer.Found found)) {
            return new Start.Refused(answer instanceof AccountAnswer.Closed ? BillProblem.ACCOUNT_CLOSED
                    : BillProblem.ACCOUNT_NOT_FOUND, null);
        }
        Charge charge = charge(entry.biller().chargeMode(), found, amountFen, billId);
        if (charge.problem() != null) {
            return new Start.Refused(charge.problem(), charge.dueFen());
        }
        String id = "BP" + ID_TIME.format(clock.instant()) + String.format("%08d", random.nextInt(100_000_000));
        String subject = entry.biller().name() + " 户号" + account.get().accountNoMasked();
        try {
            return transactions.execute(tx -> create(citizen, account.get(), id, charge, inFlight, key, subject));
        } catch (DuplicateKeyException e) {
            return earlier(citizen, key, accountId, amountFen).or(() -> awaitingOwn(citizen, inFlight, amountFen))
                    .orElse(new Start.Refused(BillProblem.PAYMENT_IN_PROGRESS, null));
        }
    }

    private Start create(CitizenId citizen, BoundAccount account, String id, Charge charge, String inFlight, String key,
                         String subject) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into bill_payment (id, citizen_id, account_id, biller_id, amount, bill_id, state, in_flight,
                                                  idempotency_key, created_at)
                        values (:id, :c, :a, :b, :amount, :bill, 'AWAITING_PAYMENT', :flight, :key, :now)""")
                .param("id", id).param("c", citizen.value()).param("a", account.id()).param("b", account.biller().id())
                .param("amount", charge.amountFen()).param("bill", charge.billId()).param("flight", inFlight)
                .param("key", key).param("now", Timestamp.from(now)).update();
        PaymentOrder order = switch (orders.create(citizen, new Purpose(PURPOSE, id), charge.amountFen(), subject,
                "bill:" + id)) {
            case PaymentOrders.Creation.Created created -> created.order();
            case PaymentOrders.Creation.Existing existing -> existing.order();
            case PaymentOrders.Creation.Refused refused ->
                    throw new IllegalStateException("the payment module refused a bill order: " + refused.problem());
        };
        jdbc.sql("update bill_payment set order_no = :o where id = :id").param("o", order.no().value())
                .param("id", id).update();
        return new Start.Created(read(id).orElseThrow(), order);
    }

    private Optional<Start> earlier(CitizenId citizen, String key, UUID accountId, Long amountFen) {
        return jdbc.sql("select " + COLUMNS + " from bill_payment p join bill_account a on a.id = p.account_id"
                        + " where p.citizen_id = :c and p.idempotency_key = :k")
                .param("c", citizen.value()).param("k", key).query(this::row).optional()
                .map(payment -> payment.accountId().equals(accountId)
                        && (amountFen == null || amountFen == payment.amountFen()) && payment.orderNo() != null
                        ? new Start.Existing(payment, orders.find(new OrderNo(payment.orderNo())).orElseThrow())
                        : new Start.Refused(BillProblem.KEY_REUSED, null));
    }

    /**
     * The citizen's own payment for the account that still waits to be paid, for the same amount: a second tap (with
     * another key, or none) is answered with it, as the other purposes answer, rather than refused. Another citizen's
     * payment for the account, or one being written off, stays a refusal.
     */
    private Optional<Start> awaitingOwn(CitizenId citizen, String inFlight, Long amountFen) {
        return jdbc.sql("select " + COLUMNS + " from bill_payment p join bill_account a on a.id = p.account_id"
                        + " where p.in_flight = :f and p.citizen_id = :c and p.state = 'AWAITING_PAYMENT'")
                .param("f", inFlight).param("c", citizen.value()).query(this::row).optional()
                .filter(payment -> payment.orderNo() != null && (amountFen == null || amountFen == payment.amountFen()))
                .flatMap(payment -> orders.find(new OrderNo(payment.orderNo()))
                        .filter(order -> order.state().open())
                        .map(order -> new Start.Existing(payment, order)));
    }

    private boolean inFlight(String inFlight) {
        return jdbc.sql("select count(*) from bill_payment where in_flight = :f").param("f", inFlight)
                .query(Long.class).single() > 0;
    }

    record Charge(long amountFen, String billId, BillProblem problem, Long dueFen) {
        static Charge refused(BillProblem problem, Long dueFen) {
            return new Charge(0, null, problem, dueFen);
        }
    }

    /** What the payment is under the biller's charge mode, or why it cannot be. */
    static Charge charge(ChargeMode mode, AccountAnswer.Found found, Long amountFen, String billId) {
        Charge charge = switch (mode) {
            case ALL_ARREARS -> found.arrearsFen() == 0 ? Charge.refused(BillProblem.NOTHING_DUE, 0L)
                    : amountFen != null && amountFen != found.arrearsFen()
                    ? Charge.refused(BillProblem.AMOUNT_MISMATCH, found.arrearsFen())
                    : new Charge(found.arrearsFen(), null, null, null);
            case EXACT_BILL -> {
                if (found.bills().isEmpty()) {
                    yield Charge.refused(BillProblem.NOTHING_DUE, 0L);
                }
                if (billId == null && found.bills().size() > 1) {
                    yield Charge.refused(BillProblem.BILL_REQUIRED, null);
                }
                Statement.Bill bill = billId == null ? found.bills().getFirst() : found.bills().stream()
                        .filter(b -> b.billId().equals(billId)).findFirst().orElse(null);
                if (bill == null) {
                    yield Charge.refused(BillProblem.UNKNOWN_BILL, null);
                }
                yield amountFen != null && amountFen != bill.totalFen()
                        ? Charge.refused(BillProblem.AMOUNT_MISMATCH, bill.totalFen())
                        : new Charge(bill.totalFen(), bill.billId(), null, null);
            }
            case ANY_AMOUNT -> amountFen == null
                    ? found.arrearsFen() > 0 ? new Charge(found.arrearsFen(), null, null, null)
                    : Charge.refused(BillProblem.AMOUNT_OUT_OF_RANGE, null)
                    : new Charge(amountFen, null, null, null);
        };
        if (charge.problem() == null && (charge.amountFen() < 1 || charge.amountFen() > MAX_FEN)) {
            return Charge.refused(BillProblem.AMOUNT_OUT_OF_RANGE, null);
        }
        return charge;
    }

    @Override
    public Optional<BillPayment> find(CitizenId citizen, String paymentId) {
        return jdbc.sql("select " + COLUMNS + " from bill_payment p join bill_account a on a.id = p.account_id"
                        + " where p.id = :id and p.citizen_id = :c")
                .param("id", paymentId).param("c", citizen.value()).query(this::row).optional();
    }

    Optional<BillPayment> read(String paymentId) {
        return jdbc.sql("select " + COLUMNS + " from bill_payment p join bill_account a on a.id = p.account_id"
                        + " where p.id = :id")
                .param("id", paymentId).query(this::row).optional();
    }

    @Override
    public List<BillPayment> ofAccount(CitizenId citizen, UUID accountId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from bill_payment p join bill_account a on a.id = p.account_id"
                        + " where p.account_id = :a and p.citizen_id = :c order by p.created_at desc limit :n")
                .param("a", accountId).param("c", citizen.value()).param("n", Math.clamp(limit, 1, 200))
                .query(this::row).list();
    }

    @Override
    public List<BillPayment> ofCitizen(CitizenId citizen, int limit) {
        return jdbc.sql("select " + COLUMNS + " from bill_payment p join bill_account a on a.id = p.account_id"
                        + " where p.citizen_id = :c order by p.created_at desc limit :n")
                .param("c", citizen.value()).param("n", Math.clamp(limit, 1, 200)).query(this::row).list();
    }

    @Override
    public List<BillPayment> awaitingWriteOff(int limit) {
        return jdbc.sql("select " + COLUMNS + " from bill_payment p join bill_account a on a.id = p.account_id"
                        + " where p.state = 'PAID_AWAITING_WRITE_OFF' order by p.paid_at limit :n")
                .param("n", Math.clamp(limit, 1, 500)).query(this::row).list();
    }

    BillPayment row(ResultSet rs, int n) throws SQLException {
        String billerId = rs.getString("biller_id");
        String billerName = registry.entry(billerId).map(e -> e.biller().name()).orElse(billerId);
        return new BillPayment(rs.getString("id"), rs.getObject("account_id", UUID.class), billerId, billerName,
                rs.getString("account_masked"), rs.getLong("amount"), rs.getString("bill_id"), rs.getString("order_no"),
                BillPaymentState.valueOf(rs.getString("state")), rs.getString("write_off_ref"), rs.getString("problem"),
                instant(rs, "created_at"), instant(rs, "paid_at"), instant(rs, "written_off_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
