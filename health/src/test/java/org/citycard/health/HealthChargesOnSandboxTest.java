package org.citycard.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.card.Identities;
import org.citycard.card.SmsInbox;
import org.citycard.health.HealthCharges.Item;
import org.citycard.health.HealthCharges.Kind;
import org.citycard.health.HealthCharges.Posted;
import org.citycard.health.HealthCharges.Start;
import org.citycard.health.HealthCharges.State;
import org.citycard.payment.ChannelId;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.Refunds;
import org.citycard.sandbox.payment.SandboxOnPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A hospital's charges paid from the phone through the sandbox's channels, on PostgreSQL: posted once against the
 * hospital's own visit, seen and paid by the card's holder only, paid once however often the notification comes,
 * never refunded by hand once paid, and a payment that arrives after the hospital withdrew the charge given back.
 */
@SpringBootTest(classes = HealthTestApplication.class, properties = {
        "citycard.sandbox.mode=in-process", "citycard.payment.janitor-quiet=PT0S",
        "citycard.payment.janitor-initial-delay=PT1H", "citycard.sandbox.duplicate-after=PT0.3S",
        "citycard.card.sms.sender=INBOX"})
class HealthChargesOnSandboxTest extends SandboxOnPostgres {

    @Autowired
    HealthCards cards;
    @Autowired
    HospitalDesk desk;
    @Autowired
    HealthCharges charges;
    @Autowired
    Identities identities;
    @Autowired
    SmsInbox inbox;

    private record Patient(CitizenId citizen, HealthCard card) {
    }

    private Patient patient() {
        citizen();
        CitizenId c = RealNameCitizens.citizen(identities, inbox, "孙立", LocalDate.of(1985, 4, 4), true);
        HealthCard card = ((HealthCards.Result.Done) cards.issueOwn(c)).card();
        // the hospital verifies the printed code here: on, as its holder would switch it to print it
        return new Patient(c, ((HealthCards.Result.Done) cards.staticCode(c, card.id(), true)).card());
    }

    private UUID visit(HospitalDesk.Hospital hospital, HealthCard card) {
        return ((HospitalDesk.Check.Accepted) desk.verify(hospital, card.staticCode(), HospitalDesk.Scene.CONSULTATION,
                HospitalDesk.Channel.DOCTOR, "内科")).visitId();
    }

    private static String reference() {
        return "RX" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static final List<Item> MEDICINE = List.of(new Item("阿莫西林胶囊 0.25g×24", 1_850), new Item("诊查费", 1_000));

    @Test
    void a_charge_is_posted_once_seen_and_paid_by_its_holder_once_and_not_refunded_by_hand() {
        HospitalDesk.Hospital central = desk.hospital("hs-central").orElseThrow();
        HospitalDesk.Hospital women = desk.hospital("hs-women").orElseThrow();
        Patient p = patient();
        UUID visit = visit(central, p.card());
        String ref = reference();
        assertThat(charges.post(central, visit, ref, Kind.PHARMACY, List.of(new Item("<script>", 100))))
                .isEqualTo(new Posted.Refused(HealthProblem.BAD_CHARGE));
        assertThat(charges.post(central, visit, ref, Kind.PHARMACY, List.of(new Item("药", 0))))
                .isEqualTo(new Posted.Refused(HealthProblem.BAD_CHARGE));
        // every item within bounds, the whole beyond what one payment may be: refused when posted, not when paid
        assertThat(charges.post(central, visit, ref, Kind.PHARMACY, java.util.Collections.nCopies(HealthCharges.MAX_ITEMS,
                new Item("进口药", HealthCharges.MAX_ITEM_FEN)))).isEqualTo(new Posted.Refused(HealthProblem.BAD_CHARGE));
        assertThat(charges.post(women, visit, ref, Kind.PHARMACY, MEDICINE))
                .isEqualTo(new Posted.Refused(HealthProblem.UNKNOWN_VISIT));
        HealthCharges.Charge charge = ((Posted.Created) charges.post(central, visit, ref, Kind.PHARMACY, MEDICINE)).charge();
        assertThat(charge.amountFen()).isEqualTo(2_850);
        assertThat(charge.state()).isEqualTo(State.DUE);
        assertThat(charges.post(central, visit, ref, Kind.PHARMACY, MEDICINE)).isEqualTo(new Posted.Existing(charge));
        assertThat(charges.post(central, visit, ref, Kind.PHARMACY, List.of(new Item("药", 99))))
                .isEqualTo(new Posted.Refused(HealthProblem.CHARGE_CONFLICT));
        assertThat(charges.charge(women, charge.id())).isEmpty();

        Patient stranger = patient();
        assertThat(charges.charges(stranger.citizen(), 10)).isEmpty();
        assertThat(charges.start(stranger.citizen(), charge.id(), null))
                .isEqualTo(new Start.Refused(HealthProblem.UNKNOWN_CHARGE));
        assertThat(charges.charges(p.citizen(), 10)).extracting(HealthCharges.Charge::id).containsExactly(charge.id());

        PaymentOrder order = ((Start.Created) charges.start(p.citizen(), charge.id(), null)).order();
        assertThat(order.amountFen()).isEqualTo(2_850);
        assertThat(((Start.Existing) charges.start(p.citizen(), charge.id(), "again")).order().no()).isEqualTo(order.no());
        // the longest key the API takes (64 characters), after the module's own prefix: the same order, not a failure
        assertThat(((Start.Existing) charges.start(p.citizen(), charge.id(), "k".repeat(64))).order().no())
                .isEqualTo(order.no());
        cashier.approve(token(p.citizen(), order.no(), ChannelId.WECHAT_PAY));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                charges.charge(central, charge.id()).orElseThrow().state() == State.PAID);
        // the notification's second copy (0.3 s later) changes nothing
        await().pollDelay(Duration.ofMillis(900)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(refunds.of(order.no())).isEmpty();
        assertThat(charges.start(p.citizen(), charge.id(), null)).isEqualTo(new Start.Refused(HealthProblem.NOT_DUE));
        assertThat(charges.cancel(central, charge.id())).contains(HealthProblem.NOT_DUE);
        assertThat(refunds.refund(order.no(), 2_850, "changed my mind", "finance1"))
                .isEqualTo(new Refunds.Result.NotAllowed("health.charge-paid"));
    }

    @Test
    void a_payment_arriving_after_the_hospital_withdrew_the_charge_goes_back_in_full() {
        HospitalDesk.Hospital central = desk.hospital("hs-central").orElseThrow();
        Patient p = patient();
        UUID visit = visit(central, p.card());
        HealthCharges.Charge charge = ((Posted.Created) charges.post(central, visit, reference(), Kind.EXAMINATION,
                List.of(new Item("血常规", 2_500)))).charge();
        PaymentOrder order = ((Start.Created) charges.start(p.citizen(), charge.id(), null)).order();
        String token = token(p.citizen(), order.no(), ChannelId.WECHAT_PAY);
        assertThat(charges.cancel(central, charge.id())).isEmpty();
        assertThat(charges.start(p.citizen(), charge.id(), null)).isEqualTo(new Start.Refused(HealthProblem.NOT_DUE));
        cashier.approve(token);
        await().atMost(Duration.ofSeconds(20)).until(() -> !refunds.of(order.no()).isEmpty());
        assertThat(refunds.of(order.no())).singleElement().satisfies(r -> assertThat(r.amountFen()).isEqualTo(2_500));
        assertThat(charges.charge(p.citizen(), charge.id()).orElseThrow().state()).isEqualTo(State.CANCELLED);
    }
}
