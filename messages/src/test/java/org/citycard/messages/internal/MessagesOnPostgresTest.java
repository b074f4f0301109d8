package org.citycard.messages.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;

import org.citycard.card.CardSamples;
import org.citycard.card.Citizen;
import org.citycard.card.CitizenId;
import org.citycard.card.Identities;
import org.citycard.card.IdentityResult;
import org.citycard.card.SmsInbox;
import org.citycard.card.SmsPurpose;
import org.citycard.kernel.ChinaTime;
import org.citycard.messages.Channel;
import org.citycard.messages.Message;
import org.citycard.messages.Messages;
import org.citycard.messages.MessagesTestApplication;
import org.citycard.messages.Notice;
import org.citycard.messages.Topic;
import org.citycard.testing.PostgresSchema;
import org.citycard.testing.RequiredServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The inbox and its SMS copies on PostgreSQL: per-topic channels, quiet hours that delay and never drop, once per key. */
@SpringBootTest(classes = MessagesTestApplication.class, properties = "citycard.messages.deliver-every=PT1H")
class MessagesOnPostgresTest {

    private static final PostgresSchema SCHEMA = new PostgresSchema();

    @Autowired
    Messages messages;
    @Autowired
    Deliveries deliveries;
    @Autowired
    Identities identities;
    @Autowired
    SmsInbox inbox;
    @Autowired
    org.citycard.messages.MessageOperations operations;

    @BeforeAll
    static void needsPostgres() {
        RequiredServices.postgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void drop() {
        SCHEMA.drop();
    }

    private record Person(CitizenId id, String phone) {
    }

    private Person person() {
        String phone = CardSamples.phone();
        identities.sendSmsCode(phone, SmsPurpose.REGISTER);
        Citizen citizen = ((IdentityResult.Done) identities.register(phone, CardSamples.lastCode(inbox, phone),
                "secret123")).citizen();
        return new Person(citizen.id(), phone);
    }

    private static Notice due(CitizenId citizen, boolean urgent, String key) {
        return new Notice(citizen, Topic.BILL_DUE, urgent, "水费待缴", "户号 ******1234 欠费 ¥45.60，请于 12 月 20 日前缴清。",
                "Water bill due", "Account ******1234 owes ¥45.60, due 20 December.", "/me/bills", key);
    }

    /** Quiet hours around now (China time), or well away from it. */
    private static Messages.QuietHours quiet(boolean now) {
        LocalTime time = ZonedDateTime.now(ChinaTime.ZONE).toLocalTime();
        return now ? new Messages.QuietHours(time.minusHours(1), time.plusHours(1))
                : new Messages.QuietHours(time.plusHours(3), time.plusHours(4));
    }

    private long smsTo(String phone) {
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        return inbox.messages().stream().filter(m -> m.phoneMasked().equals(masked) && m.text().contains("水费待缴"))
                .count();
    }

    @Test
    void a_notice_lands_in_the_inbox_at_once_and_by_sms_on_the_topics_default_channel() {
        Person p = person();
        messages.setQuietHours(p.id(), quiet(false));
        long id = messages.send(due(p.id(), false, null));
        assertThat(messages.inbox(p.id(), 10)).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(id);
            assertThat(m.titleZh()).isEqualTo("水费待缴");
            assertThat(m.readAt()).isNull();
            assertThat(m.deliveries()).extracting(Message.Delivery::channel).containsExactly(Channel.SMS);
        });
        assertThat(messages.unread(p.id())).isEqualTo(1);
        deliveries.deliverDue();
        assertThat(smsTo(p.phone())).isEqualTo(1);
        assertThat(messages.inbox(p.id(), 10).getFirst().deliveries().getFirst().state()).isEqualTo(Message.DeliveryState.SENT);
        deliveries.deliverDue();
        assertThat(smsTo(p.phone())).as("sent once").isEqualTo(1);

