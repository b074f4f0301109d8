package org.citycard.api.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RejectedSendersTest {

    private Instant now = Instant.parse("2026-11-21T04:00:05Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void an_address_past_its_budget_of_forgeries_is_no_longer_kept_until_the_minute_ends() {
        RejectedSenders senders = new RejectedSenders(3, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(senders.keepRejectedFrom("203.0.113.9")).isTrue();
            senders.rejected("203.0.113.9");
        }
        assertThat(senders.keepRejectedFrom("203.0.113.9")).isFalse();
        // another address has its own budget
        assertThat(senders.keepRejectedFrom("198.51.100.4")).isTrue();

        now = now.plus(Duration.ofSeconds(60));
        assertThat(senders.keepRejectedFrom("203.0.113.9")).isTrue();
    }

    @Test
    void an_ipv6_host_is_counted_by_its_network_and_a_full_table_keeps_no_forgeries_of_strangers() {
        RejectedSenders senders = new RejectedSenders(2, clock);
        senders.rejected("2001:db8:85a3:1::1");
        senders.rejected("2001:db8:85a3:1::2");
        assertThat(senders.keepRejectedFrom("2001:db8:85a3:1:ffff::9")).isFalse();
        assertThat(senders.keepRejectedFrom("2001:db8:85a3:2::1")).isTrue();

        for (int i = 0; senders.keepRejectedFrom("192.0.2.200"); i++) {
            senders.rejected("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
            assertThat(i).isLessThan(RejectedSenders.SENDERS + 1);
        }
        assertThat(senders.keepRejectedFrom("192.0.2.200")).isFalse();
        // the next minute starts afresh
        now = now.plus(Duration.ofSeconds(60));
        assertThat(senders.keepRejectedFrom("192.0.2.200")).isTrue();
    }

    @Test
    void the_log_names_the_network_not_the_host() {
        assertThat(RejectedSenders.masked("203.0.113.9")).isEqualTo("203.0.*.*");
        assertThat(RejectedSenders.masked("2001:db8:85a3::8a2e:370:7334")).isEqualTo("2001:db8:*");
        assertThat(RejectedSenders.masked("localhost")).isEqualTo("*");
    }
}
