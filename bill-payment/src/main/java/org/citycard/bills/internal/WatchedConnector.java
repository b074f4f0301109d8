package org.citycard.bills.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import org.citycard.bills.connector.BillerConnector;

/** A connector that remembers when its biller last answered and last failed to (this node's view of its health). */
final class WatchedConnector implements BillerConnector {

    private final BillerConnector inner;
    private volatile Instant lastAnswerAt;
    private volatile Instant lastFailureAt;
    private volatile String lastFailure;

    WatchedConnector(BillerConnector inner) {
        this.inner = inner;
    }

    Instant lastAnswerAt() {
        return lastAnswerAt;
    }

    Instant lastFailureAt() {
        return lastFailureAt;
    }

    String lastFailure() {
        return lastFailure;
    }

    private <T> T watched(Supplier<T> call) {
        try {
            T answer = call.get();
            lastAnswerAt = Instant.now();
            return answer;
        } catch (BillerUnavailable e) {
            lastFailureAt = Instant.now();
            lastFailure = e.getMessage();
            throw e;
        }
    }

    @Override
    public AccountAnswer query(String accountNo) {
        return watched(() -> inner.query(accountNo));
    }

    @Override
    public WriteOffAnswer pay(String merchantOrderNo, String accountNo, long amountFen, String billId) {
        return watched(() -> inner.pay(merchantOrderNo, accountNo, amountFen, billId));
    }

    @Override
    public WriteOffAnswer status(String merchantOrderNo) {
        return watched(() -> inner.status(merchantOrderNo));
    }

    @Override
    public WriteOffAnswer reverse(String merchantOrderNo) {
        return watched(() -> inner.reverse(merchantOrderNo));
    }

    @Override
    public List<FileLine> dailyFile(LocalDate day) {
        return watched(() -> inner.dailyFile(day));
    }
}
