package org.citycard.bills;

import java.util.Locale;

/** Why a bill request is refused; {@link #code()} is the stable code front ends switch on. */
public enum BillProblem {
    UNKNOWN_BILLER,
    BAD_ACCOUNT_NUMBER,
    BAD_NICKNAME,
    ACCOUNT_NOT_FOUND,
    ACCOUNT_CLOSED,
    ALREADY_BOUND,
    TOO_MANY_ACCOUNTS,
    UNKNOWN_ACCOUNT,
    /** Outside the biller's service hours. */
    BILLER_CLOSED,
    /** Billing staff have suspended the biller (its notice says why and until when). */
    BILLER_SUSPENDED,
    /** Too many accounts tried today (each is a question to the biller, and a found one shows its holder). */
    TOO_MANY_ATTEMPTS,
    /** The biller did not answer (or not believably): try again later. */
    BILLER_UNAVAILABLE,
    NOTHING_DUE,
    BILL_REQUIRED,
    UNKNOWN_BILL,
    AMOUNT_MISMATCH,
    AMOUNT_OUT_OF_RANGE,
    /** A payment for this account is already in flight (awaiting payment or write-off). */
    PAYMENT_IN_PROGRESS,
    KEY_REUSED,
    /** A monthly cap outside 0.01 to 5,000 yuan. */
    CAP_OUT_OF_RANGE,
    /** The account has an auto-pay agreement already. */
    AUTO_PAY_EXISTS;

    public String code() {
        return "bills." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
