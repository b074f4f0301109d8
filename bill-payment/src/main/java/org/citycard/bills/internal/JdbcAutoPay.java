package org.citycard.bills.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.bills.AutoPay;
import org.citycard.bills.BillProblem;
import org.citycard.card.CitizenId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Agreements in {@code bill_auto_pay}, one standing per account (the unique {@code standing} column). */
@Service
class JdbcAutoPay implements AutoPay {

    static final String COLUMNS = "id, account_id, monthly_cap, state, failures, next_try_on, stop_reason, signed_at";

    private final JdbcClient jdbc;
    private final JdbcBillAccounts accounts;

    JdbcAutoPay(JdbcClient jdbc, JdbcBillAccounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    @Override
    public Result sign(CitizenId citizen, UUID accountId, long monthlyCapFen) {
        if (accounts.account(citizen, accountId).isEmpty()) {
            return new Result.Refused(BillProblem.UNKNOWN_ACCOUNT);
        }
        if (monthlyCapFen < 1 || monthlyCapFen > MAX_CAP_FEN) {
            return new Result.Refused(BillProblem.CAP_OUT_OF_RANGE);
        }
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                            insert into bill_auto_pay (id, citizen_id, account_id, standing, monthly_cap, state, signed_at)
                            values (:id, :c, :a, :a, :cap, 'ACTIVE', :now)""")
                    .param("id", id).param("c", citizen.value()).param("a", accountId).param("cap", monthlyCapFen)
                    .param("now", Timestamp.from(Instant.now())).update();
        } catch (DuplicateKeyException e) {
            return new Result.Refused(BillProblem.AUTO_PAY_EXISTS);
        }
        return new Result.Signed(of(citizen, accountId).orElseThrow());
    }

    @Override
    public boolean cancel(CitizenId citizen, UUID accountId) {
        return jdbc.sql("""
                        update bill_auto_pay set state = 'CANCELLED', standing = null, cancelled_at = :now
                        where citizen_id = :c and account_id = :a and standing is not null""")
                .param("now", Timestamp.from(Instant.now())).param("c", citizen.value()).param("a", accountId)
                .update() == 1;
    }

    @Override
    public boolean resume(CitizenId citizen, UUID accountId) {
        return jdbc.sql("""
                        update bill_auto_pay set state = 'ACTIVE', failures = 0, next_try_on = null, stop_reason = null
                        where citizen_id = :c and account_id = :a and state = 'STOPPED'""")
                .param("c", citizen.value()).param("a", accountId).update() == 1;
    }

    @Override
    public Optional<Agreement> of(CitizenId citizen, UUID accountId) {
        return jdbc.sql("select " + COLUMNS + " from bill_auto_pay where citizen_id = :c and account_id = :a"
                        + " and standing is not null")
                .param("c", citizen.value()).param("a", accountId).query(JdbcAutoPay::row).optional();
    }

    @Override
    public List<Agreement> of(CitizenId citizen) {
        return jdbc.sql("select " + COLUMNS + " from bill_auto_pay where citizen_id = :c and standing is not null"
                        + " order by signed_at")
                .param("c", citizen.value()).query(JdbcAutoPay::row).list();
    }

    static Agreement row(ResultSet rs, int n) throws SQLException {
        return new Agreement(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getLong("monthly_cap"), State.valueOf(rs.getString("state")), rs.getInt("failures"),
                rs.getObject("next_try_on", LocalDate.class), rs.getString("stop_reason"),
                rs.getTimestamp("signed_at").toInstant());
    }
}
