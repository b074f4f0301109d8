package org.citycard.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.citycard.card.CardSamples;
import org.citycard.card.Citizen;
import org.citycard.card.CitizenId;
import org.citycard.card.Identities;
import org.citycard.card.IdentityResult;
import org.citycard.card.SmsInbox;
import org.citycard.card.SmsPurpose;

/** Citizens registered and verified by real name, as the health tests need them (the SMS codes from the inbox). */
public final class RealNameCitizens {

    private RealNameCitizens() {
    }

    /** A real-name citizen with a new ID number of that birth date and sex. */
    public static CitizenId citizen(Identities identities, SmsInbox inbox, String name, LocalDate born, boolean male) {
        return citizen(identities, inbox, name, CardSamples.idNumber(born, male));
    }

    public static CitizenId citizen(Identities identities, SmsInbox inbox, String name, String idNumber) {
        String phone = CardSamples.phone();
        identities.sendSmsCode(phone, SmsPurpose.REGISTER);
        Citizen c = ((IdentityResult.Done) identities.register(phone, CardSamples.lastCode(inbox, phone),
                "secret123")).citizen();
        identities.sendSmsCode(phone, SmsPurpose.REAL_NAME);
        assertThat(identities.verifyRealName(c.id(), name, idNumber, phone, CardSamples.lastCode(inbox, phone)))
                .isInstanceOf(IdentityResult.Done.class);
        return c.id();
    }
}
