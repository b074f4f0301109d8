package org.citycard.messages.internal;

import org.citycard.card.CitizenId;
import org.citycard.messages.Channel;
import org.citycard.messages.Topic;

/** Sends copies on one channel; a channel with no sender cannot be chosen. */
interface ChannelSender {

    Channel channel();

    /** Null when sent; otherwise why not, for good (a reason that trying again will not change). */
    String send(CitizenId citizen, Topic topic, String title, String body, String link);
}
