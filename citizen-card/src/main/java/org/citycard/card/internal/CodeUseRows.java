package org.citycard.card.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes accepted uses to {@code card_code_use}; a use written before (same card and nonce) is not written again. */
class CodeUseRows {

    private static final String INTO =
            "insert into card_code_use (card_id, citizen_id, nonce, purpose, terminal, place, used_at) values ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?)";
    private static final String ONCE = " on conflict do nothing";

    private final JdbcClient jdbc;

    CodeUseRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void write(CodeUseLog.Use use) {
        write(List.of(use));
    }

    /** One statement, one round trip, one transaction of its own (auto-commit). */
    void write(List<CodeUseLog.Use> uses) {
        if (uses.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(INTO);
        Object[] params = new Object[uses.size() * 7];
        for (int i = 0; i < uses.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
            System.arraycopy(values(uses.get(i)), 0, params, i * 7, 7);
        }
        jdbc.sql(sql.append(ONCE).toString()).params(params).update();
    }

    private static Object[] values(CodeUseLog.Use use) {
        return new Object[] {use.card(), use.citizen(), use.nonce(), use.purpose().name(), use.terminal(),
                use.place(), Db.ts(use.at())};
    }
}
