package org.citycard.sandbox.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import org.citycard.card.CitizenId;
import org.citycard.payment.ChannelId;
import org.citycard.payment.OrderNo;
import org.citycard.payment.OrderState;
import org.citycard.payment.PaymentChannel.StatementEntry.Kind;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Reconciliation;
import org.citycard.payment.Reconciliation.Outcome;
import org.citycard.payment.Refunds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reconciliation against the statements the sandbox serves in each channel's own format (WeChat Pay's back-ticked
 * CSV behind a SHA-1, Alipay's GBK CSV in a zip, UnionPay's fixed-width ZM file by ACP file transfer): every kind of
 * difference, the day's settlement, and payments that fall on either side of a day's end.
 */
class ReconciliationOnSandboxTest extends SandboxOnPostgres {

    @Autowired
    Reconciliation reconciliation;

    @Test
    void todays_statements_show_matches_and_every_kind_of_difference_with_what_to_do() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        CitizenId citizen = citizen();
        OrderNo matched = order(citizen, 5_000);
        cashier.approve(token(citizen, matched, ChannelId.WECHAT_PAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 5_000);
        var refund = (Refunds.Result.Pending) refunds.refund(matched, 1_000, "部分退款", "finance1");
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.refund(refund.refundNo()).orElseThrow().state()
                == PaymentOrders.RefundState.SUCCEEDED);
        // paid at WeChat Pay, its notification lost, and no janitor yet: missing here
        OrderNo lost = order(citizen, 2_077);
        cashier.approve(token(citizen, lost, ChannelId.WECHAT_PAY));
        // marked paid here without WeChat Pay having taken anything: missing at the channel
        OrderNo phantom = order(citizen, 3_000);
        token(citizen, phantom, ChannelId.WECHAT_PAY);
        orders.markPaid(phantom, ChannelId.WECHAT_PAY, "4200000000000000000000000000", 3_000);
        // both paid, but our books say another amount
        OrderNo skewed = order(citizen, 4_000);
        cashier.approve(token(citizen, skewed, ChannelId.WECHAT_PAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(skewed).orElseThrow().state() == OrderState.PAID);
        jdbc.sql("update payment_order set amount = 4100 where order_no = :no").param("no", skewed.value()).update();
        // Alipay: a payment and a refund that match
        OrderNo alipay = order(citizen, 8_000);
        cashier.approve(token(citizen, alipay, ChannelId.ALIPAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(alipay).orElseThrow().state() == OrderState.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 4_000 + 3_000 + 4_000 + 8_000);
        var alipayRefund = (Refunds.Result.Done) refunds.refund(alipay, 2_000, "部分退款", "finance1");

        Reconciliation.Report report = reconciliation.run(today);
        assertThat(report.differences()).filteredOn(d -> d.orderNo().equals(lost.value()))
                .singleElement().satisfies(d -> {
                    assertThat(d.outcome()).isEqualTo(Outcome.MISSING_HERE);
                    assertThat(d.channelFen()).isEqualTo(2_077L);
                    assertThat(d.action()).isEqualTo("reconciliation.action.MISSING_HERE.PAYMENT");
                });
        assertThat(report.differences()).filteredOn(d -> d.orderNo().equals(phantom.value()))
                .singleElement().extracting(Reconciliation.Difference::outcome).isEqualTo(Outcome.MISSING_AT_CHANNEL);
        assertThat(report.differences()).filteredOn(d -> d.orderNo().equals(skewed.value()))
                .singleElement().satisfies(d -> {
                    assertThat(d.outcome()).isEqualTo(Outcome.AMOUNT_MISMATCH);
                    assertThat(d.ourFen()).isEqualTo(4_100L);
                    assertThat(d.channelFen()).isEqualTo(4_000L);
                });
        // the matched payment and both refunds are not differences
        assertThat(report.differences()).noneMatch(d -> d.orderNo().equals(matched.value())
                || d.orderNo().equals(alipay.value()) || alipayRefund.refundNo().equals(d.refundNo()));

        Reconciliation.Summary wechat = report.summaries().stream().filter(s -> s.channel() == ChannelId.WECHAT_PAY)
                .findFirst().orElseThrow();
        assertThat(wechat.error()).isNull();
        assertThat(wechat.refunds()).isGreaterThanOrEqualTo(1);
        assertThat(wechat.feeFen()).isPositive();
        assertThat(wechat.netFen()).isEqualTo(wechat.paidFen() - wechat.refundedFen() - wechat.feeFen());
        Reconciliation.Summary alipaySummary = report.summaries().stream().filter(s -> s.channel() == ChannelId.ALIPAY)
                .findFirst().orElseThrow();
        assertThat(alipaySummary.error()).isNull();
        assertThat(alipaySummary.payments()).isGreaterThanOrEqualTo(1);
        assertThat(alipaySummary.refunds()).isGreaterThanOrEqualTo(1);

        // a second run replaces the first: the same report, kept once
        reconciliation.run(today);
        assertThat(reconciliation.report(today).orElseThrow().differences()).hasSameSizeAs(report.differences());
        assertThat(reconciliation.report(today).orElseThrow().differences())
                .anyMatch(d -> d.kind() == Kind.PAYMENT && d.orderNo().equals(lost.value()));
    }

    @Test
    void unionpay_settlement_files_are_read_for_the_settlement_date_unionpay_gave() {
        CitizenId citizen = citizen();
        OrderNo paid = order(citizen, 6_000);
        cashier.approve(token(citizen, paid, ChannelId.UNIONPAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 6_000);
        // UnionPay's day ends at 23:00 China time: the notification said which settlement date carries it
        LocalDate settled = statementDay("payment_order", "order_no", paid.value());
        var refund = (Refunds.Result.Pending) refunds.refund(paid, 1_500, "部分退款", "finance1");
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.refund(refund.refundNo()).orElseThrow().state()
                == PaymentOrders.RefundState.SUCCEEDED);
        // paid at UnionPay, its notification lost (.77), no janitor yet: missing here
        OrderNo lost = order(citizen, 3_077);
        cashier.approve(token(citizen, lost, ChannelId.UNIONPAY));
        // UnionPay's day may have ended (23:00 China time) between the payments: the lost one is on the next file
        LocalDate lostSettled = org.citycard.payment.StatementDays.ofMonthDay(
                UnionPaySimulator.settleDate(java.time.Instant.now()), java.time.Instant.now());
        // marked paid here without UnionPay having taken anything: missing at the channel
        OrderNo phantom = order(citizen, 2_000);
        token(citizen, phantom, ChannelId.UNIONPAY);
        orders.markPaid(phantom, ChannelId.UNIONPAY, "000000000000000000000", 2_000, settled);

        Reconciliation.Report report = reconciliation.run(settled);
        java.util.List<Reconciliation.Difference> lostDifferences = (lostSettled.equals(settled) ? report
                : reconciliation.run(lostSettled)).differences();

        Reconciliation.Summary unionPay = report.summaries().stream().filter(s -> s.channel() == ChannelId.UNIONPAY)
                .findFirst().orElseThrow();
        assertThat(unionPay.error()).isNull();
        assertThat(unionPay.payments()).isGreaterThanOrEqualTo(1);
        assertThat(unionPay.feeFen()).isPositive();
        assertThat(unionPay.netFen()).isEqualTo(unionPay.paidFen() - unionPay.refundedFen() - unionPay.feeFen());
        if (statementDay("payment_refund", "refund_no", refund.refundNo()).equals(settled)) {
            assertThat(unionPay.refunds()).isGreaterThanOrEqualTo(1);
        }
        assertThat(lostDifferences).filteredOn(d -> lost.value().equals(d.orderNo())).singleElement()
                .satisfies(d -> {
                    assertThat(d.outcome()).isEqualTo(Outcome.MISSING_HERE);
                    assertThat(d.channelFen()).isEqualTo(3_077L);
                });
        assertThat(report.differences()).filteredOn(d -> phantom.value().equals(d.orderNo())).singleElement()
                .extracting(Reconciliation.Difference::outcome).isEqualTo(Outcome.MISSING_AT_CHANNEL);
        assertThat(report.differences()).noneMatch(d -> paid.value().equals(d.orderNo()));
    }

    @Test
    void a_payment_the_channel_settled_before_midnight_and_we_recorded_after_is_matched_on_neither_day_as_missing() {
        CitizenId citizen = citizen();
        OrderNo late = order(citizen, 4_200);
        cashier.approve(token(citizen, late, ChannelId.WECHAT_PAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(late).orElseThrow().state() == OrderState.PAID);
        // the day of WeChat Pay's success time, which its notification carried
        LocalDate day = statementDay("payment_order", "order_no", late.value());
        // as if the notification had come three seconds after midnight and said no time of its own
        jdbc.sql("update payment_order set statement_day = null, paid_at = :after where order_no = :no")
                .param("after", java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(CHINA).toInstant().plusSeconds(3)))
                .param("no", late.value()).update();

        Reconciliation.Report onTheDay = reconciliation.run(day);
        assertThat(onTheDay.differences()).noneMatch(d -> late.value().equals(d.orderNo()));
        // the statement's day is now ours too
        assertThat(statementDay("payment_order", "order_no", late.value())).isEqualTo(day);

        Reconciliation.Report theDayAfter = reconciliation.run(day.plusDays(1));
        assertThat(theDayAfter.differences()).noneMatch(d -> late.value().equals(d.orderNo()));
    }

    @Test
    void a_day_that_reported_a_payment_missing_is_corrected_by_the_statement_that_carries_it_and_a_second_settlement_is_a_difference() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 3_300);
        cashier.approve(token(citizen, no, ChannelId.WECHAT_PAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(no).orElseThrow().state() == OrderState.PAID);
        LocalDate day = statementDay("payment_order", "order_no", no.value());
        LocalDate before = day.minusDays(1);
        // as if we had expected it the day before: that day's reconciliation reports it missing at WeChat Pay
        jdbc.sql("update payment_order set statement_day = :before where order_no = :no")
                .param("before", java.sql.Date.valueOf(before)).param("no", no.value()).update();
        assertThat(reconciliation.run(before).differences()).filteredOn(d -> no.value().equals(d.orderNo()))
                .singleElement().extracting(Reconciliation.Difference::outcome).isEqualTo(Outcome.MISSING_AT_CHANNEL);
        int differencesBefore = wechat(reconciliation.report(before).orElseThrow()).differences();

        // the day's statement carries it: matched there, and the day before no longer reports it
        assertThat(reconciliation.run(day).differences()).noneMatch(d -> no.value().equals(d.orderNo()));
        assertThat(reconciliation.report(before).orElseThrow().differences())
                .noneMatch(d -> no.value().equals(d.orderNo()));
        assertThat(wechat(reconciliation.report(before).orElseThrow()).differences()).isEqualTo(differencesBefore - 1);

        // had the day before's statement matched it, this day's line would be WeChat Pay settling it a second time
        jdbc.sql("update payment_order set statement_day = :before where order_no = :no")
                .param("before", java.sql.Date.valueOf(before)).param("no", no.value()).update();
        assertThat(reconciliation.run(day).differences()).filteredOn(d -> no.value().equals(d.orderNo()))
                .singleElement().satisfies(d -> {
                    assertThat(d.outcome()).isEqualTo(Outcome.DUPLICATE_AT_CHANNEL);
                    assertThat(d.channelFen()).isEqualTo(3_300L);
                    assertThat(d.action()).isEqualTo("reconciliation.action.DUPLICATE_AT_CHANNEL.PAYMENT");
                });
    }

    private static Reconciliation.Summary wechat(Reconciliation.Report report) {
        return report.summaries().stream().filter(s -> s.channel() == ChannelId.WECHAT_PAY).findFirst().orElseThrow();
    }

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private LocalDate statementDay(String table, String key, String value) {
        return jdbc.sql("select statement_day from " + table + " where " + key + " = :value").param("value", value)
                .query(java.sql.Date.class).single().toLocalDate();
    }
}
