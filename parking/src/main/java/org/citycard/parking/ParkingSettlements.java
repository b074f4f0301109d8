package org.citycard.parking;

import java.time.LocalDate;
import java.util.List;

/**
 * Money and stays per operator and day: what was collected through each channel for the operator's lots, the
 * channels' fees, and what the city pays the operator; and the operator's own daily file of stays reconciled
 * against ours. The morning job settles yesterday; staff may settle a day again.
 */
public interface ParkingSettlements {

    /** Settles the day (China time) for every operator, replacing an earlier settlement of it. */
    List<Settlement> settle(LocalDate day);

    /** The day as last settled, for the staff member's operators. */
    List<Settlement> settlements(ParkingAdministration.Staff staff, LocalDate day);

    /**
     * @param feesFen   what the channel keeps (its rate per mille, from configuration)
     * @param payoutFen what the city pays the operator: collected less fees
     */
    record Settlement(String operatorId, LocalDate day, String channel, int payments, long collectedFen, long feesFen,
                      long payoutFen) {
    }

    /**
     * Reconciles an operator's daily session file: one line per stay that left that day, {@code
     * lotId,plate,entryAt,exitAt,feeFen} (ISO-8601 instants), against our stays of its lots.
     */
    Reconciliation reconcile(String operatorId, LocalDate day, String file);

    List<Reconciliation> reconciliations(ParkingAdministration.Staff staff, LocalDate day);

    /**
     * @param missingWithUs      stays in the file we do not have
     * @param missingAtOperator  stays we billed that the file does not have
     * @param feeMismatch        stays on both sides with different fees
     * @param badLines           lines that are not lotId,plate,entryAt,exitAt,feeFen
     */
    record Reconciliation(String operatorId, LocalDate day, int fileLines, int matched, int missingWithUs,
                          int missingAtOperator, int feeMismatch, int badLines) {
    }
}
