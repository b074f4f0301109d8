package org.citycard.card.internal;

/** One node (the default profile): the in-process replay guard, then the row, written before the answer. */
final class LocalCodeUseLog implements CodeUseLog {

    private final ReplayGuard guard;
    private final CodeUseRows rows;

    LocalCodeUseLog(ReplayGuard guard, CodeUseRows rows) {
        this.guard = guard;
        this.rows = rows;
    }

    @Override
    public boolean acceptOnce(Use use) {
        if (!guard.firstUse(use.key(), JdbcDynamicCodes.REMEMBER_USE)) {
            return false;
        }
        rows.write(use);
        return true;
    }
}
