package org.citycard.payment;

/**
 * Something finance staff must look at: a notification that was not believed, or a verified one that does not
 * match our books (money taken for an order we closed as failed, a different amount). {@code order} may be null.
 */
public record PaymentAlert(ChannelId channel, OrderNo order, Notifications.Verdict verdict, String reason,
                           long notificationId) {
}
