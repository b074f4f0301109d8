package org.citycard.bills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.kernel.ChinaTime;
import org.citycard.payment.ChannelId;
import org.citycard.payment.PaymentSucceeded;
import org.citycard.payment.Purpose;
import org.citycard.sandbox.payment.SandboxOnPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bill payment end to end through the real connector (signed both ways) against the sandbox's billers, paid through
 * the sandbox channels, on PostgreSQL: each outcome a biller can give, and the write-off exactly once.
 */
@SpringBootTest(classes = BillsTestApplication.class, properties = {
        "citycard.sandbox.mode=in-process", "citycard.payment.janitor-quiet=PT0S",
        "citycard.payment.janitor-initial-delay=PT1H", "citycard.sandbox.duplicate-after=PT0.3S",
        "citycard.payment.refund-four-eyes-above-fen=2000000",
        "citycard.bills.retry-every=PT0.5S", "citycard.bills.retry-backoff=PT1S,PT1S,PT1S",
        "citycard.bills.billers.water.timeout=PT1S", "citycard.sandbox.biller-files-same-day=true"})
class BillsOnSandboxTest extends SandboxOnPostgres {

    @Autowired
    BillAccounts accounts;
    @Autowired
    BillPayments payments;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    BillOperations operations;
    @Autowired
    AutoPay autoPay;
    @Autowired
    org.citycard.bills.internal.AutoPayProbe autoPayRun;
    @Autowired
    org.citycard.card.ledger.Ledger ledger;
    @Autowired
    org.citycard.bills.internal.RemindersProbe reminders;
    @Autowired
    org.citycard.messages.Messages messages;

    private static final String WATER = "water";

