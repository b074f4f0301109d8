package org.citycard.bills;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;

/**
 * The accounts (户号) a citizen binds, each seen only by the citizen who bound it (a family member binds the same
 * number for themselves), and what each owes, asked of the biller when wanted.
 */
public interface BillAccounts {

    int MAX_ACCOUNTS = 20;
    int NICKNAME_MAX = 12;

    /** Accounts a citizen may try to bind in a day (found or not; the most one may bind, and typos): each asks the biller. */
    int BIND_TRIES_PER_DAY = 30;

    List<Biller> billers();

    Optional<Biller> biller(String id);

    /** Binds after asking the biller: an unknown or closed account is refused, a known one shows its holder. */
    Result<BoundAccount> bind(CitizenId citizen, String billerId, String accountNo, String nickname);

    /** Removes the binding; its payments stay in the history. False when it is not the citizen's. */
    boolean unbind(CitizenId citizen, UUID accountId);

    List<BoundAccount> accounts(CitizenId citizen);

    Optional<BoundAccount> account(CitizenId citizen, UUID accountId);

    /** Asks the biller now. */
    Result<Statement> statement(CitizenId citizen, UUID accountId);

    sealed interface Result<T> {
        record Done<T>(T value) implements Result<T> {
        }

        record Refused<T>(BillProblem problem) implements Result<T> {
        }
    }
}
