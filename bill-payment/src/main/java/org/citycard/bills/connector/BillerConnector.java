package org.citycard.bills.connector;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.citycard.bills.Statement;

/**
 * One biller, as the bill module needs it. Every call either gets the biller's verified answer or throws
 * {@link BillerUnavailable} (no answer in time, or one that does not verify): then nobody knows what happened, and
 * the caller asks again with the same merchant order number, which the biller treats as the same payment.
 */
public interface BillerConnector {

    AccountAnswer query(String accountNo);

    /** Pays toward the account and asks for the write-off (销账); the same merchant order number is the same payment. */
    WriteOffAnswer pay(String merchantOrderNo, String accountNo, long amountFen, String billId);

    /** What became of a payment. */
    WriteOffAnswer status(String merchantOrderNo);

    /** 冲正: undoes a write-off (or confirms there was none). */
    WriteOffAnswer reverse(String merchantOrderNo);

    /** The biller's write-offs of a past day (China time), as its daily file lists them. */
    List<FileLine> dailyFile(LocalDate day);

    sealed interface AccountAnswer {
        record Found(String holderMasked, String addressMasked, long balanceFen, long arrearsFen,
                     List<Statement.Bill> bills) implements AccountAnswer {
        }

        record NotFound() implements AccountAnswer {
        }

        record Closed() implements AccountAnswer {
        }
    }

    sealed interface WriteOffAnswer {
        record WrittenOff(String writeOffRef, Instant at) implements WriteOffAnswer {
        }

        /** Taken, to be written off later: "accepted" is not "done". */
        record Accepted() implements WriteOffAnswer {
        }

        /** No money is owed any more: paid elsewhere since our query. */
        record AlreadyPaid() implements WriteOffAnswer {
        }

        /** The biller will not take it (account closed or frozen, amount not what is owed...). */
        record Refused(String reason) implements WriteOffAnswer {
        }

        /** The biller has no payment under this number. */
        record NotFound() implements WriteOffAnswer {
        }

        record Reversed() implements WriteOffAnswer {
        }
    }

    record FileLine(String merchantOrderNo, String writeOffRef, String accountNo, long amountFen, Instant writtenOffAt) {
    }

    /** No believable answer: timed out, unreachable, refused our signature, or answered without a valid one. */
    final class BillerUnavailable extends RuntimeException {
        public BillerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
