package org.citycard.bills;

/** Where a bill payment stands. */
public enum BillPaymentState {
    /** The order is created; the citizen has not paid yet. */
    AWAITING_PAYMENT,
    /** The money is taken; the biller has not (yet) confirmed the write-off (销账). */
    PAID_AWAITING_WRITE_OFF,
    /** The biller wrote the bills off: done. */
    WRITTEN_OFF,
    /** The order ended unpaid. */
    CLOSED,
    /** The biller refused or the bill was paid elsewhere: the money is on its way back. */
    REFUNDING,
    /** The money went back to the citizen. */
    REFUNDED;

    public boolean inFlight() {
        return this == AWAITING_PAYMENT || this == PAID_AWAITING_WRITE_OFF;
    }
}
