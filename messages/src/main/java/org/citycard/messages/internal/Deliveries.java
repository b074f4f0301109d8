package org.citycard.messages.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.citycard.card.CitizenId;
import org.citycard.messages.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the copies whose time has come, on one node at a time. Each copy is claimed with a guarded update before it
 * goes (so two runs never send it twice); a sender that fails for now leaves it for a later run (up to five tries,
 * a minute apart), one that fails for good marks it not sent, with why. Nothing personal is logged.
 */
@Component
class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    private static final int TRIES = 5;

    private final JdbcClient jdbc;
    private final Map<Channel, ChannelSender> senders;
    private final Counter runs;
    private final Clock clock = Clock.systemUTC();

    Deliveries(JdbcClient jdbc, List<ChannelSender> senders, ObjectProvider<MeterRegistry> meters) {
        this.jdbc = jdbc;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
        this.runs = Counter.builder("citycard.jobs.runs").tag("job", "messages-deliveries")
                .description("Runs of a scheduled job on this node")
                .register(meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    record Due(long id, long message, String citizen, Channel channel, org.citycard.messages.Topic topic, String title,
               String body, String link, int attempts) {
    }

    @Scheduled(fixedDelayString = "${citycard.messages.deliver-every:PT5S}", initialDelayString = "PT10S")
    @SchedulerLock(name = "messages-deliveries", lockAtMostFor = "PT5M")
    void deliver() {
        runs.increment();
        deliverDue();
    }

    /** Sends what is due now; returns how many copies were sent. */
    int deliverDue() {
        List<Due> due = jdbc.sql("""
                        select d.id, d.message_id, m.citizen_id, d.channel, m.topic, m.title_zh, m.body_zh, m.link, d.attempts
                        from msg_delivery d join msg_message m on m.id = d.message_id
                        where d.state = 'PENDING' and d.due_at <= :now order by d.due_at limit 200""")
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), Channel.valueOf(rs.getString(4)),
                        org.citycard.messages.Topic.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getInt(9)))
                .list();
        int sent = 0;
        for (Due d : due) {
            // claimed: pushed into the future while it is being sent, so that no other run takes it meanwhile
            if (jdbc.sql("""
                            update msg_delivery set due_at = :later, attempts = attempts + 1
                            where id = :id and state = 'PENDING' and attempts = :attempts""")
                    .param("later", Timestamp.from(clock.instant().plus(Duration.ofMinutes(1))))
                    .param("id", d.id()).param("attempts", d.attempts()).update() != 1) {
                continue;
            }
            sent += send(d) ? 1 : 0;
        }
        return sent;
    }

    private boolean send(Due d) {
        ChannelSender sender = senders.get(d.channel());
        String problem;
        try {
            problem = sender == null ? "channel not connected" : sender.send(CitizenId.parse(d.citizen()).orElseThrow(),
                    d.topic(), d.title(), d.body(), d.link());
        } catch (RuntimeException e) {
            log.warn("A {} copy of a message could not be sent now: {}", d.channel(), e.getClass().getSimpleName());
            if (d.attempts() + 1 >= TRIES) {
                finish(d.id(), "NOT_SENT", "failed " + TRIES + " times");
            }
            return false;
        }
        finish(d.id(), problem == null ? "SENT" : "NOT_SENT", problem);
        if (problem != null && d.channel() != Channel.SMS && senders.containsKey(Channel.SMS)) {
            // a mini-program message that could not go (no consent, say): the notice still reaches the phone
            jdbc.sql("""
                            insert into msg_delivery (message_id, channel, state, due_at)
                            select :m, 'SMS', 'PENDING', :now from msg_message m where m.id = :m
                            and not exists (select 1 from msg_delivery x where x.message_id = :m and x.channel = 'SMS')""")
                    .param("m", d.message()).param("now", Timestamp.from(clock.instant())).update();
        }
        return problem == null;
    }

    private void finish(long id, String state, String detail) {
        jdbc.sql("update msg_delivery set state = :s, detail = :d where id = :id and state = 'PENDING'")
                .param("s", state).param("d", Optional.ofNullable(detail).map(t -> t.length() > 200 ? t.substring(0, 200) : t)
                        .orElse(null)).param("id", id).update();
    }
}
