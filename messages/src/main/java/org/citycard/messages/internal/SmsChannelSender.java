package org.citycard.messages.internal;

import org.citycard.card.CitizenId;
import org.citycard.card.Identities;
import org.citycard.messages.Channel;
import org.citycard.messages.Topic;
import org.springframework.stereotype.Component;

/** Copies by SMS, through the card's sender and its budget for notices (apart from verification codes). */
@Component
class SmsChannelSender implements ChannelSender {

    private final Identities identities;

    SmsChannelSender(Identities identities) {
        this.identities = identities;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String send(CitizenId citizen, Topic topic, String title, String body, String link) {
        return identities.sendNotice(citizen, "【城市一卡通】" + title + "：" + body) ? null : "no phone, or the day's notice budget is spent";
    }
}
