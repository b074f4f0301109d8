package org.citycard.payment.internal;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentJanitor;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.Reconciliation;
import org.citycard.payment.Refunds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** The payment module's scheduled jobs, each on one node at a time (ShedLock on the database's clock). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
class PaymentJobs {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
    }

    /**
     * The janitor, every minute on one node ({@code citycard.payment.janitor-lock-at-least} keeps the others from
     * running it again within that time): asks the channel about orders stuck in paying (a lost notification,
     * or a crash between the channel's success and our update, is repaired here), closes expired orders at their
     * channel and then here, resubmits fulfilments whose listener failed (the event publication registry keeps
     * them), and asks again about refunds the channel has not settled.
     */
    @Component
    static class Janitor implements PaymentJanitor {

        private static final Logger log = LoggerFactory.getLogger(Janitor.class);

        private final OrderBook orders;
        private final Channels channels;
        private final ChannelRefunds refunds;
        private final Settlement settlement;
        private final Duration quiet;
        private final IncompleteEventPublications incomplete;
        private final StrayPayments strays;
        private final io.micrometer.core.instrument.Counter runs;

        Janitor(OrderBook orders, Channels channels, ChannelRefunds refunds, Settlement settlement,
                @Value("${citycard.payment.janitor-quiet:PT2M}") Duration quiet,
                IncompleteEventPublications incomplete, StrayPayments strays,
                org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
            // counted where the lock lets it run: summed over the nodes, the runs there were
            this.runs = io.micrometer.core.instrument.Counter.builder("citycard.jobs.runs").tag("job", "payment-janitor")
                    .description("Scheduled jobs run on this node (under their cluster-wide lock)")
                    .register(meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
            this.strays = strays;
            this.incomplete = incomplete;
            this.orders = orders;
            this.channels = channels;
            this.refunds = refunds;
            this.settlement = settlement;
            this.quiet = quiet;
        }

        @Scheduled(fixedDelayString = "${citycard.payment.janitor-interval:PT1M}", initialDelayString = "${citycard.payment.janitor-initial-delay:PT30S}")
        @SchedulerLock(name = "payment-janitor", lockAtMostFor = "PT5M",
                lockAtLeastFor = "${citycard.payment.janitor-lock-at-least:PT0S}")
        @Override
        public void sweep() {
            runs.increment();
            Instant now = Instant.now();
            int repaired = 0;
            for (PaymentOrder order : orders.stuckPaying(now, quiet, 200)) {
                try {
                    repaired += settlement.settle(order, now) ? 1 : 0;
                } catch (RuntimeException e) {
                    log.warn("Janitor could not settle order {} with {}: {}", order.no().value(), order.channel(),
                            e.getClass().getSimpleName());
                }
            }
            int closed = orders.closeExpired(now);
            // a fulfilment that failed (the wallet credit, say) is tried again; each is keyed, so never twice
            incomplete.resubmitIncompletePublicationsOlderThan(quiet.isZero() ? Duration.ofSeconds(1) : quiet);
            int refunded = 0;
            for (OrderBook.Refund refund : orders.pendingRefunds(now.minus(quiet), 200)) {
                try {
                    refunded += retry(refund) ? 1 : 0;
                } catch (RuntimeException e) {
                    log.warn("Janitor could not settle refund {}: {}", refund.refundNo(), e.getClass().getSimpleName());
                }
            }
            int returned = 0;
            for (StrayPayments.Stray stray : strays.open(100)) {
                try {
                    returned += giveBack(stray) ? 1 : 0;
                } catch (RuntimeException e) {
                    log.warn("Janitor could not return stray payment {}: {}", stray.refundNo(), e.getClass().getSimpleName());
                }
            }
            if (repaired + closed + refunded + returned > 0) {
                log.info("Janitor: {} paying orders settled, {} unpaid orders closed, {} refunds settled, {} stray "
                        + "payments returned", repaired, closed, refunded, returned);
            }
        }

        /** Sends (or asks after) the refund of a payment made through a channel the order no longer uses. */
        private boolean giveBack(StrayPayments.Stray stray) {
            PaymentOrder order = orders.find(stray.order()).orElseThrow();
            PaymentChannel channel = channels.find(stray.channel()).orElseThrow();
            PaymentOrder there = StrayPayments.asPaidAt(order, stray);
            PaymentChannel.RefundOutcome outcome = channel.queryRefund(there, stray.refundNo());
            if (outcome instanceof PaymentChannel.RefundOutcome.Pending) {
                outcome = channel.refund(there, stray.refundNo(), stray.amountFen());
            }
            return switch (outcome) {
                case PaymentChannel.RefundOutcome.Done done -> strays.settle(order, stray.refundNo(), true, null);
                case PaymentChannel.RefundOutcome.Failed failed ->
                        strays.settle(order, stray.refundNo(), false, failed.reason());
                case PaymentChannel.RefundOutcome.Pending pending -> false;
            };
        }

        private boolean retry(OrderBook.Refund refund) {
            PaymentOrder order = orders.find(refund.order()).orElseThrow();
            PaymentChannel channel = channels.find(order.channel()).orElseThrow();
            PaymentChannel.RefundOutcome outcome = channel.queryRefund(order, refund.refundNo());
            if (outcome instanceof PaymentChannel.RefundOutcome.Pending) {
                // held already when it was first sent; one requested before holds existed, or whose hold failed on
                // our side, is held now if it still can be (it may be at the channel already, so it goes regardless)
                refunds.hold(order, refund.refundNo(), refund.amountFen()).ifPresent(refusal -> log.warn(
                        "Refund {} could not be held ({}); it is asked for again all the same", refund.refundNo(), refusal));
                // unknown at the channel, or still on its way: asking again with the same number is safe
                outcome = channel.refund(order, refund.refundNo(), refund.amountFen());
            }
            return !(refunds.settle(refund.refundNo(), outcome) instanceof Refunds.Result.Pending);
        }
    }

    /**
     * Every night on one node, notifications that were not believed are forgotten once older than
     * {@code citycard.payment.rejected-notification-retention} (30 days): long enough to look into an attack or a
     * misconfigured key, short enough that junk cannot fill the store. Believed ones are kept.
     */
    @Component
    static class NotificationRetention {

        private static final Logger log = LoggerFactory.getLogger(NotificationRetention.class);

        private final org.citycard.payment.Notifications notifications;
        private final Duration retention;

        NotificationRetention(org.citycard.payment.Notifications notifications,
                              @Value("${citycard.payment.rejected-notification-retention:P30D}") Duration retention) {
            this.notifications = notifications;
            this.retention = retention;
        }

        @Scheduled(cron = "${citycard.payment.notification-retention-cron:0 30 3 * * *}", zone = org.citycard.kernel.ChinaTime.ID)
        @SchedulerLock(name = "payment-notification-retention", lockAtMostFor = "PT30M")
        public void forget() {
            int forgotten = notifications.forgetRejectedOlderThan(retention);
            if (forgotten > 0) {
                log.info("Forgot {} rejected payment notifications older than {}", forgotten, retention);
            }
        }
    }

    /** Every morning, yesterday's statements against our books (China time), on one node. */
    @Component
    static class Reconciler {

        private final Reconciliation reconciliation;

        Reconciler(Reconciliation reconciliation) {
            this.reconciliation = reconciliation;
        }

        @Scheduled(cron = "${citycard.payment.reconciliation-cron:0 0 10 * * *}", zone = org.citycard.kernel.ChinaTime.ID)
        @SchedulerLock(name = "payment-reconciliation", lockAtMostFor = "PT30M")
        public void yesterday() {
            reconciliation.run(java.time.LocalDate.now(JdbcReconciliation.CHINA).minusDays(1));
        }
    }
}
