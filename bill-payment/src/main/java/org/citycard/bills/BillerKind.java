package org.citycard.bills;

/** What a biller bills for. */
public enum BillerKind {
    WATER, ELECTRICITY, GAS, TELECOM
}
