package org.citycard.payment.internal;

import java.time.Instant;

import javax.sql.DataSource;

import org.citycard.payment.PaymentOrders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
     * The janitor: closes orders past their expiry. (Querying channels about orders stuck in paying, and retrying
     * what failed, join it with the channel adapters.)
     */
    @Component
    static class Janitor {

        private static final Logger log = LoggerFactory.getLogger(Janitor.class);

        private final PaymentOrders orders;

        Janitor(PaymentOrders orders) {
            this.orders = orders;
        }

        @Scheduled(fixedDelayString = "${citycard.payment.janitor-interval:PT1M}", initialDelayString = "PT30S")
        @SchedulerLock(name = "payment-janitor", lockAtMostFor = "PT5M")
        public void closeExpiredOrders() {
            int closed = orders.closeExpired(Instant.now());
            if (closed > 0) {
                log.info("Closed {} expired payment orders", closed);
            }
        }
    }
}