    /** A water account with this ending whose amounts are ordinary ones for the payment sandbox. */
    private String account(String ending) {
        return ordinary(WATER, () -> String.format("%06d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(),
                1_000_000)) + ending);
    }

    private String ordinary(String biller, java.util.function.Supplier<String> numbers) {
        for (int i = 0; i < 100; i++) {
            String number = numbers.get();
            if (sandbox.billers().ordinary(biller, number) || number.endsWith("0000") || number.endsWith("9903")) {
                return number;
            }
        }
        throw new IllegalStateException("no ordinary account");
    }

    private BoundAccount bound(CitizenId citizen, String biller, String number) {
        var result = accounts.bind(citizen, biller, number, "家里");
        assertThat(result).isInstanceOf(BillAccounts.Result.Done.class);
        return ((BillAccounts.Result.Done<BoundAccount>) result).value();
    }

    private Statement statement(CitizenId citizen, BoundAccount account) {
        return ((BillAccounts.Result.Done<Statement>) accounts.statement(citizen, account.id())).value();
    }

    private BillPayments.Start.Created started(CitizenId citizen, BoundAccount account, Long amountFen, String billId) {
        BillPayments.Start start = payments.start(citizen, account.id(), amountFen, billId, null);
        assertThat(start).isInstanceOf(BillPayments.Start.Created.class);
        return (BillPayments.Start.Created) start;
    }

    private void payWithWeChat(CitizenId citizen, BillPayments.Start.Created created) {
        String token = token(citizen, created.order().no(), ChannelId.WECHAT_PAY);
        cashier.approve(token);
    }

    private BillPayment awaitState(CitizenId citizen, String id, BillPaymentState state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> payments.find(citizen, id).orElseThrow().state() == state);
        return payments.find(citizen, id).orElseThrow();
    }

    private long writeOffsAtTheBiller(String biller, String merchantOrderNo) {
        return sandbox.billers().writeOffs(biller, LocalDate.now(ChinaTime.ZONE)).stream()
                .filter(w -> w.merchantOrderNo().equals(merchantOrderNo)).count();
    }

    @Test
    void a_bound_account_shows_its_holder_and_bills_to_the_citizen_who_bound_it_and_to_nobody_else() {
        CitizenId citizen = citizen();
        String number = account("1234");
        BoundAccount account = bound(citizen, WATER, number);
        assertThat(account.holderMasked()).matches(".\\*.");
        assertThat(account.accountNoMasked()).isEqualTo("******1234").doesNotContain(number.substring(0, 6));
        Statement statement = statement(citizen, account);
        assertThat(statement.bills()).isNotEmpty().allSatisfy(bill -> {
            assertThat(bill.period()).matches("\\d{4}-\\d{2}");
            assertThat(bill.amountFen()).isPositive();
        });
        assertThat(statement.arrearsFen()).isEqualTo(statement.bills().stream().mapToLong(Statement.Bill::totalFen).sum());
        assertThat(accounts.bind(citizen, WATER, number, "又一次"))
                .isEqualTo(new BillAccounts.Result.Refused<>(BillProblem.ALREADY_BOUND));

        CitizenId stranger = citizen();
        assertThat(accounts.accounts(stranger)).isEmpty();
        assertThat(accounts.account(stranger, account.id())).isEmpty();
        assertThat(accounts.statement(stranger, account.id()))
                .isEqualTo(new BillAccounts.Result.Refused<>(BillProblem.UNKNOWN_ACCOUNT));
        assertThat(payments.start(stranger, account.id(), null, null, null))
                .isEqualTo(new BillPayments.Start.Refused(BillProblem.UNKNOWN_ACCOUNT, null));
        // the number stored is not the number
        assertThat(jdbc.sql("select count(*) from bill_account where cast(account_no_enc as varchar) like :n")
                .param("n", "%" + number + "%").query(Long.class).single()).isZero();
    }

    @Test
    void numbers_the_biller_does_not_know_or_has_closed_and_malformed_ones_are_refused() {
        CitizenId citizen = citizen();
        assertThat(accounts.bind(citizen, WATER, "12345", "家里"))
                .isEqualTo(new BillAccounts.Result.Refused<>(BillProblem.BAD_ACCOUNT_NUMBER));
        assertThat(accounts.bind(citizen, WATER, account("0000"), "家里"))
                .isEqualTo(new BillAccounts.Result.Refused<>(BillProblem.ACCOUNT_NOT_FOUND));
        assertThat(accounts.bind(citizen, WATER, account("9903"), "家里"))
                .isEqualTo(new BillAccounts.Result.Refused<>(BillProblem.ACCOUNT_CLOSED));
        assertThat(accounts.bind(citizen, "no-such", account("1234"), "家里"))
                .isEqualTo(new BillAccounts.Result.Refused<>(BillProblem.UNKNOWN_BILLER));
        assertThat(accounts.bind(citizen, WATER, account("1234"), "家\u0000里"))
                .isEqualTo(new BillAccounts.Result.Refused<>(BillProblem.BAD_NICKNAME));
        assertThat(accounts.accounts(citizen)).isEmpty();
    }

    @Test
    void all_arrears_paid_through_wechat_pay_are_written_off_once_and_a_second_payment_meanwhile_is_refused() {
        CitizenId citizen = citizen();
        String number = account("2001");
        BoundAccount account = bound(citizen, WATER, number);
        long arrears = statement(citizen, account).arrearsFen();
        assertThat(payments.start(citizen, account.id(), arrears + 1, null, null))
                .isEqualTo(new BillPayments.Start.Refused(BillProblem.AMOUNT_MISMATCH, arrears));
        var created = started(citizen, account, null, null);
        assertThat(created.order().amountFen()).isEqualTo(arrears);
        assertThat(created.payment().state()).isEqualTo(BillPaymentState.AWAITING_PAYMENT);
        // the same household's other member cannot pay it twice meanwhile
        CitizenId spouse = citizen();
        BoundAccount theirs = bound(spouse, WATER, number);
        assertThat(payments.start(spouse, theirs.id(), null, null, null))
                .isEqualTo(new BillPayments.Start.Refused(BillProblem.PAYMENT_IN_PROGRESS, null));
        // the payer starting again (another key) is answered with their payment under way, not refused
        assertThat(payments.start(citizen, account.id(), null, null, "again-" + number))
                .isInstanceOfSatisfying(BillPayments.Start.Existing.class,
                        e -> assertThat(e.payment().id()).isEqualTo(created.payment().id()));

        payWithWeChat(citizen, created);
        BillPayment done = awaitState(citizen, created.payment().id(), BillPaymentState.WRITTEN_OFF);
        assertThat(done.writeOffRef()).startsWith("WOWATER");
        assertThat(writeOffsAtTheBiller(WATER, done.id())).isEqualTo(1);
        assertThat(statement(citizen, account).arrearsFen()).isZero();
        assertThat(payments.start(citizen, account.id(), null, null, null))
                .isEqualTo(new BillPayments.Start.Refused(BillProblem.NOTHING_DUE, 0L));
        // and the citizen is told, once
        assertThat(messages.inbox(citizen, 10)).singleElement().satisfies(m -> {
            assertThat(m.titleZh()).isEqualTo("缴费成功");
            assertThat(m.bodyZh()).contains(done.writeOffRef()).contains("******2001");
        });
    }

    @Test
    void twenty_copies_of_the_payment_event_give_one_write_off() throws Exception {
        CitizenId citizen = citizen();
        BoundAccount account = bound(citizen, WATER, account("2002"));
        var created = started(citizen, account, null, null);
        payWithWeChat(citizen, created);
        PaymentSucceeded paid = new PaymentSucceeded(created.order().no(), citizen,
                new Purpose(BillPayments.PURPOSE, created.payment().id()), created.order().amountFen(), ChannelId.WECHAT_PAY);
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        parallel(20, () -> tx.execute(status -> {
            publisher.publishEvent(paid);
            return null;
        }));
        awaitState(citizen, created.payment().id(), BillPaymentState.WRITTEN_OFF);
        Thread.sleep(1_000);
        assertThat(writeOffsAtTheBiller(WATER, created.payment().id())).isEqualTo(1);
    }

    @Test
    void a_bill_paid_elsewhere_since_the_query_goes_back_to_the_citizen_automatically() {
        CitizenId citizen = citizen();
        BoundAccount account = bound(citizen, WATER, account("9901"));
        var created = started(citizen, account, null, null);
        payWithWeChat(citizen, created);
        BillPayment back = awaitState(citizen, created.payment().id(), BillPaymentState.REFUNDED);
        assertThat(back.problem()).isEqualTo("bills.paid-elsewhere");
        // told why, then (once WeChat Pay has returned it) that the money is back
        await().atMost(Duration.ofSeconds(10)).until(() -> titles(citizen).contains("退款已到账"));
        assertThat(titles(citizen)).containsExactlyInAnyOrder("缴费退款", "退款已到账");
        assertThat(refunds.of(created.order().no())).singleElement()
                .satisfies(r -> assertThat(r.amountFen()).isEqualTo(created.order().amountFen()));
    }

    @Test
    void a_refused_write_off_goes_back_and_frees_the_account() {
        CitizenId citizen = citizen();
        BoundAccount account = bound(citizen, WATER, account("9902"));
        var created = started(citizen, account, null, null);
        payWithWeChat(citizen, created);
        assertThat(awaitState(citizen, created.payment().id(), BillPaymentState.REFUNDED).problem())
                .isEqualTo("bills.write-off-refused");
        assertThat(payments.start(citizen, account.id(), null, null, null)).isInstanceOf(BillPayments.Start.Created.class);
    }

    @Test
    void a_timeout_after_the_biller_took_the_write_off_is_retried_with_the_same_number_and_never_refunded() {
        CitizenId citizen = citizen();
        BoundAccount account = bound(citizen, WATER, account("9904"));
        var created = started(citizen, account, null, null);
        payWithWeChat(citizen, created);
        BillPayment done = awaitState(citizen, created.payment().id(), BillPaymentState.WRITTEN_OFF);
        assertThat(writeOffsAtTheBiller(WATER, done.id())).isEqualTo(1);
        assertThat(refunds.of(created.order().no())).isEmpty();
    }

    @Test
    void an_asynchronous_write_off_is_accepted_first_and_done_later() {
        CitizenId citizen = citizen();
        BoundAccount account = bound(citizen, WATER, account("9905"));
        var created = started(citizen, account, null, null);
        payWithWeChat(citizen, created);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                payments.find(citizen, created.payment().id()).orElseThrow().state() != BillPaymentState.AWAITING_PAYMENT);
        assertThat(payments.find(citizen, created.payment().id()).orElseThrow().state())
                .isIn(BillPaymentState.PAID_AWAITING_WRITE_OFF, BillPaymentState.WRITTEN_OFF);
        assertThat(awaitState(citizen, created.payment().id(), BillPaymentState.WRITTEN_OFF).writeOffRef()).isNotBlank();
    }

    @Test
    void each_biller_charges_its_own_way() {
        CitizenId citizen = citizen();
        // gas takes one bill at a time, exactly; a household with several bills must say which
        BoundAccount gas = bound(citizen, "gas", ordinary("gas",
                () -> String.format("%04d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000)) + "1235"));
        Statement gasBills = statement(citizen, gas);
        Statement.Bill oldest = gasBills.bills().getFirst();
        if (gasBills.bills().size() > 1) {
            assertThat(payments.start(citizen, gas.id(), null, null, null))
                    .isEqualTo(new BillPayments.Start.Refused(BillProblem.BILL_REQUIRED, null));
        }
        assertThat(payments.start(citizen, gas.id(), oldest.totalFen() - 1, oldest.billId(), null))
                .isEqualTo(new BillPayments.Start.Refused(BillProblem.AMOUNT_MISMATCH, oldest.totalFen()));
        var gasPayment = started(citizen, gas, null, oldest.billId());
        assertThat(gasPayment.order().amountFen()).isEqualTo(oldest.totalFen());

        // a prepaid meter takes any amount, ahead of any bill
        BoundAccount meter = bound(citizen, "power", "8" + String.format("%05d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000)) + "1236");
        long before = statement(citizen, meter).balanceFen();
        var topUp = started(citizen, meter, 5_000L, null);
        payWithWeChat(citizen, topUp);
        awaitState(citizen, topUp.payment().id(), BillPaymentState.WRITTEN_OFF);
        assertThat(statement(citizen, meter).balanceFen()).isEqualTo(before + 5_000);
        assertThat(payments.start(citizen, meter.id(), 0L, null, null))
                .isEqualTo(new BillPayments.Start.Refused(BillProblem.AMOUNT_OUT_OF_RANGE, null));
    }

    @Test
    void an_order_that_ends_unpaid_frees_the_account() {
        CitizenId citizen = citizen();
        BoundAccount account = bound(citizen, WATER, account("2003"));
        var created = started(citizen, account, null, null);
        jdbc.sql("update payment_order set expires_at = :past where order_no = :no")
                .param("past", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)))
                .param("no", created.order().no().value()).update();
        janitor.sweep();
        awaitState(citizen, created.payment().id(), BillPaymentState.CLOSED);
        assertThat(payments.start(citizen, account.id(), null, null, null)).isInstanceOf(BillPayments.Start.Created.class);
    }

    @Test
    void a_payment_the_biller_never_answered_is_reversed_and_refunded_only_once_its_daily_file_says_so() throws Exception {
        CitizenId citizen = citizen();
        BoundAccount account = bound(citizen, WATER, account("9906"));
        var created = started(citizen, account, null, null);
        payWithWeChat(citizen, created);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                payments.find(citizen, created.payment().id()).orElseThrow().state() == BillPaymentState.PAID_AWAITING_WRITE_OFF);
        Thread.sleep(3_000); // retries come and go: no answer is no reason to give the money back
        assertThat(payments.find(citizen, created.payment().id()).orElseThrow().state())
                .isEqualTo(BillPaymentState.PAID_AWAITING_WRITE_OFF);
        assertThat(refunds.of(created.order().no())).isEmpty();

        // and one that was written off is confirmed by the same file
        BoundAccount paidOne = bound(citizen, WATER, account("2004"));
        var other = started(citizen, paidOne, null, null);
        payWithWeChat(citizen, other);
        awaitState(citizen, other.payment().id(), BillPaymentState.WRITTEN_OFF);

        assertThat(operations.awaitingWriteOff(50)).extracting(BillPayment::id).contains(created.payment().id());
        assertThat(operations.billers()).filteredOn(b -> b.biller().id().equals(WATER)).singleElement()
                .satisfies(b -> assertThat(b.awaitingWriteOff()).isGreaterThanOrEqualTo(1));
        var day = operations.reconcile(LocalDate.now(ChinaTime.ZONE)).stream()
                .filter(d -> d.billerId().equals(WATER)).findFirst().orElseThrow();
        assertThat(day.reversed()).isGreaterThanOrEqualTo(1);
        assertThat(day.missingWithUs()).isZero();
        assertThat(day.amountMismatch()).isZero();
        assertThat(day.matched()).isGreaterThanOrEqualTo(1);
        // the settlement: the written-off payment is owed to the biller; the other went back to its citizen
        assertThat(day.owedFen()).isGreaterThanOrEqualTo(other.order().amountFen());
        assertThat(day.owedFen()).isEqualTo(day.fileTotalFen());
        assertThat(day.refundedFen()).isGreaterThanOrEqualTo(created.order().amountFen());
        BillPayment back = awaitState(citizen, created.payment().id(), BillPaymentState.REFUNDED);
        assertThat(back.problem()).isEqualTo("bills.not-written-off");
        assertThat(writeOffsAtTheBiller(WATER, created.payment().id())).isZero();
    }

    @Test
    void auto_pay_with_a_short_wallet_tries_the_next_two_days_stops_until_resumed_and_then_pays() {
        CitizenId citizen = citizen();
        ledger.open(org.citycard.card.Wallets.accountOf(citizen), org.citycard.card.ledger.AccountKind.WALLET, null);
        BoundAccount account = null;
        for (int i = 0; i < 50 && account == null; i++) {
            BoundAccount candidate = bound(citizen, WATER, account("7001"));
            if (statement(citizen, candidate).bills().size() == 1) {
                account = candidate;
            } else {
                accounts.unbind(citizen, candidate.id());
            }
        }
        assertThat(account).as("a household with one bill").isNotNull();
        Statement.Bill bill = statement(citizen, account).bills().getFirst();
        long owed = statement(citizen, account).arrearsFen();
        assertThat(autoPay.sign(citizen, account.id(), 0)).isEqualTo(new AutoPay.Result.Refused(BillProblem.CAP_OUT_OF_RANGE));
        assertThat(autoPay.sign(citizen, account.id(), 100_000)).isInstanceOf(AutoPay.Result.Signed.class);
        assertThat(autoPay.sign(citizen, account.id(), 100_000)).isEqualTo(new AutoPay.Result.Refused(BillProblem.AUTO_PAY_EXISTS));

        LocalDate due = bill.dueDate();
        autoPayRun.run(due.minusDays(1));
        assertThat(titles(citizen)).containsExactly("明日自动缴费");
        autoPayRun.run(due);
        autoPayRun.run(due); // a second run the same day changes nothing
        assertThat(autoPay.of(citizen, account.id()).orElseThrow().failures()).isEqualTo(1);
        autoPayRun.run(due.plusDays(1));
        autoPayRun.run(due.plusDays(2));
        AutoPay.Agreement stopped = autoPay.of(citizen, account.id()).orElseThrow();
        assertThat(stopped.state()).isEqualTo(AutoPay.State.STOPPED);
        assertThat(stopped.stopReason()).isEqualTo("wallet-short");
        assertThat(titles(citizen)).containsExactly("自动缴费已暂停", "自动缴费未成功", "自动缴费未成功", "明日自动缴费");
        autoPayRun.run(due.plusDays(3));
        assertThat(payments.ofAccount(citizen, account.id(), 10)).isEmpty();

        // the citizen tops up and resumes: the next run pays, from the wallet
        ledger.open("clearing:TEST", org.citycard.card.ledger.AccountKind.CLEARING, null);
        ledger.post(org.citycard.card.ledger.Posting.transfer("fund-" + citizen, "top-up", "clearing:TEST",
                org.citycard.card.Wallets.accountOf(citizen), owed + 1_000));
        assertThat(autoPay.resume(citizen, account.id())).isTrue();
        assertThat(autoPayRun.run(due.plusDays(3))).isEqualTo(1);
        String paid = payments.ofAccount(citizen, account.id(), 10).getFirst().id();
        awaitState(citizen, paid, BillPaymentState.WRITTEN_OFF);
        assertThat(ledger.balance(org.citycard.card.Wallets.accountOf(citizen))).hasValue(1_000);
        assertThat(titles(citizen).getFirst()).isIn("自动缴费成功", "缴费成功");
        assertThat(titles(citizen)).contains("自动缴费成功", "缴费成功");
        assertThat(autoPay.cancel(citizen, account.id())).isTrue();
        assertThat(autoPay.of(citizen, account.id())).isEmpty();
    }

    private java.util.List<String> titles(CitizenId citizen) {
        return messages.inbox(citizen, 20).stream().map(org.citycard.messages.Message::titleZh).toList();
    }

    @Test
    void a_bill_falling_due_in_three_days_is_reminded_of_once() {
        CitizenId citizen = citizen();
        BoundAccount account = bound(citizen, WATER, account("8001"));
        Statement.Bill newest = statement(citizen, account).bills().getLast();
        reminders.run(newest.dueDate().minusDays(3));
        reminders.run(newest.dueDate().minusDays(3));
        assertThat(messages.inbox(citizen, 10)).singleElement().satisfies(m -> {
            assertThat(m.topic()).isEqualTo(org.citycard.messages.Topic.BILL_DUE);
            assertThat(m.bodyZh()).contains(newest.period()).contains(newest.dueDate().toString());
        });
    }

    @Test
    void a_biller_staff_suspend_is_neither_asked_nor_paid_and_its_hours_hold_until_changed_again() {
        CitizenId citizen = citizen();
        BoundAccount gas = bound(citizen, "gas", ordinary("gas",
                () -> String.format("%04d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000)) + "1236"));
        java.time.LocalTime always = java.time.LocalTime.MIDNIGHT;
        assertThat(operations.changeBiller("gas", false, always, always, "系统升级，明早恢复", " ", "billing"))
                .contains(BillOperations.ChangeRefused.REASON_REQUIRED);
        assertThat(operations.changeBiller("gas", false, always, always, "升级\u0007", "升级", "billing"))
                .contains(BillOperations.ChangeRefused.BAD_NOTICE);
        assertThat(operations.changeBiller("no-such", false, always, always, "", "升级", "billing"))
                .contains(BillOperations.ChangeRefused.UNKNOWN_BILLER);
        assertThat(operations.changes("gas", 10)).isEmpty();
        try {
            assertThat(operations.changeBiller("gas", false, always, always, "系统升级，明早恢复", "燃气公司系统升级",
                    "billing")).isEmpty();
            assertThat(accounts.biller("gas")).hasValueSatisfying(b -> {
                assertThat(b.enabled()).isFalse();
                assertThat(b.notice()).isEqualTo("系统升级，明早恢复");
            });
            assertThat(accounts.statement(citizen, gas.id()))
                    .isEqualTo(new BillAccounts.Result.Refused<>(BillProblem.BILLER_SUSPENDED));
            assertThat(payments.start(citizen, gas.id(), null, null, null))
                    .isEqualTo(new BillPayments.Start.Refused(BillProblem.BILLER_SUSPENDED, null));
            assertThat(accounts.bind(citizen(), "gas", "00011236", "家里"))
                    .isEqualTo(new BillAccounts.Result.Refused<>(BillProblem.BILLER_SUSPENDED));
            assertThat(accounts.accounts(citizen)).extracting(BoundAccount::id).containsExactly(gas.id());
            assertThat(operations.billers()).filteredOn(s -> s.biller().id().equals("gas")).singleElement()
                    .satisfies(s -> {
                        assertThat(s.openNow()).isFalse();
                        assertThat(s.lastChange().by()).isEqualTo("billing");
                        assertThat(s.connection().keyFingerprint()).matches("[0-9a-f]{16}");
                    });

            // open again, but only in a window of hours that does not hold now
            java.time.LocalTime now = java.time.LocalTime.now(ChinaTime.ZONE).withSecond(0).withNano(0);
            assertThat(operations.changeBiller("gas", true, now.plusHours(2), now.plusHours(3), "", "夜间对账",
                    "billing")).isEmpty();
            assertThat(statement(citizen, gas).bills()).isNotEmpty();
            assertThat(payments.start(citizen, gas.id(), null, statement(citizen, gas).bills().getFirst().billId(), null))
                    .isEqualTo(new BillPayments.Start.Refused(BillProblem.BILLER_CLOSED, null));
        } finally {
            operations.changeBiller("gas", true, always, always, "", "恢复全天服务", "billing");
        }
        assertThat(started(citizen, gas, null, statement(citizen, gas).bills().getFirst().billId()).order().amountFen())
                .isPositive();
        assertThat(operations.changes("gas", 10)).extracting(BillOperations.BillerChange::reason)
                .containsExactly("恢复全天服务", "夜间对账", "燃气公司系统升级");
    }

    @Test
    void a_citizen_may_try_thirty_account_numbers_a_day_found_or_not() {
        CitizenId citizen = citizen();
        for (int i = 0; i < BillAccounts.BIND_TRIES_PER_DAY; i++) {
            assertThat(accounts.bind(citizen, WATER, account("0000"), "家里"))
                    .isEqualTo(new BillAccounts.Result.Refused<>(BillProblem.ACCOUNT_NOT_FOUND));
        }
        assertThat(accounts.bind(citizen, WATER, account("1234"), "家里"))
                .isEqualTo(new BillAccounts.Result.Refused<>(BillProblem.TOO_MANY_ATTEMPTS));
        // malformed numbers never reach the biller and do not count; another citizen has an allowance of their own
        assertThat(accounts.bind(citizen, WATER, "12", "家里"))
                .isEqualTo(new BillAccounts.Result.Refused<>(BillProblem.BAD_ACCOUNT_NUMBER));
        bound(citizen(), WATER, account("1234"));
    }
}
