package org.citycard.bills;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the biller says an account owes, just now: the arrears (bills with their late fees), the prepaid balance, and
 * what a payment may be under the biller's charge mode.
 */
public record Statement(BoundAccount account, long arrearsFen, long balanceFen, List<Bill> bills, Instant queriedAt) {

    /** One unpaid bill: its period ("2026-10"), amount, late fee so far (滞纳金, growing daily) and due date. */
    public record Bill(String billId, String period, long amountFen, long lateFeeFen, LocalDate dueDate) {
        public long totalFen() {
            return amountFen + lateFeeFen;
        }

        public boolean overdue(LocalDate today) {
            return today.isAfter(dueDate);
        }
    }
}
