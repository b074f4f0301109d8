package org.citycard.messages;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What staff see of the city's messages: each topic's mini-program templates (the ids WeChat and Alipay assigned,
 * from configuration, and the fields each send fills), and how delivery went over a span of days.
 */
public interface MessageOperations {

    /** At most this many days in one statistics request. */
    int MAX_DAYS = 92;

    List<Template> templates();

    /** Messages sent from {@code from} to {@code to} (China days, both included) and their copies' fate. */
    Statistics statistics(LocalDate from, LocalDate to);

    /**
     * @param byDefault        the channels a citizen gets until choosing (the inbox always)
     * @param wechatTemplateId null when the topic has no WeChat template (nothing goes through WeChat)
     * @param wechatFields     what the subscribe message's fields carry
     * @param alipayTemplateId null when the topic has no Alipay template
     */
    record Template(Topic topic, Set<Channel> byDefault, String wechatTemplateId, String wechatFields,
                    String alipayTemplateId, String alipayFields) {
    }

    /**
     * @param overdue copies pending for more than a minute past their time (not quiet hours): the delivery job is behind
     */
    record Statistics(LocalDate from, LocalDate to, List<TopicCount> topics, List<ChannelCount> channels,
                      List<Reason> notSent, long overdue) {
    }

    /** Messages of a topic and how many of them their citizen has read in the inbox. */
    record TopicCount(Topic topic, long messages, long read) {
    }

    record ChannelCount(Channel channel, long sent, long notSent, long pending) {
    }

    /** Why copies did not go (no consent, no login, the channel refused…), most frequent first. */
    record Reason(Channel channel, String reason, long count) {
    }
}
