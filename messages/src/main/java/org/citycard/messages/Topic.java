package org.citycard.messages;

import java.util.Set;

/** What a message is about; each citizen chooses its channels per topic. */
public enum Topic {
    BILL_DUE(Set.of(Channel.SMS)),
    BILL_PAID(Set.of()),
    REFUND(Set.of(Channel.SMS)),
    AUTO_PAY_BEFORE(Set.of(Channel.SMS)),
    AUTO_PAY_AFTER(Set.of()),
    /** A stay paid seamlessly from the wallet. */
    PARKING_PAID(Set.of()),
    /** A stay left unpaid (over the seamless cap, a short wallet): what is due and where to pay it. */
    PARKING_DUE(Set.of(Channel.SMS)),
    /** A vaccination booked for tomorrow: where, when, and to bring the e-health card. */
    VACCINATION_REMINDER(Set.of(Channel.SMS));

    private final Set<Channel> byDefault;

    Topic(Set<Channel> byDefault) {
        this.byDefault = byDefault;
    }

    /** The channels (besides the inbox, which always has every message) a citizen gets until they choose. */
    public Set<Channel> byDefault() {
        return byDefault;
    }
}
