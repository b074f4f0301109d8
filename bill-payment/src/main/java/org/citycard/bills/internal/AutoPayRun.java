package org.citycard.bills.internal;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.citycard.bills.BillAccounts;
import org.citycard.bills.BillPayments;
import org.citycard.bills.Statement;
import org.citycard.card.CitizenId;
import org.citycard.kernel.ChinaTime;
import org.citycard.kernel.Fen;
import org.citycard.messages.Messages;
import org.citycard.messages.Notice;
import org.citycard.messages.Topic;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The day's auto-pay, every morning on one node: for each active agreement the biller is asked what the account owes;
 * a bill due tomorrow gets a notice; one due today (or overdue) is paid from the wallet, within what is left of the
 * month's cap, and the citizen is told the outcome. A failure (short wallet, over the cap) is tried again on each of
 * the next two days; the third stops the agreement until the citizen resumes it. Each day's attempt has its own
 * idempotency key, so a second run the same day changes nothing.
 */
@Component
class AutoPayRun {

    private static final Logger log = LoggerFactory.getLogger(AutoPayRun.class);
    static final int TRIES = 3;

    private final JdbcClient jdbc;
    private final BillAccounts accounts;
    private final BillPayments payments;
    private final Checkout checkout;
    private final Messages messages;
    private final org.citycard.card.Wallets wallets;

    AutoPayRun(JdbcClient jdbc, BillAccounts accounts, BillPayments payments, Checkout checkout, Messages messages,
               org.citycard.card.Wallets wallets) {
        this.wallets = wallets;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.payments = payments;
        this.checkout = checkout;
        this.messages = messages;
    }

    record Due(UUID id, CitizenId citizen, UUID account, long cap, int failures, LocalDate nextTryOn) {
    }

    @Scheduled(cron = "${citycard.bills.auto-pay-cron:0 0 9 * * *}", zone = ChinaTime.ID)
    @SchedulerLock(name = "bills-auto-pay", lockAtMostFor = "PT30M")
    void today() {
        run(LocalDate.now(ChinaTime.ZONE));
    }

