package org.citycard.messages.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.citycard.card.CitizenId;
import org.citycard.kernel.ChinaTime;
import org.citycard.kernel.FreeText;
import org.citycard.messages.Channel;
import org.citycard.messages.Message;
import org.citycard.messages.Messages;
import org.citycard.messages.Notice;
import org.citycard.messages.Topic;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messages in {@code msg_message}, each copy a row of {@code msg_delivery} due at once or, in the citizen's quiet
 * hours, when they end; the delivery job sends what is due. Every read names the citizen.
 */
@Service
@org.springframework.boot.context.properties.EnableConfigurationProperties(MessagesProperties.class)
class JdbcMessages implements Messages {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Set<Channel> available;
    private final Clock clock = Clock.systemUTC();

    private final MessagesProperties properties;

    JdbcMessages(JdbcClient jdbc, TransactionTemplate transactions, List<ChannelSender> senders,
                 MessagesProperties properties) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.available = senders.stream().map(ChannelSender::channel)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class)));
    }

    @Override
    public Set<Channel> channelsAvailable() {
        return Set.copyOf(available);
    }

    @Override
    public long send(Notice notice) {
        Instant now = clock.instant();
        Set<Channel> channels = channels(notice.citizen()).get(notice.topic());
        QuietHours quiet = quietHours(notice.citizen());
        Instant due = notice.urgent() ? now : endOfQuiet(now, quiet);
        try {
            return transactions.execute(tx -> {
                var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
                jdbc.sql("""
                                insert into msg_message (citizen_id, topic, title_zh, body_zh, title_en, body_en, link,
                                                         dedupe_key, sent_at)
                                values (:c, :t, :tz, :bz, :te, :be, :link, :key, :now)""")
                        .param("c", notice.citizen().value()).param("t", notice.topic().name())
                        .param("tz", clip(notice.titleZh(), 100)).param("bz", clip(notice.bodyZh(), 500))
                        .param("te", clip(notice.titleEn(), 160)).param("be", clip(notice.bodyEn(), 800))
                        .param("link", notice.link()).param("key", notice.key()).param("now", Timestamp.from(now))
                        .update(keys, "id");
                long id = keys.getKeyAs(Number.class).longValue();
                for (Channel channel : channels) {
                    jdbc.sql("insert into msg_delivery (message_id, channel, state, due_at) values (:m, :ch, 'PENDING', :due)")
                            .param("m", id).param("ch", channel.name()).param("due", Timestamp.from(due)).update();
                }
                return id;
            });
        } catch (DuplicateKeyException e) {
            // sent before under the same key: that message, once
            return jdbc.sql("select id from msg_message where citizen_id = :c and dedupe_key = :k")
                    .param("c", notice.citizen().value()).param("k", notice.key()).query(Long.class).single();
        }
    }

    /** Now, or when the quiet hours around now end. */
    static Instant endOfQuiet(Instant now, QuietHours quiet) {
        ZonedDateTime local = now.atZone(ChinaTime.ZONE);
        LocalTime time = local.toLocalTime();
        if (!quiet.contains(time)) {
            return now;
        }
        ZonedDateTime end = local.with(quiet.until());
        return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
    }

    @Override
    public List<Message> inbox(CitizenId citizen, int limit) {
        List<Message> messages = jdbc.sql("""
                        select id, topic, title_zh, body_zh, title_en, body_en, link, sent_at, read_at
                        from msg_message where citizen_id = :c order by id desc limit :n""")
                .param("c", citizen.value()).param("n", Math.clamp(limit, 1, 200))
                .query((rs, n) -> new Message(rs.getLong("id"), Topic.valueOf(rs.getString("topic")),
                        rs.getString("title_zh"), rs.getString("body_zh"), rs.getString("title_en"),
                        rs.getString("body_en"), rs.getString("link"), rs.getTimestamp("sent_at").toInstant(),
                        rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant(), List.of()))
                .list();
        // every copy of these messages in one query, not one per message
        Map<Long, List<Message.Delivery>> copies = new java.util.HashMap<>();
        if (!messages.isEmpty()) {
            jdbc.sql("""
                            select d.message_id, d.channel, d.state, d.due_at, d.detail from msg_delivery d
                            join msg_message m on m.id = d.message_id
                            where m.citizen_id = :c and d.message_id >= :oldest order by d.id""")
                    .param("c", citizen.value()).param("oldest", messages.getLast().id())
                    .query((rs, n) -> Map.entry(rs.getLong(1), new Message.Delivery(Channel.valueOf(rs.getString(2)),
                            Message.DeliveryState.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant(),
                            rs.getString(5))))
                    .list().forEach(e -> copies.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        List<Message> withDeliveries = new ArrayList<>(messages.size());
        for (Message m : messages) {
            withDeliveries.add(new Message(m.id(), m.topic(), m.titleZh(), m.bodyZh(), m.titleEn(), m.bodyEn(),
                    m.link(), m.sentAt(), m.readAt(), List.copyOf(copies.getOrDefault(m.id(), List.of()))));
        }
        return withDeliveries;
    }

    @Override
    public long unread(CitizenId citizen) {
        return jdbc.sql("select count(*) from msg_message where citizen_id = :c and read_at is null")
                .param("c", citizen.value()).query(Long.class).single();
    }

    @Override
    public boolean markRead(CitizenId citizen, long messageId) {
        return jdbc.sql("update msg_message set read_at = coalesce(read_at, :now) where id = :id and citizen_id = :c")
                .param("now", Timestamp.from(clock.instant())).param("id", messageId).param("c", citizen.value())
                .update() == 1;
    }

    @Override
    public Map<Topic, Set<Channel>> channels(CitizenId citizen) {
        Map<Topic, Set<Channel>> chosen = new EnumMap<>(Topic.class);
        for (Topic topic : Topic.values()) {
            chosen.put(topic, only(topic.byDefault()));
        }
        jdbc.sql("select topic, channels from msg_preference where citizen_id = :c").param("c", citizen.value())
                .query((rs, n) -> Map.entry(Topic.valueOf(rs.getString(1)), parse(rs.getString(2)))).list()
                .forEach(e -> chosen.put(e.getKey(), only(e.getValue())));
        return chosen;
    }

    @Override
    public void choose(CitizenId citizen, Topic topic, Set<Channel> channels) {
        String text = only(channels).stream().map(Channel::name).sorted().collect(Collectors.joining(","));
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("delete from msg_preference where citizen_id = :c and topic = :t").param("c", citizen.value())
                    .param("t", topic.name()).update();
            jdbc.sql("insert into msg_preference (citizen_id, topic, channels) values (:c, :t, :ch)")
                    .param("c", citizen.value()).param("t", topic.name()).param("ch", text).update();
        });
    }

    @Override
    public Map<Topic, String> templates(Channel channel) {
        if (!available.contains(channel)) {
            return Map.of();
        }
        return switch (channel) {
            case WECHAT -> properties.wechatTemplates();
            case ALIPAY -> properties.alipayTemplates();
            case SMS -> Map.of();
        };
    }

    private static final java.util.regex.Pattern FORM_ID = java.util.regex.Pattern.compile("[A-Za-z0-9+/=_-]{8,64}");

    /** WeChat: the decisions name this platform's templates; Alipay: they are form ids the citizen's forms gave. */
    @Override
    public ConsentResult recordConsents(CitizenId citizen, Channel channel, Map<String, String> decisions) {
        boolean fits = switch (channel) {
            case WECHAT -> templates(channel).values().containsAll(decisions.keySet());
            case ALIPAY -> available.contains(Channel.ALIPAY)
                    && decisions.keySet().stream().allMatch(id -> FORM_ID.matcher(id).matches());
            case SMS -> false;
        };
        if (decisions.isEmpty() || decisions.size() > 20 || !fits) {
            return new ConsentResult(false, 0);
        }
        return new ConsentResult(true, Consents.record(jdbc, citizen, channel, decisions));
    }

    @Override
    public QuietHours quietHours(CitizenId citizen) {
        return jdbc.sql("select quiet_from, quiet_until from msg_quiet_hours where citizen_id = :c")
                .param("c", citizen.value())
                .query((rs, n) -> new QuietHours(rs.getObject(1, LocalTime.class), rs.getObject(2, LocalTime.class)))
                .optional().orElse(QuietHours.DEFAULT);
    }

    @Override
    public void setQuietHours(CitizenId citizen, QuietHours hours) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("delete from msg_quiet_hours where citizen_id = :c").param("c", citizen.value()).update();
            jdbc.sql("insert into msg_quiet_hours (citizen_id, quiet_from, quiet_until) values (:c, :f, :u)")
                    .param("c", citizen.value()).param("f", hours.from()).param("u", hours.until()).update();
        });
    }

    private Set<Channel> only(Set<Channel> channels) {
        Set<Channel> usable = EnumSet.noneOf(Channel.class);
        channels.stream().filter(available::contains).forEach(usable::add);
        return usable;
    }

    private static Set<Channel> parse(String text) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        Arrays.stream(text.split(",")).filter(s -> !s.isBlank()).forEach(s -> channels.add(Channel.valueOf(s)));
        return channels;
    }

    private static String clip(String text, int max) {
        String clean = FreeText.lineOrNull(text, max);
        return clean == null ? "" : clean;
    }
}
