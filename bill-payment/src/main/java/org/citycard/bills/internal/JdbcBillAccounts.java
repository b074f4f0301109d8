package org.citycard.bills.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.bills.BillAccounts;
import org.citycard.bills.BillProblem;
import org.citycard.bills.Biller;
import org.citycard.bills.BoundAccount;
import org.citycard.bills.Statement;
import org.citycard.bills.connector.BillerConnector;
import org.citycard.bills.connector.BillerConnector.AccountAnswer;
import org.citycard.card.CitizenId;
import org.citycard.card.RateLimits;
import org.citycard.card.privacy.PersonalDataProtection;
import org.citycard.kernel.FreeText;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Bound accounts in {@code bill_account}: the number encrypted (a carrier's account is a phone number), found and
 * kept unique per citizen and biller by its blind index while bound. Every read names the citizen, so one citizen's
 * id never reaches another's binding.
 */
@Service
class JdbcBillAccounts implements BillAccounts {

    private final JdbcClient jdbc;
    private final BillerRegistry registry;
    private final PersonalDataProtection privacy;
    private final RateLimits limits;
    private final Clock clock;

    JdbcBillAccounts(JdbcClient jdbc, BillerRegistry registry, PersonalDataProtection privacy, RateLimits limits) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.privacy = privacy;
        this.limits = limits;
        this.clock = Clock.systemUTC();
    }

    @Override
    public List<Biller> billers() {
        return registry.billers();
    }

    @Override
    public Optional<Biller> biller(String id) {
        return registry.entry(id).map(BillerRegistry.Entry::biller);
    }

    @Override
    public Result<BoundAccount> bind(CitizenId citizen, String billerId, String accountNo, String nickname) {
        Optional<BillerRegistry.Entry> entry = registry.entry(billerId);
        if (entry.isEmpty()) {
            return new Result.Refused<>(BillProblem.UNKNOWN_BILLER);
        }
        if (!entry.get().biller().enabled()) {
            return new Result.Refused<>(BillProblem.BILLER_SUSPENDED);
        }
        String number = accountNo == null ? "" : accountNo.strip();
        if (!entry.get().accountPattern().matcher(number).matches()) {
            return new Result.Refused<>(BillProblem.BAD_ACCOUNT_NUMBER);
        }
        String name = FreeText.line("nickname", nickname, NICKNAME_MAX) instanceof FreeText.Checked.Clean clean
                ? clean.text() : null;
        if (name == null) {
            return new Result.Refused<>(BillProblem.BAD_NICKNAME);
        }
        if (name.isEmpty()) {
            name = entry.get().biller().name();
        }
        long bound = jdbc.sql("select count(*) from bill_account where citizen_id = :c and bound_index is not null")
                .param("c", citizen.value()).query(Long.class).single();
        if (bound >= MAX_ACCOUNTS) {
            return new Result.Refused<>(BillProblem.TOO_MANY_ACCOUNTS);
        }
        String index = index(billerId, number);
        if (jdbc.sql("select count(*) from bill_account where citizen_id = :c and biller_id = :b and bound_index = :i")
                .param("c", citizen.value()).param("b", billerId).param("i", index).query(Long.class).single() > 0) {
            return new Result.Refused<>(BillProblem.ALREADY_BOUND);
        }
        // every number tried is a question to the biller, and a found one shows a masked name and address
        if (!limits.tryTake("bills-bind:" + citizen.value(), BIND_TRIES_PER_DAY, Duration.ofDays(1))) {
            return new Result.Refused<>(BillProblem.TOO_MANY_ATTEMPTS);
        }
        AccountAnswer answer;
        try {
            answer = entry.get().connector().query(number);
        } catch (BillerConnector.BillerUnavailable e) {
            return new Result.Refused<>(BillProblem.BILLER_UNAVAILABLE);
        }
        return switch (answer) {
            case AccountAnswer.NotFound ignored -> new Result.Refused<>(BillProblem.ACCOUNT_NOT_FOUND);
            case AccountAnswer.Closed ignored -> new Result.Refused<>(BillProblem.ACCOUNT_CLOSED);
            case AccountAnswer.Found found -> insert(citizen, entry.get().biller(), number, index, name, found);
        };
    }

    private Result<BoundAccount> insert(CitizenId citizen, Biller biller, String number, String index, String nickname,
                                        AccountAnswer.Found found) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String holder = clip(found.holderMasked(), 64);
        String address = clip(found.addressMasked(), 160);
        // one of the citizen's places, the lowest free one: two binds at once that pick the same place meet at the
        // unique constraint, and the later one tries the next place (so the limit holds however many arrive at once)
        for (int attempt = 0; attempt < MAX_ACCOUNTS; attempt++) {
            java.util.Set<Integer> taken = new java.util.HashSet<>(jdbc.sql(
                            "select place from bill_account where citizen_id = :c and place is not null")
                    .param("c", citizen.value()).query(Integer.class).list());
            int place = java.util.stream.IntStream.rangeClosed(1, MAX_ACCOUNTS).filter(p -> !taken.contains(p))
                    .findFirst().orElse(0);
            if (place == 0) {
                return new Result.Refused<>(BillProblem.TOO_MANY_ACCOUNTS);
            }
            try {
                jdbc.sql("""
                                insert into bill_account (id, citizen_id, biller_id, account_no_enc, account_index, bound_index,
                                                          account_masked, nickname, holder_masked, address_masked, bound_at,
                                                          place)
                                values (:id, :c, :b, :enc, :i, :i, :masked, :nick, :holder, :address, :now, :place)""")
                        .param("id", id).param("c", citizen.value()).param("b", biller.id())
                        .param("enc", privacy.encrypt(PersonalDataProtection.Field.BILL_ACCOUNT, number))
                        .param("i", index).param("masked", masked(number)).param("nick", nickname)
                        .param("holder", holder).param("address", address).param("now", java.sql.Timestamp.from(now))
                        .param("place", place).update();
                return new Result.Done<>(new BoundAccount(id, biller, masked(number), nickname, holder, address, now));
            } catch (DuplicateKeyException e) {
                if (jdbc.sql("select count(*) from bill_account where citizen_id = :c and biller_id = :b and bound_index = :i")
                        .param("c", citizen.value()).param("b", biller.id()).param("i", index).query(Long.class).single() > 0) {
                    return new Result.Refused<>(BillProblem.ALREADY_BOUND);
                }
                // the place was taken meanwhile: the next free one
            }
        }
        return new Result.Refused<>(BillProblem.TOO_MANY_ACCOUNTS);
    }

    @Override
    public boolean unbind(CitizenId citizen, UUID accountId) {
        return jdbc.sql("""
                        update bill_account set bound_index = null, place = null, unbound_at = :now
                        where id = :id and citizen_id = :c and bound_index is not null""")
                .param("now", java.sql.Timestamp.from(clock.instant())).param("id", accountId)
                .param("c", citizen.value()).update() == 1;
    }

    @Override
    public List<BoundAccount> accounts(CitizenId citizen) {
        return jdbc.sql("""
                        select id, biller_id, account_masked, nickname, holder_masked, address_masked, bound_at
                        from bill_account where citizen_id = :c and bound_index is not null order by bound_at""")
                .param("c", citizen.value())
                .query((rs, n) -> row(rs)).list().stream().flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<BoundAccount> account(CitizenId citizen, UUID accountId) {
        return jdbc.sql("""
                        select id, biller_id, account_masked, nickname, holder_masked, address_masked, bound_at
                        from bill_account where id = :id and citizen_id = :c and bound_index is not null""")
                .param("id", accountId).param("c", citizen.value())
                .query((rs, n) -> row(rs)).optional().flatMap(o -> o);
    }

    /** The account number in clear, for the biller only; empty when the account is not the citizen's. */
    Optional<String> number(CitizenId citizen, UUID accountId) {
        return jdbc.sql("select account_no_enc from bill_account where id = :id and citizen_id = :c")
                .param("id", accountId).param("c", citizen.value())
                .query((rs, n) -> privacy.decrypt(PersonalDataProtection.Field.BILL_ACCOUNT, rs.getBytes(1)))
                .optional();
    }

    @Override
    public Result<Statement> statement(CitizenId citizen, UUID accountId) {
        Optional<BoundAccount> account = account(citizen, accountId);
        Optional<String> number = number(citizen, accountId);
        if (account.isEmpty() || number.isEmpty()) {
            return new Result.Refused<>(BillProblem.UNKNOWN_ACCOUNT);
        }
        BillerRegistry.Entry entry = registry.entry(account.get().biller().id()).orElseThrow();
        if (!entry.biller().enabled()) {
            return new Result.Refused<>(BillProblem.BILLER_SUSPENDED);
        }
        AccountAnswer answer;
        try {
            answer = entry.connector().query(number.get());
        } catch (BillerConnector.BillerUnavailable e) {
            return new Result.Refused<>(BillProblem.BILLER_UNAVAILABLE);
        }
        return switch (answer) {
            case AccountAnswer.NotFound ignored -> new Result.Refused<>(BillProblem.ACCOUNT_NOT_FOUND);
            case AccountAnswer.Closed ignored -> new Result.Refused<>(BillProblem.ACCOUNT_CLOSED);
            case AccountAnswer.Found found -> new Result.Done<>(new Statement(account.get(), found.arrearsFen(),
                    found.balanceFen(), found.bills(), clock.instant()));
        };
    }

    String index(String billerId, String number) {
        return privacy.blindIndex(PersonalDataProtection.Field.BILL_ACCOUNT, billerId + ":" + number);
    }

    private Optional<BoundAccount> row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Optional<BillerRegistry.Entry> entry = registry.entry(rs.getString("biller_id"));
        if (entry.isEmpty()) {
            return Optional.empty(); // a biller no longer configured
        }
        return Optional.of(new BoundAccount(rs.getObject("id", UUID.class), entry.get().biller(),
                rs.getString("account_masked"), rs.getString("nickname"), rs.getString("holder_masked"),
                rs.getString("address_masked"), rs.getTimestamp("bound_at").toInstant()));
    }

    /** The last four characters shown; a phone number as 138****0001. */
    static String masked(String number) {
        if (number.length() == 11 && number.startsWith("1")) {
            return number.substring(0, 3) + "****" + number.substring(7);
        }
        return "*".repeat(Math.max(0, Math.min(6, number.length() - 4))) + number.substring(Math.max(0, number.length() - 4));
    }

    private static String clip(String text, int max) {
        String clean = FreeText.lineOrNull(text, max);
        return clean == null ? "" : clean;
    }
}
