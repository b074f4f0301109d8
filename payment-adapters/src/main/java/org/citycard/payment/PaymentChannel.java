package org.citycard.payment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** Returns money: done at once, or pending until the channel confirms. Repeating a refund number is safe. */
    RefundOutcome refund(PaymentOrder order, String refundNo, long amountFen);

    /** Asks the channel how an order stands (the janitor's question for orders stuck in paying). */
    Query query(PaymentOrder order);

    /** Asks the channel how a refund stands. */
    RefundOutcome queryRefund(PaymentOrder order, String refundNo);

    /**
     * Withdraws the order at the channel so the citizen can no longer pay it there (expired, or the citizen
     * switched channels). Answers {@link Query.Paid} when the channel says it was paid meanwhile.
     */
    Query close(PaymentOrder order);

    /**
     * Reads a notification the channel sent: believed only when its signature verifies (and, where the channel
     * encrypts, it decrypts) and it was meant for this merchant; otherwise {@link Notice.Rejected}.
     */
    Notice read(Inbound notification);

    /** How this channel wants a notification answered: accepted, or please send it again. */
    Reply reply(boolean accepted);

    /**
     * The channel's statement of a day (China time, or the channel's settlement date): every payment and refund it settled, downloaded in its own
     * format and checked (hash, signature) where the channel offers that. Empty where the channel keeps no
     * statement of its own (the wallet is our own ledger). Throws {@link StatementUnavailable} when it cannot be had.
     */
    default Optional<List<StatementEntry>> statement(LocalDate day) {
        return Optional.empty();
    }

    /** One line of a channel's statement; amounts in fen, the fee as the channel charged it (negative for refunds). */
    record StatementEntry(Kind kind, OrderNo order, String refundNo, String channelTradeNo, long amountFen, long feeFen) {

        public enum Kind {
            PAYMENT, REFUND
        }
    }

    final class StatementUnavailable extends RuntimeException {
        public StatementUnavailable(String message) {
            super(message);
        }
    }

    sealed interface Query {
        /**
         * Paid. {@code statementDay} is the day of the channel's statement that carries the payment, where the
         * channel says (its success time, or UnionPay's settlement date); null where it does not.
         */
        record Paid(String channelTradeNo, long amountFen, LocalDate statementDay) implements Query {
            public Paid(String channelTradeNo, long amountFen) {
                this(channelTradeNo, amountFen, null);
            }
        }

        /** Not paid yet; the citizen may still pay. */
        record Waiting() implements Query {
        }

        /** Closed, or failed, at the channel: it will not be paid. */
        record Ended(String reason) implements Query {
        }

        /** The channel could not be asked (network, or it does not know the order yet). */
        record Unknown(String reason) implements Query {
        }
    }

    /** A notification as it arrived: header names in lower case, the body as sent. */
    record Inbound(Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    sealed interface Notice {
        /**
         * The channel took (or failed to take) the citizen's money for an order; {@code statementDay} as in
         * {@link Query.Paid}.
         */
        record Payment(OrderNo order, String channelTradeNo, long amountFen, boolean succeeded, LocalDate statementDay)
                implements Notice {
            public Payment(OrderNo order, String channelTradeNo, long amountFen, boolean succeeded) {
                this(order, channelTradeNo, amountFen, succeeded, null);
            }
        }

        /**
         * A refund went through (or failed) at the channel. {@code amountFen} is null where the channel reports only
         * a running total (Alipay), so only the refund number and order can be checked.
         */
        record Refund(OrderNo order, String refundNo, Long amountFen, boolean succeeded, LocalDate statementDay)
                implements Notice {
            public Refund(OrderNo order, String refundNo, Long amountFen, boolean succeeded) {
                this(order, refundNo, amountFen, succeeded, null);
            }
        }

        /** Verified, and about nothing that changes an order (a trade created, a status we do not act on). */
        record Informational(OrderNo order, String what) implements Notice {
        }

        /** Not believed: bad or missing signature, stale, undecryptable, or meant for another merchant. */
        record Rejected(String reason) implements Notice {
        }
    }

    /** The HTTP answer to a notification. */
    record Reply(int status, String contentType, String body) {
    }

    sealed interface Prepay {

        /** A decline reason the core understands: the citizen lacks the money. */
        String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";
        /** A decline reason the core understands: the channel could not be reached or did not answer properly. */
        String UNAVAILABLE = "UNAVAILABLE";
        /** A decline reason the core understands: the card behind the money is frozen (reported lost). */
        String CARD_FROZEN = "CARD_FROZEN";
        /** A decline reason the core understands: the payer's daily spending limit would be passed. */
        String DAILY_LIMIT_EXCEEDED = "DAILY_LIMIT_EXCEEDED";
        /** A decline reason the core understands: this channel cannot pay this order (the wallet, its own top-up). */
        String NOT_FOR_THIS_ORDER = "NOT_FOR_THIS_ORDER";
        /** Paid already; {@code statementDay} as in {@link Query.Paid}. */
        record PaidAtOnce(String channelTradeNo, LocalDate statementDay) implements Prepay {
            public PaidAtOnce(String channelTradeNo) {
                this(channelTradeNo, null);
            }
        }

        /** What the client needs to let the citizen confirm (mini-program parameters, or a QR code's text). */
        record Ready(Map<String, String> clientParameters) implements Prepay {
        }

        record Declined(String reason) implements Prepay {
        }
    }

    sealed interface RefundOutcome {
        /** Settled; {@code statementDay} as in {@link Query.Paid}. */
        record Done(LocalDate statementDay) implements RefundOutcome {
            public Done() {
                this(null);
            }
        }

        record Pending() implements RefundOutcome {
        }

        record Failed(String reason) implements RefundOutcome {
        }
    }
}
