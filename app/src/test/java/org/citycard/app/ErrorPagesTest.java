package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import jakarta.servlet.RequestDispatcher;

/** What the container's error page answers when a filter failed because the database was away for a moment. */
class ErrorPagesTest {

    private static MockHttpServletRequest failed(String path, String accept, Throwable failure) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, path);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
        request.addHeader("Accept", accept);
        return request;
    }

    private static final Throwable POOL_EXHAUSTED = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
            new SQLTransientConnectionException("Connection is not available, request timed out after 30000ms"));

    @Test
    void an_api_client_is_told_to_come_back_in_a_few_seconds() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ErrorPages().error(failed("/api/mp/v1/vaccination/waiting-room", "application/json", POOL_EXHAUSTED), response);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("3");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"server.busy\"").doesNotContain("JDBC");
    }

    @Test
    void a_browser_gets_a_page_that_says_busy_in_chinese_and_english_and_a_defect_stays_a_500() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ErrorPages().error(failed("/me", "text/html", POOL_EXHAUSTED), response);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("系统繁忙").contains("try again in a few seconds")
                .doesNotContain("JDBC");

        MockHttpServletResponse defect = new MockHttpServletResponse();
        new ErrorPages().error(failed("/me", "text/html", new IllegalStateException("a bug")), defect);
        assertThat(defect.getStatus()).isEqualTo(500);
        assertThat(defect.getHeader("Retry-After")).isNull();
    }
}
