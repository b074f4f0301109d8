package org.citycard.messages;

import java.util.Set;

/** What a message is about; each citizen chooses its channels per topic. */
public enum Topic {
    BILL_DUE(Set.of(Channel.SMS)),
    BILL_PAID(Set.of()),
    REFUND(Set.of(Channel.SMS)),
    AUTO_PAY_BEFORE(Set.of(Channel.SMS)),
    AUTO_PAY_AFTER(Set.of());

    private final Set<Channel> byDefault;

    Topic(Set<Channel> byDefault) {
        this.byDefault = byDefault;
    }

    /** The channels (besides the inbox, which always has every message) a citizen gets until they choose. */
    public Set<Channel> byDefault() {
        return byDefault;
    }
}
