package org.citycard.parking;

import java.time.LocalTime;

import org.citycard.parking.fees.FeeRule;

/**
 * A car park an operator runs: off-street behind barrier gates, or an on-street section of berths with sensors and
 * attendants.
 *
 * @param position         where it is, GCJ-02
 * @param capacity         all its spaces
 * @param reserved         fixed and reserved spaces (monthly holders' own, disabled drivers'): never offered as free
 * @param opensAt          opening hours (China time); equal times mean always open
 * @param exitWithoutEntry what an exit no entry was seen for costs: the first period, or staff decide
 */
public record Lot(String id, String operatorId, String name, Kind kind, String address, GeoPoint position,
                  int capacity, int reserved, LocalTime opensAt, LocalTime closesAt, FeeRule feeRule,
                  ExitWithoutEntry exitWithoutEntry) {

    public enum Kind {
        OFF_STREET, ON_STREET
    }

    public enum ExitWithoutEntry {
        FIRST_PERIOD, STAFF
    }

    /** The spaces drivers can have: the capacity less the reserved ones. */
    public int offered() {
        return Math.max(0, capacity - reserved);
    }

    public boolean openAt(LocalTime time) {
        if (opensAt.equals(closesAt)) {
            return true;
        }
        return opensAt.isBefore(closesAt) ? !time.isBefore(opensAt) && time.isBefore(closesAt)
                : !time.isBefore(opensAt) || time.isBefore(closesAt);
    }
}
