package org.citycard.sandbox.payment;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox cashier plays the citizen's phone: it lists the payments waiting in the sandbox channels and
 * approves, declines or lets one time out, after which the channel notifies the merchant as the real one would.
 */
public final class SandboxCashier {

    /** The channels the sandbox plays. */
    public enum Channel {
        WECHAT_PAY, ALIPAY, UNIONPAY
    }

    /** A payment waiting for the citizen, under the token its QR code or mini-program sheet carries. */
    public record Pending(String token, Channel channel, String orderNo, long amountFen, String subject,
                          Instant createdAt) {
    }

    public enum Outcome {
        /** Approved: paid, and the merchant will be notified (unless the amount asks the sandbox to lose it). */
        PAID,
        /** Declined by the citizen's bank (or an amount the sandbox always declines). */
        DECLINED,
        /** Left to time out: nothing is paid and nothing is sent. */
        TIMED_OUT,
        /** No such payment waiting (already decided, closed, or never there). */
        NOT_PENDING
    }

    /** Amounts whose fen part is this are declined at the cashier (and refunds of them fail). */
    static final int DECLINED = 66;
    /** Amounts whose fen part is this are paid, but the channel's notification is lost. */
    static final int NOTIFICATION_LOST = 77;
    /** Amounts whose fen part is this are refused at prepay. */
    static final int REFUSED = 88;

    /** Whether the channels' sandbox gives this amount a special outcome (declined, notification lost, refused). */
    public static boolean magic(long amountFen) {
        return magic(amountFen, DECLINED) || magic(amountFen, NOTIFICATION_LOST) || magic(amountFen, REFUSED);
    }

    static boolean magic(long amountFen, int fenPart) {
        return amountFen % 100 == fenPart;
    }

    /** What the citizen's choice comes to once the magic amounts have had their say. */
    static Outcome effective(Outcome wanted, long amountFen) {
        return wanted == Outcome.PAID && magic(amountFen, DECLINED) ? Outcome.DECLINED : wanted;
    }

    /** What a channel simulator does when the citizen decides. */
    interface Till {
        Outcome decide(String token, Outcome wanted);
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Till> tills = new ConcurrentHashMap<>();

    void waiting(Pending payment, Till till) {
        pending.put(payment.token(), payment);
        tills.put(payment.token(), till);
    }

    void gone(String token) {
        pending.remove(token);
        tills.remove(token);
    }

    public List<Pending> pending() {
        return pending.values().stream().sorted(Comparator.comparing(Pending::createdAt).reversed()).toList();
    }

    public Optional<Pending> find(String token) {
        return Optional.ofNullable(token == null ? null : pending.get(token));
    }

    /** The newest payment waiting for this order (a citizen who switched channels may have left an older one). */
    public Optional<Pending> forOrder(String orderNo) {
        return pending.values().stream().filter(p -> p.orderNo().equals(orderNo))
                .max(Comparator.comparing(Pending::createdAt));
    }

    public Optional<Pending> forOrder(String orderNo, Channel channel) {
        return pending.values().stream().filter(p -> p.orderNo().equals(orderNo) && p.channel() == channel)
                .max(Comparator.comparing(Pending::createdAt));
    }

    public Outcome approve(String token) {
        return decide(token, Outcome.PAID);
    }

    public Outcome decline(String token) {
        return decide(token, Outcome.DECLINED);
    }

    public Outcome timeOut(String token) {
        return decide(token, Outcome.TIMED_OUT);
    }

    private Outcome decide(String token, Outcome wanted) {
        Till till = token == null ? null : tills.get(token);
        if (till == null) {
            return Outcome.NOT_PENDING;
        }
        Outcome outcome = till.decide(token, wanted);
        gone(token);
        return outcome;
    }
}
