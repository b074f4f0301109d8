package org.citycard.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole platform on a random port, on the real PostgreSQL (a fresh schema) with the Redis cache, demo
 * data loaded, and three administrators with known test passwords.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = CityCardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "citycard.catalog.cache=redis",
                "citycard.catalog.demo-data=true",
                "citycard.admin.demo-accounts=false",
                "citycard.admin.accounts[0].username=editor",
                "citycard.admin.accounts[0].password={noop}editor-test-pw",
                "citycard.admin.accounts[0].roles=CATALOG_EDITOR",
                "citycard.admin.accounts[1].username=publisher",
                "citycard.admin.accounts[1].password={noop}publisher-test-pw",
                "citycard.admin.accounts[1].roles=CATALOG_EDITOR,CATALOG_PUBLISHER",
                "citycard.admin.accounts[2].username=admin",
                "citycard.admin.accounts[2].password={noop}admin-test-pw",
                "citycard.admin.accounts[2].roles=ADMIN",
                "citycard.admin.accounts[3].username=operator",
                "citycard.admin.accounts[3].password={noop}operator-test-pw",
                "citycard.admin.accounts[3].roles=CARD_OPERATOR",
                "citycard.admin.accounts[4].username=finance1",
                "citycard.admin.accounts[4].password={noop}finance1-test-pw",
                "citycard.admin.accounts[4].roles=FINANCE",
                "citycard.admin.accounts[5].username=finance2",
                "citycard.admin.accounts[5].password={noop}finance2-test-pw",
                "citycard.admin.accounts[5].roles=FINANCE",
                "citycard.admin.accounts[6].username=scraper",
                "citycard.admin.accounts[6].password={noop}scraper-test-pw",
                "citycard.admin.accounts[6].roles=MONITORING",
                "citycard.admin.accounts[7].username=billing",
                "citycard.admin.accounts[7].password={noop}billing-test-pw",
                "citycard.admin.accounts[7].roles=BILLING",
                "citycard.admin.accounts[8].username=parking",
                "citycard.admin.accounts[8].password={noop}parking-test-pw",
                "citycard.admin.accounts[8].roles=PARKING_ADMIN",
                "citycard.admin.accounts[9].username=parking-op",
                "citycard.admin.accounts[9].password={noop}parking-op-test-pw",
                "citycard.admin.accounts[9].roles=PARKING_OPERATOR",
                "citycard.admin.accounts[10].username=clinic",
                "citycard.admin.accounts[10].password={noop}clinic-test-pw",
                "citycard.admin.accounts[10].roles=CLINIC_STAFF",
                "citycard.admin.accounts[11].username=health",
                "citycard.admin.accounts[11].password={noop}health-test-pw",
                "citycard.admin.accounts[11].roles=HEALTH_ADMIN",
                "citycard.card.shared-state=redis",
                // copies of messages go out within a second, not five
                "citycard.messages.deliver-every=PT1S",
                // each test context has a schema of its own, so a stream of its own (nodes sharing one share a database)
                "citycard.card.code-uses.stream=citycard:code-uses:${random.uuid}",
                // every test request comes from 127.0.0.1: the per-address limits are tested on their own
                "citycard.card.sms.per-address-per-hour=100000",
                "citycard.card.sms.human-check-after-per-address=100000",
                "citycard.card.sms.human-check-difficulty=10",
                "citycard.identity.demo-terminal=false",
                "citycard.identity.terminals[0].client-id=terminal-test",
                "citycard.identity.terminals[0].client-secret={noop}terminal-test-secret",
                "citycard.identity.terminals[1].client-id=hospital-test",
                "citycard.identity.terminals[1].client-secret={noop}hospital-test-secret",
                "citycard.identity.terminals[1].scopes=health.verify",
                "citycard.health.hospitals.hospital-test.name=Central Hospital",
                "citycard.health.hospitals.hospital-test.org-code=420200-H001",
                "management.health.redis.enabled=true"
        })
@org.springframework.context.annotation.Import(SandboxSmsInbox.class)
@interface CityCardTest {
}
