package org.citycard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    /** Nothing listens on port 1: what the API meets while Redis restarts. */
    private static Throwable redisAway() {
        RedisURI nowhere = RedisURI.builder().withHost("127.0.0.1").withPort(1).withTimeout(Duration.ofSeconds(2)).build();
        RedisClient client = RedisClient.create(nowhere);
        try {
            return catchThrowable(() -> client.connect().sync().get("k"));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void redis_away_for_a_moment_is_answered_503_with_retry_after_not_500() {
        Throwable away = redisAway();
        assertThat(away).isNotNull();

        ResponseEntity<Object> answer = handler.unexpected(new RuntimeException("the waiting room", away));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        ProblemDetail body = (ProblemDetail) answer.getBody();
        assertThat(body.getProperties()).containsEntry("code", "server.busy");
        assertThat(body.getDetail()).contains("try again").doesNotContain("127.0.0.1").doesNotContain("Redis");
    }

    @Test
    void the_database_pool_exhausted_is_busy_and_a_defect_is_still_a_500() {
        var pool = new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new java.sql.SQLTransientConnectionException("citycard - Connection is not available"));
        assertThat(handler.unexpected(pool).getStatusCode().value()).isEqualTo(503);

        ResponseEntity<Object> defect = handler.unexpected(new IllegalStateException("a bug"));
        assertThat(defect.getStatusCode().value()).isEqualTo(500);
        assertThat(defect.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
        assertThat(((ProblemDetail) defect.getBody()).getProperties()).containsEntry("code", "server.error");
    }
}
