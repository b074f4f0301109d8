package org.citycard.payment.internal;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citycard.payment.ChannelId;
import org.citycard.payment.PaymentChannel;
import org.springframework.stereotype.Component;

/** The registry of channels, one bean per channel keyed by its id: the core looks channels up, never branches. */
@Component
class Channels {

    private final Map<ChannelId, PaymentChannel> byId = new EnumMap<>(ChannelId.class);

    Channels(List<PaymentChannel> channels) {
        channels.forEach(channel -> byId.put(channel.id(), channel));
    }

    Optional<PaymentChannel> find(ChannelId id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    Collection<PaymentChannel> all() {
        return byId.values();
    }
}
