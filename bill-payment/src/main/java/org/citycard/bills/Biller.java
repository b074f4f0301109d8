package org.citycard.bills;

import java.time.LocalTime;

/**
 * A company whose bills citizens pay here.
 *
 * @param accountHint what its account numbers look like, for the citizen typing one ("10 位数字")
 * @param opensAt     service hours (the biller takes no payment outside them); equal times mean always open
 * @param enabled     false while billing staff have suspended it: accounts stay bound, nothing is asked or paid
 * @param notice      what citizens read while it is suspended (may be empty)
 */
public record Biller(String id, String name, BillerKind kind, ChargeMode chargeMode, String accountHint,
                     LocalTime opensAt, LocalTime closesAt, boolean enabled, String notice) {

    public Biller {
        notice = notice == null ? "" : notice;
    }

    /** The same biller with what staff changed. */
    public Biller with(boolean enabled, LocalTime opensAt, LocalTime closesAt, String notice) {
        return new Biller(id, name, kind, chargeMode, accountHint, opensAt, closesAt, enabled, notice);
    }

    /** Whether the biller takes payments at this time of day (China time). */
    public boolean openAt(LocalTime time) {
        if (opensAt.equals(closesAt)) {
            return true;
        }
        return opensAt.isBefore(closesAt)
                ? !time.isBefore(opensAt) && time.isBefore(closesAt)
                : !time.isBefore(opensAt) || time.isBefore(closesAt);
    }
}
