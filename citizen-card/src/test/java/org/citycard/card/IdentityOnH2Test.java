package org.citycard.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The embedded default (H2 in PostgreSQL mode) runs the same identity SQL: registration, card, sign-in lock. */
@SpringBootTest(classes = CardTestApplication.class)
class IdentityOnH2Test {

    @Autowired
    Identities identities;
    @Autowired
    Cards cards;
    @Autowired
    SmsInbox inbox;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void a_citizen_registers_gets_a_card_and_wrong_passwords_lock_the_login_on_h2() {
        String phone = CardSamples.phone();
        identities.sendSmsCode(phone, SmsPurpose.REGISTER);
        Citizen citizen = ((IdentityResult.Done) identities.register(phone, CardSamples.lastCode(inbox, phone),
                "secret123")).citizen();
        identities.sendSmsCode(phone, SmsPurpose.REAL_NAME);
        assertThat(identities.verifyRealName(citizen.id(), "张三", CardSamples.idNumber(), phone,
                CardSamples.lastCode(inbox, phone))).isInstanceOf(IdentityResult.Done.class);
        assertThat(cards.apply(citizen.id())).isInstanceOf(CardResult.Done.class);

        for (int i = 0; i < Identities.MAX_FAILED_SIGN_INS; i++) {
            jdbc.sql("update card_sign_in_failure set locked_until = null where failures < 5").update();
            identities.signIn(phone, "guess-" + i, "203.0.113.5");
        }
        assertThat(identities.signIn(phone, "secret123", "203.0.113.5"))
                .isEqualTo(new IdentityResult.Refused(IdentityProblem.SIGN_IN_LOCKED));
        assertThat(identities.signIn(phone, "secret123", "198.51.100.7")).isInstanceOf(IdentityResult.Done.class);
    }
}