        Person stranger = person();
        assertThat(messages.markRead(stranger.id(), id)).isFalse();
        assertThat(messages.inbox(stranger.id(), 10)).isEmpty();
        assertThat(messages.markRead(p.id(), id)).isTrue();
        assertThat(messages.unread(p.id())).isZero();
    }

    @Test
    void in_quiet_hours_a_copy_waits_until_they_end_unless_urgent_and_the_inbox_has_it_at_once() {
        Person p = person();
        messages.setQuietHours(p.id(), quiet(true));
        messages.send(due(p.id(), false, null));
        deliveries.deliverDue();
        assertThat(smsTo(p.phone())).isZero();
        Message waiting = messages.inbox(p.id(), 10).getFirst();
        assertThat(waiting.deliveries().getFirst().state()).isEqualTo(Message.DeliveryState.PENDING);
        assertThat(waiting.deliveries().getFirst().dueAt()).isAfter(Instant.now().plusSeconds(3000));
        messages.send(due(p.id(), true, null));
        deliveries.deliverDue();
        assertThat(smsTo(p.phone())).as("the urgent one").isEqualTo(1);
    }

    @Test
    void a_citizen_turns_a_channel_off_per_topic_and_the_same_key_sends_once() {
        Person p = person();
        messages.setQuietHours(p.id(), quiet(false));
        messages.choose(p.id(), Topic.BILL_DUE, Set.of());
        assertThat(messages.channels(p.id()).get(Topic.BILL_DUE)).isEmpty();
        assertThat(messages.channels(p.id()).get(Topic.REFUND)).containsExactly(Channel.SMS);
        long first = messages.send(due(p.id(), false, "bill-due:abc"));
        long again = messages.send(due(p.id(), false, "bill-due:abc"));
        assertThat(again).isEqualTo(first);
        assertThat(messages.inbox(p.id(), 10)).singleElement().satisfies(m -> assertThat(m.deliveries()).isEmpty());
        deliveries.deliverDue();
        assertThat(smsTo(p.phone())).isZero();
    }

    @Test
    void quiet_hours_across_midnight_end_the_next_morning() {
        Messages.QuietHours night = Messages.QuietHours.DEFAULT;
        Instant lateEvening = ZonedDateTime.of(2026, 12, 6, 23, 30, 0, 0, ChinaTime.ZONE).toInstant();
        assertThat(JdbcMessages.endOfQuiet(lateEvening, night))
                .isEqualTo(ZonedDateTime.of(2026, 12, 7, 8, 0, 0, 0, ChinaTime.ZONE).toInstant());
        Instant early = ZonedDateTime.of(2026, 12, 7, 6, 0, 0, 0, ChinaTime.ZONE).toInstant();
        assertThat(JdbcMessages.endOfQuiet(early, night))
                .isEqualTo(ZonedDateTime.of(2026, 12, 7, 8, 0, 0, 0, ChinaTime.ZONE).toInstant());
        Instant noon = ZonedDateTime.of(2026, 12, 7, 12, 0, 0, 0, ChinaTime.ZONE).toInstant();
        assertThat(JdbcMessages.endOfQuiet(noon, night)).isEqualTo(noon);
    }

    private long sms(org.citycard.messages.MessageOperations.Statistics s, java.util.function.ToLongFunction<
            org.citycard.messages.MessageOperations.ChannelCount> count) {
        return s.channels().stream().filter(c -> c.channel() == Channel.SMS).mapToLong(count).sum();
    }

    @Test
    void staff_see_each_topics_templates_and_how_many_copies_went_were_refused_and_were_read() {
        java.time.LocalDate today = java.time.LocalDate.now(ChinaTime.ZONE);
        var before = operations.statistics(today, today);
        Person p = person();
        messages.setQuietHours(p.id(), quiet(false));
        long first = messages.send(due(p.id(), false, null));
        messages.send(due(p.id(), false, null));
        deliveries.deliverDue();
        messages.markRead(p.id(), first);
        var after = operations.statistics(today, today);
        assertThat(sms(after, org.citycard.messages.MessageOperations.ChannelCount::sent)
                - sms(before, org.citycard.messages.MessageOperations.ChannelCount::sent)).isEqualTo(2);
        assertThat(after.topics()).filteredOn(t -> t.topic() == Topic.BILL_DUE).singleElement().satisfies(t -> {
            assertThat(t.read()).isPositive();
            assertThat(t.messages()).isGreaterThanOrEqualTo(t.read() + 1);
        });
        assertThat(after.overdue()).isZero();
        assertThat(operations.statistics(today.minusDays(3), today.minusDays(2)).topics()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> operations.statistics(today, today.minusDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(operations.templates()).extracting(org.citycard.messages.MessageOperations.Template::topic)
                .containsExactly(Topic.values());
    }
}
