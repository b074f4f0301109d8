package org.citycard.health.vaccination.internal;

import org.citycard.health.HealthTestApplication;
import org.citycard.testing.PostgresSchema;
import org.citycard.testing.RequiredServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Vaccination booking on PostgreSQL. */
@SpringBootTest(classes = HealthTestApplication.class, properties = {"citycard.card.sms.sender=INBOX",
        "citycard.vaccination.expire-every=PT1H"})
class VaccinationOnPostgresTest extends VaccinationBookingTest {

    private static final PostgresSchema SCHEMA = new PostgresSchema();

    @BeforeAll
    static void needsPostgres() {
        RequiredServices.postgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void drop() {
        SCHEMA.drop();
    }
}