    /** Runs the given day's auto-pay; returns how many payments it made. */
    int run(LocalDate today) {
        List<Due> agreements = jdbc.sql("""
                        select id, citizen_id, account_id, monthly_cap, failures, next_try_on from bill_auto_pay
                        where state = 'ACTIVE'""")
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), CitizenId.parse(rs.getString(2)).orElseThrow(),
                        rs.getObject(3, UUID.class), rs.getLong(4), rs.getInt(5), rs.getObject(6, LocalDate.class)))
                .list();
        int paid = 0;
        for (Due due : agreements) {
            try {
                paid += one(due, today) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("Auto-pay {} not run today: {}", due.id(), e.getClass().getSimpleName());
            }
        }
        return paid;
    }

    private boolean one(Due due, LocalDate today) {
        if (!(accounts.statement(due.citizen(), due.account()) instanceof BillAccounts.Result.Done<Statement> done)) {
            return false; // the biller is away or the account gone: tomorrow again
        }
        Statement s = done.value();
        String name = s.account().nickname() + "（" + s.account().biller().name() + "）";
        if (s.bills().stream().anyMatch(b -> b.dueDate().equals(today.plusDays(1)))) {
            notice(due, Topic.AUTO_PAY_BEFORE, "明日自动缴费", name + " 的账单明天到期，将从钱包自动缴纳 " + Fen.of(s.arrearsFen()).display() + "。",
                    "Auto-pay tomorrow", s.account().biller().name() + " bill due tomorrow: " + Fen.of(s.arrearsFen()).display()
                            + " will be paid from the wallet.", "before:" + today);
        }
        boolean dueNow = s.bills().stream().anyMatch(b -> !b.dueDate().isAfter(today));
        if (!dueNow || due.nextTryOn() != null && due.nextTryOn().isAfter(today)) {
            return false;
        }
        long spent = spentThisMonth(due.id(), YearMonth.from(today));
        long owed = s.account().biller().chargeMode() == org.citycard.bills.ChargeMode.EXACT_BILL
                ? s.bills().getFirst().totalFen() : s.arrearsFen();
        Optional<String> failure = owed + spent > due.cap() ? Optional.of("over-cap")
                : wallets.balance(due.citizen()).orElse(0) < owed ? Optional.of("wallet-short") : Optional.empty();
        if (failure.isEmpty()) {
            String key = "auto-pay:" + due.id() + ":" + today;
            switch (payments.start(due.citizen(), due.account(), null, null, key)) {
                case BillPayments.Start.Created created -> {
                    jdbc.sql("update bill_payment set auto_pay_id = :a where id = :id").param("a", due.id())
                            .param("id", created.payment().id()).update();
                    failure = pay(due.citizen(), created.order().no());
                }
                case BillPayments.Start.Existing existing -> {
                    return false; // already done today
                }
                case BillPayments.Start.Refused refused -> {
                    return false; // nothing to pay, or a payment in flight: nothing to do today
                }
            }
        }
        String amount = Fen.of(owed).display();
        if (failure.isEmpty()) {
            jdbc.sql("update bill_auto_pay set failures = 0, next_try_on = null where id = :id").param("id", due.id()).update();
            notice(due, Topic.AUTO_PAY_AFTER, "自动缴费成功", name + " 已从钱包自动缴纳 " + amount + "。",
                    "Auto-paid", s.account().biller().name() + ": " + amount + " paid from the wallet.", "after:" + today);
            return true;
        }
        int failures = due.failures() + 1;
        boolean stop = failures >= TRIES;
        jdbc.sql("""
                        update bill_auto_pay set failures = :f, next_try_on = :next,
                               state = case when :stop then 'STOPPED' else state end,
                               stop_reason = case when :stop then :why else stop_reason end
                        where id = :id""")
                .param("f", failures).param("next", today.plusDays(1)).param("stop", stop)
                .param("why", failure.get()).param("id", due.id()).update();
        String why = switch (failure.get()) {
            case "over-cap" -> "超出每月上限 " + Fen.of(due.cap()).display();
            case "wallet-short" -> "钱包余额不足";
            case "daily-limit" -> "超出钱包每日支付限额";
            case "card-frozen" -> "市民卡已挂失冻结";
            default -> "支付未成功";
        };
        String whyEn = switch (failure.get()) {
            case "over-cap" -> "over the monthly cap of " + Fen.of(due.cap()).display();
            case "wallet-short" -> "the wallet is short";
            case "daily-limit" -> "over the wallet's daily payment limit";
            case "card-frozen" -> "the citizen card is frozen after a loss report";
            default -> "the payment did not go through";
        };
        notice(due, Topic.AUTO_PAY_AFTER, stop ? "自动缴费已暂停" : "自动缴费未成功",
                name + " 自动缴纳 " + amount + " 未成功（" + why + "）。" + (stop ? "已连续 3 次未成功，自动缴费已暂停，请手动缴费或恢复。"
                        : "明天将再试一次。"),
                stop ? "Auto-pay stopped" : "Auto-pay failed", s.account().biller().name() + ": " + amount
                        + " could not be paid (" + whyEn + "). " + (stop ? "After 3 tries auto-pay is stopped until you resume it."
                        : "It will be tried again tomorrow."), "after:" + today);
        return false;
    }

    private Optional<String> pay(CitizenId citizen, org.citycard.payment.OrderNo order) {
        return switch (checkout.pay(citizen, order, ChannelId.WALLET, Scene.WALLET)) {
            case Checkout.Result.Paid ignored -> Optional.empty();
            case Checkout.Result.Confirm ignored -> Optional.of("payment-refused");
            // a wallet never opened (never topped up) declines as short of money
            case Checkout.Result.Refused refused -> Optional.of(switch (refused.reason()) {
                case INSUFFICIENT_FUNDS, DECLINED -> "wallet-short";
                case DAILY_LIMIT_EXCEEDED -> "daily-limit";
                case CARD_FROZEN -> "card-frozen";
                default -> "payment-refused";
            });
        };
    }

    private long spentThisMonth(UUID agreement, YearMonth month) {
        return jdbc.sql("""
                        select coalesce(sum(amount), 0) from bill_payment where auto_pay_id = :a
                        and state in ('PAID_AWAITING_WRITE_OFF', 'WRITTEN_OFF') and paid_at >= :from""")
                .param("a", agreement).param("from", Timestamp.from(month.atDay(1).atStartOfDay(ChinaTime.ZONE).toInstant()))
                .query(Long.class).single();
    }

    private void notice(Due due, Topic topic, String titleZh, String bodyZh, String titleEn, String bodyEn, String key) {
        messages.send(new Notice(due.citizen(), topic, false, titleZh, bodyZh, titleEn, bodyEn, "/me/bills",
                "auto-pay:" + due.id() + ":" + key));
    }
}
