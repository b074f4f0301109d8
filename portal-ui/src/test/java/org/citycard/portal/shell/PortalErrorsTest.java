package org.citycard.portal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which portal failures are the visitor's (logged as a warning) and which are ours (an error with its trace). */
class PortalErrorsTest {

    @Test
    void a_message_vaadin_could_not_decode_is_the_clients_fault() {
        RuntimeException tampered = failure(new ClassCastException("ObjectNode cannot be cast to ArrayNode"),
                "com.vaadin.flow.server.communication.ServerRpcHandler", "org.citycard.app.RequestBodyLimits");
        assertThat(PortalServiceInit.isMalformedMessage(tampered)).isTrue();
    }

    @Test
    void a_failure_in_a_citycard_view_is_ours_even_when_vaadin_called_it() {
        RuntimeException bug = failure(new NullPointerException(), "org.citycard.portal.account.CodesView",
                "com.vaadin.flow.server.communication.rpc.EventRpcHandler");
        assertThat(PortalServiceInit.isMalformedMessage(bug)).isFalse();
        assertThat(PortalServiceInit.isMalformedMessage(failure(new IllegalStateException(), "java.lang.Thread")))
                .isFalse();
    }

    @Test
    void a_broken_escape_in_an_address_is_the_visitors() {
        assertThat(PortalServiceInit.isBadAddress(new RuntimeException(
                new IllegalArgumentException("URLDecoder: Incomplete trailing escape (%) pattern")))).isTrue();
        assertThat(PortalServiceInit.isBadAddress(new IllegalArgumentException("something else"))).isFalse();
    }

    private static RuntimeException failure(RuntimeException e, String... frames) {
        StackTraceElement[] stack = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            stack[i] = new StackTraceElement(frames[i], "run", null, 1);
        }
        e.setStackTrace(stack);
        return e;
    }
}
