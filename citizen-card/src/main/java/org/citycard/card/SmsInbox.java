package org.citycard.card;

import java.time.Instant;
import java.util.List;

/**
 * The development SMS inbox: what the default profile "sent", newest first, so a newcomer can read the code on
 * a page instead of a phone. There is no inbox when a real SMS provider is configured.
 */
public interface SmsInbox {

    List<Message> messages();

    record Message(String phoneMasked, String text, Instant sentAt) {
    }
}
