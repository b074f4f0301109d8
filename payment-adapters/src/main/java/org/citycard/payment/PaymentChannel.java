package org.citycard.payment;

import java.util.Map;
import java.util.Set;

/**
 * One way of paying. Each channel lives in its own package and says what it can do; the core never asks which
 * channel it is talking to.
 */
public interface PaymentChannel {

    ChannelId id();

    /** The scenes this channel can take a payment in. */
    Set<Scene> scenes();

    /** Starts the payment: done at once (the wallet), ready for the citizen to confirm (a QR, a mini-program sheet), or declined. */
    Prepay prepay(PaymentOrder order, Scene scene);

    /** Returns money: done at once, or pending until the channel confirms. */
    RefundOutcome refund(PaymentOrder order, String refundNo, long amountFen);

    sealed interface Prepay {
        record PaidAtOnce(String channelTradeNo) implements Prepay {
        }

        /** What the client needs to let the citizen confirm (mini-program parameters, or a QR code's text). */
        record Ready(Map<String, String> clientParameters) implements Prepay {
        }

        record Declined(String reason) implements Prepay {
        }
    }

    sealed interface RefundOutcome {
        record Done() implements RefundOutcome {
        }

        record Pending() implements RefundOutcome {
        }

        record Failed(String reason) implements RefundOutcome {
        }
    }
}
