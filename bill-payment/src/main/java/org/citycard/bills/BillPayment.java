package org.citycard.bills;

import java.time.Instant;
import java.util.UUID;

/**
 * One payment toward an account. {@code id} is our merchant order number at the biller (unique, and the same on every
 * retry); {@code writeOffRef} the biller's reference once written off; {@code problem} why it went back, if it did.
 */
public record BillPayment(String id, UUID accountId, String billerId, String billerName, String accountNoMasked,
                          long amountFen, String billId, String orderNo, BillPaymentState state, String writeOffRef,
                          String problem, Instant createdAt, Instant paidAt, Instant writtenOffAt) {
}
