package org.citycard.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

class BusyTest {

    @Test
    void a_pool_that_timed_out_or_a_command_cut_off_is_busy_wherever_it_sits_in_the_causes() {
        var pool = new SQLTransientConnectionException("Connection is not available, request timed out after 30000ms");
        assertThat(Busy.in(pool)).isTrue();
        assertThat(Busy.in(new IllegalStateException("wrapped", new RuntimeException(pool)))).isTrue();
        assertThat(Busy.what(new IllegalStateException("wrapped", pool))).isEqualTo("SQLTransientConnectionException");
        assertThat(Busy.in(new CancellationException())).isTrue();
    }

    @Test
    void our_own_mistakes_and_bad_data_are_not_busy() {
        assertThat(Busy.in(new NullPointerException())).isFalse();
        assertThat(Busy.in(new IllegalArgumentException("bad", new java.sql.SQLException("syntax error", "42601"))))
                .isFalse();
        assertThat(Busy.what(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void a_burst_of_busy_answers_is_logged_once_a_second_with_how_many_went_unlogged() throws Exception {
        Throwable away = new CancellationException();
        Thread.sleep(1_100);
        assertThat(Busy.toLog(away)).isEqualTo("CancellationException");
        for (int i = 0; i < 500; i++) {
            assertThat(Busy.toLog(away)).isNull();
        }
        Thread.sleep(1_100);
        assertThat(Busy.toLog(away)).isEqualTo("CancellationException (and 500 more since the last line)");
    }
}
