package org.citycard.health.vaccination;

import java.util.List;

/**
 * A vaccine and its rules.
 *
 * @param priceFen     what one dose costs (self-paid vaccines; programme vaccines are free)
 * @param minAgeMonths the youngest who may have it, in whole months of age on the day of the slot
 * @param maxAgeMonths the oldest (inclusive)
 * @param intervalDays for each dose after the first, the least days after the dose before it
 * @param sameClinic   later doses at the clinic of the first
 */
public record Vaccine(String id, String name, Kind kind, long priceFen, int doses, int minAgeMonths, int maxAgeMonths,
                      List<Integer> intervalDays, boolean sameClinic) {

    public enum Kind {
        /** 免疫规划疫苗: free. */
        PROGRAMME,
        /** 非免疫规划疫苗 (HPV, say): paid when booked. */
        SELF_PAID
    }

    public Vaccine {
        intervalDays = List.copyOf(intervalDays);
    }

    public boolean free() {
        return kind == Kind.PROGRAMME || priceFen == 0;
    }

    /** What a person pays for one dose: nothing for a programme vaccine, whatever price it was given. */
    public long dueFen() {
        return free() ? 0 : priceFen;
    }
}
