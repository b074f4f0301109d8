package org.citycard.messages.internal;

import java.util.Map;

import org.citycard.card.CitizenId;
import org.citycard.messages.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One-time consents per citizen, channel and template (WeChat) or form id (Alipay): recorded as the mini-program
 * reports them, used one per send.
 */
final class Consents {

    private Consents() {
    }

    /** Takes one consent; false when none is left. */
    static boolean use(JdbcClient jdbc, CitizenId citizen, Channel channel, String template) {
        return jdbc.sql("""
                        update msg_consent set remaining = remaining - 1
                        where citizen_id = :c and channel = :ch and template_id = :t and remaining > 0""")
                .param("c", citizen.value()).param("ch", channel.name()).param("t", template).update() == 1;
    }

    /** Takes the oldest Alipay form id given in the last 7 days; empty when none is left. */
    static java.util.Optional<String> useFormId(JdbcClient jdbc, CitizenId citizen) {
        for (String formId : jdbc.sql("""
                        select template_id from msg_consent where citizen_id = :c and channel = 'ALIPAY' and remaining > 0
                        and given_at > :since order by given_at limit 3""")
                .param("c", citizen.value())
                .param("since", java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(7))))
                .query(String.class).list()) {
            if (use(jdbc, citizen, Channel.ALIPAY, formId)) {
                return java.util.Optional.of(formId);
            }
        }
        return java.util.Optional.empty();
    }

    /** Adds one consent for each template (or form id) the citizen accepted ("accept"); others change nothing. */
    static int record(JdbcClient jdbc, CitizenId citizen, Channel channel, Map<String, String> decisions) {
        int accepted = 0;
        for (var decision : decisions.entrySet()) {
            if (!"accept".equals(decision.getValue())) {
                continue;
            }
            int updated = jdbc.sql("""
                            update msg_consent set remaining = least(remaining + 1, 100)
                            where citizen_id = :c and channel = :ch and template_id = :t""")
                    .param("c", citizen.value()).param("ch", channel.name()).param("t", decision.getKey()).update();
            if (updated == 0) {
                jdbc.sql("""
                                insert into msg_consent (citizen_id, channel, template_id, remaining, given_at)
                                values (:c, :ch, :t, 1, :now)""")
                        .param("c", citizen.value()).param("ch", channel.name()).param("t", decision.getKey())
                        .param("now", java.sql.Timestamp.from(java.time.Instant.now())).update();
            }
            accepted++;
        }
        return accepted;
    }
}
