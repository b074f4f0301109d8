package org.citycard.messages;

import java.time.Instant;
import java.util.List;

/** A message in a citizen's inbox, with what became of its copies. */
public record Message(long id, Topic topic, String titleZh, String bodyZh, String titleEn, String bodyEn, String link,
                      Instant sentAt, Instant readAt, List<Delivery> deliveries) {

    public record Delivery(Channel channel, DeliveryState state, Instant dueAt, String detail) {
    }

    public enum DeliveryState {
        /** Waiting for its time (quiet hours) or for the next attempt. */
        PENDING,
        SENT,
        /** Not sent, for a reason that will not change by trying again (no consent, no phone, no budget left). */
        NOT_SENT
    }
}
