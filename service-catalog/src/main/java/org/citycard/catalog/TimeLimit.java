package org.citycard.catalog;

/** A statutory or promised time limit, e.g. 20 working days. */
public record TimeLimit(int value, LimitUnit unit) {

    public static TimeLimit immediate() {
        return new TimeLimit(0, LimitUnit.IMMEDIATE);
    }
}
