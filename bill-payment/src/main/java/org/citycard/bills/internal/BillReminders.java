package org.citycard.bills.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.citycard.bills.BillAccounts;
import org.citycard.bills.Statement;
import org.citycard.card.CitizenId;
import org.citycard.kernel.ChinaTime;
import org.citycard.kernel.Fen;
import org.citycard.messages.Messages;
import org.citycard.messages.Notice;
import org.citycard.messages.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Bills falling due, every morning on one node: each bound account without auto-pay is asked of its biller, and a bill
 * due in {@value #DAYS_AHEAD} days gets a notice (once per bill). Accounts with auto-pay hear from auto-pay instead.
 */
@Component
class BillReminders {

    static final int DAYS_AHEAD = 3;
    private static final Logger log = LoggerFactory.getLogger(BillReminders.class);

    private final JdbcClient jdbc;
    private final BillAccounts accounts;
    private final Messages messages;

    BillReminders(JdbcClient jdbc, BillAccounts accounts, Messages messages) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.messages = messages;
    }

    @Scheduled(cron = "${citycard.bills.reminders-cron:0 0 10 * * *}", zone = ChinaTime.ID)
    @SchedulerLock(name = "bills-reminders", lockAtMostFor = "PT1H")
    void today() {
        run(LocalDate.now(ChinaTime.ZONE));
    }

    /** Sends the day's reminders; returns how many bills were reminded of. */
    int run(LocalDate today) {
        record Bound(String citizen, UUID account) {
        }
        List<Bound> bound = jdbc.sql("""
                        select a.citizen_id, a.id from bill_account a
                        where a.bound_index is not null
                        and not exists (select 1 from bill_auto_pay p where p.account_id = a.id and p.state = 'ACTIVE')""")
                .query((rs, n) -> new Bound(rs.getString(1), rs.getObject(2, UUID.class))).list();
        int reminded = 0;
        for (Bound b : bound) {
            CitizenId citizen = CitizenId.parse(b.citizen()).orElseThrow();
            if (!(accounts.statement(citizen, b.account()) instanceof BillAccounts.Result.Done<Statement> done)) {
                continue; // the biller is away: tomorrow's run reminds of what is still due
            }
            Statement s = done.value();
            for (Statement.Bill bill : s.bills()) {
                if (!bill.dueDate().equals(today.plusDays(DAYS_AHEAD))) {
                    continue;
                }
                String amount = Fen.of(bill.totalFen()).display();
                try {
                    messages.send(new Notice(citizen, Topic.BILL_DUE, false, "账单即将到期",
                            s.account().nickname() + "（" + s.account().biller().name() + "）" + bill.period() + " 账单 "
                                    + amount + "，请于 " + bill.dueDate() + " 前缴纳，逾期将产生滞纳金。",
                            "Bill due soon", s.account().biller().name() + " " + bill.period() + " bill " + amount
                                    + " is due on " + bill.dueDate() + "; a late fee follows after that.",
                            "/me/bills", "bill-due:" + b.account() + ":" + bill.billId()));
                    reminded++;
                } catch (RuntimeException e) {
                    log.warn("Reminder for an account not sent: {}", e.getClass().getSimpleName());
                }
            }
        }
        return reminded;
    }
}
