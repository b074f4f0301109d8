package org.citycard.health.vaccination.internal;

import org.citycard.health.HealthTestApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** Vaccination booking on the embedded H2 (the platform's default database), with the same expectations. */
@SpringBootTest(classes = HealthTestApplication.class, properties = {"citycard.card.sms.sender=INBOX",
        "citycard.vaccination.expire-every=PT1H"})
class VaccinationOnH2Test extends VaccinationBookingTest {
}
