package org.citycard.payment;

import java.util.Locale;
import java.util.Optional;

/** The ways a citizen can pay. Core code never branches on it: each channel says what it can do. */
public enum ChannelId {
    WECHAT_PAY, ALIPAY, UNIONPAY, WALLET;

    /** The channel's name in addresses, e.g. {@code wechat-pay} in {@code /api/payment/v1/notify/wechat-pay}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ChannelId> ofSlug(String slug) {
        for (ChannelId id : values()) {
            if (id.slug().equals(slug)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }
}
