package org.citycard.messages.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.citycard.kernel.ChinaTime;
import org.citycard.messages.Channel;
import org.citycard.messages.MessageOperations;
import org.citycard.messages.Topic;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Staff's view of messages, counted in {@code msg_message} and {@code msg_delivery}. */
@Service
class JdbcMessageOperations implements MessageOperations {

    private final JdbcClient jdbc;
    private final MessagesProperties properties;
    private final Clock clock = Clock.systemUTC();

    JdbcMessageOperations(JdbcClient jdbc, MessagesProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public List<Template> templates() {
        return Arrays.stream(Topic.values()).map(t -> new Template(t, t.byDefault(), properties.wechatTemplates().get(t),
                WeChatChannelSender.FIELDS, properties.alipayTemplates().get(t), AlipayChannelSender.FIELDS)).toList();
    }

    @Override
    public Statistics statistics(LocalDate from, LocalDate to) {
        if (from.isAfter(to) || from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("from must not be after to, and the span at most " + MAX_DAYS + " days");
        }
        Timestamp start = Timestamp.from(from.atStartOfDay(ChinaTime.ZONE).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant());
        List<TopicCount> topics = jdbc.sql("""
                        select topic, count(*), count(read_at) from msg_message
                        where sent_at >= :start and sent_at < :end group by topic order by topic""")
                .param("start", start).param("end", end)
                .query((rs, n) -> new TopicCount(Topic.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3))).list();
        List<ChannelCount> channels = jdbc.sql("""
                        select d.channel, sum(case when d.state = 'SENT' then 1 else 0 end),
                               sum(case when d.state = 'NOT_SENT' then 1 else 0 end),
                               sum(case when d.state = 'PENDING' then 1 else 0 end)
                        from msg_delivery d join msg_message m on m.id = d.message_id
                        where m.sent_at >= :start and m.sent_at < :end group by d.channel order by d.channel""")
                .param("start", start).param("end", end)
                .query((rs, n) -> new ChannelCount(Channel.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4))).list();
        List<Reason> reasons = jdbc.sql("""
                        select d.channel, coalesce(d.detail, '?'), count(*) from msg_delivery d
                        join msg_message m on m.id = d.message_id
                        where m.sent_at >= :start and m.sent_at < :end and d.state = 'NOT_SENT'
                        group by d.channel, coalesce(d.detail, '?') order by count(*) desc, d.channel limit 20""")
                .param("start", start).param("end", end)
                .query((rs, n) -> new Reason(Channel.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3))).list();
        long overdue = jdbc.sql("select count(*) from msg_delivery where state = 'PENDING' and due_at < :late")
                .param("late", Timestamp.from(clock.instant().minus(Duration.ofMinutes(1)))).query(Long.class).single();
        return new Statistics(from, to, topics, channels, reasons, overdue);
    }
}
