package org.citycard.health.vaccination.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.citycard.card.CitizenId;
import org.citycard.health.vaccination.WaitingRoom;
import org.junit.jupiter.api.Test;

/** The embedded default's waiting room (one node): the same rules as in Redis, in memory. */
class LocalWaitingRoomTest {

    /**
     * While the next opening's line fills, the line of the opening under way is joined too: the two live side by side
     * and keep their numbers (a line once replaced the other whenever it was new).
     */
    @Test
    void the_line_under_way_and_the_next_one_keep_their_numbers_side_by_side() {
        LocalWaitingRoom room = new LocalWaitingRoom(new Line(1, 0.001), null, 0);
        Instant underWay = Instant.now().minus(Duration.ofMinutes(5));
        Instant next = Instant.now().plus(Duration.ofMinutes(20));
        CitizenId first = CitizenId.random();
        CitizenId second = CitizenId.random();
        assertThat(room.join("hpv-9", next, first, "10.0.0.1").orElseThrow().number()).isEqualTo(1);
        assertThat(room.join("hpv-9", underWay, first, "10.0.0.1").orElseThrow().admitted()).isTrue();
        assertThat(room.join("hpv-9", next, second, "10.0.0.1").orElseThrow().number()).isEqualTo(2);
        WaitingRoom.Status secondUnderWay = room.join("hpv-9", underWay, second, "10.0.0.1").orElseThrow();
        assertThat(secondUnderWay.number()).isEqualTo(2);
        assertThat(secondUnderWay.admitted()).isFalse();
        assertThat(room.status("hpv-9", next, first).orElseThrow().number()).isEqualTo(1);
        assertThat(room.status("hpv-9", underWay, first).orElseThrow().admitted()).isTrue();
        assertThat(room.status("hpv-9", next, first).orElseThrow().admitted()).isFalse();
        // a line of an opening more than a day old is forgotten when a new line starts
        Instant lastWeek = Instant.now().minus(Duration.ofDays(7));
        room.join("hpv-9", lastWeek, first, "10.0.0.1");
        room.join("hpv-9", Instant.now().plus(Duration.ofDays(1)), first, "10.0.0.1");
        assertThat(room.status("hpv-9", lastWeek, first)).isEmpty();
        assertThat(room.status("hpv-9", next, second)).isPresent();
    }
}
