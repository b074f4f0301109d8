package org.citycard.card.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.card.CardTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The same migrations and postings on the embedded default database (H2 in PostgreSQL mode). */
@SpringBootTest(classes = CardTestApplication.class)
class LedgerOnH2Test {

    @Autowired
    Ledger ledger;

    @Test
    void a_top_up_and_a_payment_show_on_the_statement_newest_first() {
        ledger.open("clearing:ALIPAY", AccountKind.CLEARING, null);
        ledger.open("merchant:library", AccountKind.MERCHANT, null);
        ledger.open("wallet:h2", AccountKind.WALLET, 5_000L);
        assertThat(ledger.post(Posting.transfer("t1", "top-up", "clearing:ALIPAY", "wallet:h2", 1_000))).isInstanceOf(PostingResult.Posted.class);
        assertThat(ledger.post(Posting.transfer("p1", "library fine", "wallet:h2", "merchant:library", 250))).isInstanceOf(PostingResult.Posted.class);
        assertThat(ledger.post(Posting.transfer("p1", "library fine", "wallet:h2", "merchant:library", 250))).isInstanceOf(PostingResult.AlreadyPosted.class);
        assertThat(ledger.balance("wallet:h2")).hasValue(750);
        assertThat(ledger.balance("clearing:ALIPAY")).hasValue(-1_000);
        var lines = ledger.statement("wallet:h2", null, 10);
        assertThat(lines).extracting(StatementLine::description).containsExactly("library fine", "top-up");
        assertThat(ledger.statement("wallet:h2", lines.getFirst().entryId(), 10)).hasSize(1);
    }
}
