package org.citycard.payment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.citycard.card.CitizenId;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * A purpose as a city service plugs one in, for the payment module's own tests: it fulfils each paid order once
 * (keyed on the order, so a redelivered event changes nothing), takes back what each refund returned once, and notes
 * the orders that ended unpaid. {@link #fulfilled} is what the citizen has been given for their money.
 */
@Component
public class TestPurpose {

    public static final String KIND = "TEST_GOODS";

    private final Map<OrderNo, PaymentSucceeded> paid = new ConcurrentHashMap<>();
    private final Map<String, RefundSucceeded> refunded = new ConcurrentHashMap<>();
    private final Map<OrderNo, PaymentEnded> ended = new ConcurrentHashMap<>();

    public static Purpose of(CitizenId citizen) {
        return new Purpose(KIND, citizen.toString());
    }

    @ApplicationModuleListener(id = "test.paid", propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentSucceeded event) {
        if (KIND.equals(event.purpose().kind())) {
            paid.putIfAbsent(event.order(), event);
        }
    }

    @ApplicationModuleListener(id = "test.refunded", propagation = Propagation.NOT_SUPPORTED)
    void on(RefundSucceeded event) {
        if (KIND.equals(event.purpose().kind())) {
            refunded.putIfAbsent(event.refundNo(), event);
        }
    }

    @ApplicationModuleListener(id = "test.ended", propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentEnded event) {
        if (KIND.equals(event.purpose().kind())) {
            ended.putIfAbsent(event.order(), event);
        }
    }

    /** Paid minus refunded, in fen, over the citizen's orders for this purpose. */
    public long fulfilled(CitizenId citizen) {
        return paid.values().stream().filter(e -> e.citizen().equals(citizen)).mapToLong(PaymentSucceeded::amountFen).sum()
                - refunded.values().stream().filter(e -> e.citizen().equals(citizen)).mapToLong(RefundSucceeded::amountFen).sum();
    }

    /** How the order ended unpaid, if it did (and the purpose was told). */
    public java.util.Optional<PaymentEnded> ended(OrderNo order) {
        return java.util.Optional.ofNullable(ended.get(order));
    }
}
