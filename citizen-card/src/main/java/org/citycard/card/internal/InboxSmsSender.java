package org.citycard.card.internal;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.citycard.card.PhoneNumber;
import org.citycard.card.SmsInbox;
import org.citycard.card.SmsSender;

/** The default profile's sender: keeps the last messages in memory for the development inbox page. */
final class InboxSmsSender implements SmsSender, SmsInbox {

    private static final int KEPT = 50;

    private final Deque<Message> messages = new ArrayDeque<>();
    private final Clock clock;

    InboxSmsSender(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void send(PhoneNumber phone, String text) {
        messages.addFirst(new Message(phone.masked(), text, clock.instant()));
        while (messages.size() > KEPT) {
            messages.removeLast();
        }
    }

    @Override
    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }
}
