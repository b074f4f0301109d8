package org.citycard.health.vaccination.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.citycard.health.vaccination.WaitingRoom;
import org.junit.jupiter.api.Test;

/** A line admits its first {@code burst} at once, then so many a second, and says how long the rest will wait. */
class LineTest {

    private static final Instant START = Instant.parse("2026-12-08T02:00:00Z");

    @Test
    void the_head_of_the_line_is_admitted_at_once_and_the_rest_at_the_rate() {
        Line line = new Line(100, 20);
        assertThat(line.status(100, 5_000, START, START)).isEqualTo(new WaitingRoom.Status(100, 0, true, Duration.ZERO, 5_000));
        WaitingRoom.Status later = line.status(1_100, 5_000, START, START);
        assertThat(later.admitted()).isFalse();
        assertThat(later.ahead()).isEqualTo(1_000);
        assertThat(later.expectedWait()).isEqualTo(Duration.ofSeconds(50));
        assertThat(line.status(1_100, 5_000, START, START.plusSeconds(49)).admitted()).isFalse();
        assertThat(line.status(1_100, 5_000, START, START.plusSeconds(50)).admitted()).isTrue();
        assertThat(line.status(1_100, 5_000, START, START.plusSeconds(30)).expectedWait()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void before_its_opening_nobody_is_admitted_and_the_wait_counts_the_time_until_it() {
        Line line = new Line(100, 20);
        Instant tenMinutesBefore = START.minus(Duration.ofMinutes(10));
        WaitingRoom.Status first = line.status(1, 1, START, tenMinutesBefore);
        assertThat(first.admitted()).isFalse();
        assertThat(first.ahead()).isZero();
        assertThat(first.expectedWait()).isEqualTo(Duration.ofMinutes(10));
        assertThat(line.status(1_100, 1_100, START, tenMinutesBefore).expectedWait())
                .isEqualTo(Duration.ofMinutes(10).plusSeconds(50));
        assertThat(line.status(1, 1, START, START).admitted()).isTrue();
    }
}
