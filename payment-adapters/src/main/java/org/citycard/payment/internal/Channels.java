package org.citycard.payment.internal;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citycard.payment.ChannelId;
import org.citycard.payment.PaymentChannel;
import org.springframework.stereotype.Component;

/**
 * The registry of channels, one bean per channel keyed by its id: the core looks channels up, never branches. A
 * channel may come from any module (the wallet pays from the card's balance) by being a {@link PaymentChannel} bean.
 */
@Component
class Channels {

    private final Map<ChannelId, PaymentChannel> byId = new EnumMap<>(ChannelId.class);

    /** Each channel metered (see {@link MeteredChannel}); without a registry, in one of its own. */
    Channels(List<PaymentChannel> channels, org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
        io.micrometer.core.instrument.MeterRegistry meters = registry.getIfAvailable(
                io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        channels.forEach(channel -> byId.put(channel.id(), new MeteredChannel(channel, meters)));
    }

    Optional<PaymentChannel> find(ChannelId id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    Collection<PaymentChannel> all() {
        return byId.values();
    }
}
