package org.citycard.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.parking.fees.FeeRule;
import org.citycard.payment.ChannelId;
import org.citycard.sandbox.payment.SandboxOnPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Plates and paying for stays through the real channels of the sandbox, on PostgreSQL: one owner per plate, a
 * stay seen and paid only by its plate's owner, paid before leaving (then out within the lot's minutes costs no
 * more) or after, each payment counted once however often its notification comes.
 */
@SpringBootTest(classes = ParkingTestApplication.class, properties = {
        "citycard.sandbox.mode=in-process", "citycard.payment.janitor-quiet=PT0S",
        "citycard.payment.janitor-initial-delay=PT1H", "citycard.sandbox.duplicate-after=PT0.3S",
        "citycard.parking.decide-every=PT1H"})
class ParkingPaymentsOnSandboxTest extends SandboxOnPostgres {

    private static final ParkingAdministration.Staff CITY = new ParkingAdministration.Staff("parking", true);

    @Autowired
    ParkingAdministration administration;
    @Autowired
    ParkingSessions sessions;
    @Autowired
    ParkingPlates plates;
    @Autowired
    ParkingPayments payments;
    @Autowired
    org.citycard.card.ledger.Ledger ledger;
    @Autowired
    org.citycard.messages.Messages messages;
    @Autowired
    org.citycard.parking.internal.ArrearsProbe arrearsReminders;
    @Autowired
    ParkingSettlements settlements;
    @Autowired
    org.citycard.parking.internal.LicenceProbe licences;

    private record Place(String operator, String lot) {
    }

    private Place place() {
        String operator = "op-" + UUID.randomUUID().toString().substring(0, 8);
        administration.saveOperator(CITY, new ParkingAdministration.Operator(operator, "城泊", true));
        String lot = "lot-" + UUID.randomUUID().toString().substring(0, 8);
        administration.saveLot(CITY, new Lot(lot, operator, "测试停车场", Lot.Kind.OFF_STREET, "某路 1 号",
                new GeoPoint(30.2, 115.0), 100, 0, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, FeeRule.typical(),
                Lot.ExitWithoutEntry.FIRST_PERIOD));
        return new Place(operator, lot);
    }

    private static int serial = 40_000;

    private static synchronized String plate() {
        return "鄂C" + (serial++);
    }

    private GateEvent event(Place p, GateEvent.Direction direction, String plate, Instant at) {
        return new GateEvent(p.operator(), UUID.randomUUID().toString(), p.lot(), "g1", direction,
                new Plate(plate, Plate.Colour.BLUE), at, null);
    }

    private void payWithWeChat(CitizenId citizen, ParkingPayments.Start start) {
        assertThat(start).isInstanceOf(ParkingPayments.Start.Created.class);
        var created = (ParkingPayments.Start.Created) start;
        cashier.approve(token(citizen, created.order().no(), ChannelId.WECHAT_PAY));
    }

    @Test
    void a_plate_has_one_owner_and_a_second_claim_waits_for_staff() {
        CitizenId owner = citizen();
        CitizenId other = citizen();
        String text = plate();
        assertThat(plates.bind(owner, text, Plate.Colour.BLUE)).isInstanceOf(ParkingPlates.Result.Bound.class);
        assertThat(plates.bind(owner, text, Plate.Colour.BLUE))
                .isEqualTo(new ParkingPlates.Result.Refused(ParkingPlates.Problem.ALREADY_BOUND));
        assertThat(plates.bind(other, text, Plate.Colour.BLUE)).isInstanceOf(ParkingPlates.Result.Claimed.class);
        assertThat(plates.plates(other)).singleElement().satisfies(p -> assertThat(p.state()).isEqualTo("PENDING_REVIEW"));
        assertThat(plates.bind(owner, "鄂C1234O", Plate.Colour.BLUE))
                .isEqualTo(new ParkingPlates.Result.Refused(ParkingPlates.Problem.BAD_PLATE));
        plates.bind(owner, plate(), Plate.Colour.BLUE);
        plates.bind(owner, plate(), Plate.Colour.BLUE);
        assertThat(plates.bind(owner, plate(), Plate.Colour.BLUE))
                .isEqualTo(new ParkingPlates.Result.Refused(ParkingPlates.Problem.TOO_MANY_PLATES));
    }

    @Test
    void paid_before_leaving_a_car_out_within_the_minutes_to_leave_owes_nothing_more() {
        Place p = place();
        CitizenId driver = citizen();
        String car = plate();
        plates.bind(driver, car, Plate.Colour.BLUE);
        Instant in = Instant.now().minus(Duration.ofMinutes(95));
        sessions.receive(event(p, GateEvent.Direction.ENTRY, car, in));
        var stay = payments.stays(driver, 10).getFirst();
        assertThat(stay.session().state()).isEqualTo(ParkingSession.State.OPEN);
        assertThat(stay.dueFen()).isPositive();
        long due = stay.dueFen();
        payWithWeChat(driver, payments.start(driver, stay.session().id(), null));
        await().atMost(Duration.ofSeconds(20)).until(() -> payments.stay(driver, stay.session().id()).orElseThrow()
                .session().paidFen() == due);
        Thread.yield();
        // a second copy of the notification has come by now (0.3 s): still counted once
        await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(payments.stay(driver, stay.session().id()).orElseThrow().session().paidFen()).isEqualTo(due);

        sessions.receive(event(p, GateEvent.Direction.EXIT, car, Instant.now().plus(Duration.ofMinutes(5))));
        var left = payments.stay(driver, stay.session().id()).orElseThrow();
        assertThat(left.session().state()).isEqualTo(ParkingSession.State.CLOSED);
        assertThat(left.session().feeFen()).isEqualTo(due);
        assertThat(left.dueFen()).isZero();
        assertThat(payments.start(driver, stay.session().id(), null))
                .isEqualTo(new ParkingPayments.Start.Refused(ParkingPayments.Problem.NOTHING_DUE));
    }

    @Test
    void a_stay_is_seen_and_paid_by_its_plates_owner_only_and_a_second_tap_gets_the_same_order() {
        Place p = place();
        CitizenId driver = citizen();
        CitizenId stranger = citizen();
        String car = plate();
        plates.bind(driver, car, Plate.Colour.BLUE);
        sessions.receive(event(p, GateEvent.Direction.ENTRY, car, Instant.now().minus(Duration.ofHours(2))));
        sessions.receive(event(p, GateEvent.Direction.EXIT, car, Instant.now().minus(Duration.ofMinutes(30))));
        var stay = payments.stays(driver, 10).getFirst();
        assertThat(stay.dueFen()).isEqualTo(stay.session().feeFen()).isPositive();
        assertThat(payments.stays(stranger, 10)).isEmpty();
        assertThat(payments.stay(stranger, stay.session().id())).isEmpty();
        assertThat(payments.start(stranger, stay.session().id(), null))
                .isEqualTo(new ParkingPayments.Start.Refused(ParkingPayments.Problem.UNKNOWN_SESSION));
        // the claimant of the plate does not see its stays either
        plates.bind(stranger, car, Plate.Colour.BLUE);
        assertThat(payments.stays(stranger, 10)).isEmpty();

        var first = payments.start(driver, stay.session().id(), null);
        assertThat(first).isInstanceOf(ParkingPayments.Start.Created.class);
        // a second tap while the first is awaited: the same order again, not a second one
        assertThat(payments.start(driver, stay.session().id(), null)).isInstanceOfSatisfying(
                ParkingPayments.Start.Existing.class, again -> assertThat(again.order().no())
                        .isEqualTo(((ParkingPayments.Start.Created) first).order().no()));
        java.time.LocalDate before = java.time.LocalDate.now(org.citycard.kernel.ChinaTime.ZONE);
        payWithWeChat(driver, first);
        await().atMost(Duration.ofSeconds(20)).until(() -> payments.stay(driver, stay.session().id()).orElseThrow().dueFen() == 0);
        assertThat(payments.stay(driver, stay.session().id()).orElseThrow().paymentInProgress()).isFalse();
        // the day settled for the lot's operator: collected through WeChat Pay, its 6‰ kept, the rest paid out (the day
        // the payment was made, China time: the day the test began, or the next if it was paid after midnight)
        java.time.LocalDate after = java.time.LocalDate.now(org.citycard.kernel.ChinaTime.ZONE);
        var settled = java.util.stream.Stream.of(before, after).distinct().flatMap(day -> settlements.settle(day).stream())
                .filter(x -> x.operatorId().equals(p.operator())).toList();
        long paid = stay.session().feeFen();
        assertThat(settled).singleElement().satisfies(x -> {
            assertThat(x.channel()).isEqualTo("WECHAT_PAY");
            assertThat(x.collectedFen()).isEqualTo(paid);
            assertThat(x.feesFen()).isEqualTo((paid * 6 + 500) / 1000);
            assertThat(x.payoutFen()).isEqualTo(paid - x.feesFen());
        });
    }

    private void wallet(CitizenId citizen, long fen) {
        ledger.open(org.citycard.card.Wallets.accountOf(citizen), org.citycard.card.ledger.AccountKind.WALLET, null);
        ledger.open("clearing:TEST", org.citycard.card.ledger.AccountKind.CLEARING, null);
        if (fen > 0) {
            ledger.post(org.citycard.card.ledger.Posting.transfer("fund-" + citizen, "top-up", "clearing:TEST",
                    org.citycard.card.Wallets.accountOf(citizen), fen));
        }
    }

    private java.util.List<String> titles(CitizenId citizen) {
        return messages.inbox(citizen, 10).stream().map(org.citycard.messages.Message::titleZh).toList();
    }

    @Test
    void seamless_payment_pays_a_billed_stay_from_the_wallet_within_the_cap_and_says_so_otherwise_the_stay_stays_due() {
        Place p = place();
        // enough in the wallet, under the cap: paid at the exit, once, with a message
        CitizenId rich = citizen();
        String car = plate();
        wallet(rich, 10_000);
        var plate = ((ParkingPlates.Result.Bound) plates.bind(rich, car, Plate.Colour.BLUE)).plate();
        assertThat(plates.setSeamless(rich, plate.id(), true, 0)).as("a cap of nothing").isFalse();
        assertThat(plates.setSeamless(rich, plate.id(), true, 5_000)).isTrue();
        sessions.receive(event(p, GateEvent.Direction.ENTRY, car, Instant.now().minus(Duration.ofMinutes(100))));
        sessions.receive(event(p, GateEvent.Direction.EXIT, car, Instant.now()));
        var stay = payments.stays(rich, 10).getFirst();
        long fee = stay.session().feeFen();
        await().atMost(Duration.ofSeconds(15)).until(() -> payments.stay(rich, stay.session().id()).orElseThrow().dueFen() == 0);
        assertThat(payments.stay(rich, stay.session().id()).orElseThrow().session().paidFen()).isEqualTo(fee);
        assertThat(ledger.balance(org.citycard.card.Wallets.accountOf(rich))).hasValue(10_000 - fee);
        await().atMost(Duration.ofSeconds(5)).until(() -> titles(rich).contains("停车费已无感支付"));

        // a short wallet: the stay stays due, its order waits for another channel, and the driver is told
        CitizenId poor = citizen();
        String other = plate();
        wallet(poor, 1);
        var second = ((ParkingPlates.Result.Bound) plates.bind(poor, other, Plate.Colour.BLUE)).plate();
        plates.setSeamless(poor, second.id(), true, 5_000);
        sessions.receive(event(p, GateEvent.Direction.ENTRY, other, Instant.now().minus(Duration.ofMinutes(100))));
        sessions.receive(event(p, GateEvent.Direction.EXIT, other, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> titles(poor).contains("停车费待缴"));
        var unpaid = payments.stays(poor, 10).getFirst();
        assertThat(unpaid.dueFen()).isPositive();
        assertThat(ledger.balance(org.citycard.card.Wallets.accountOf(poor))).hasValue(1);
        // paying it by WeChat takes the waiting order
        var start = payments.start(poor, unpaid.session().id(), null);
        assertThat(start).isInstanceOf(ParkingPayments.Start.Existing.class);
        cashier.approve(token(poor, ((ParkingPayments.Start.Existing) start).order().no(), ChannelId.WECHAT_PAY));
        await().atMost(Duration.ofSeconds(20)).until(() -> payments.stay(poor, unpaid.session().id()).orElseThrow().dueFen() == 0);
    }

    @Test
    void staff_decide_stays_waiting_for_them_and_city_admins_decide_claimed_plates() {
        Place p = place();
        Place elsewhere = place();
        String car = plate();
        sessions.receive(event(p, GateEvent.Direction.ENTRY, car, Instant.now().minus(Duration.ofHours(5))));
        sessions.receive(event(p, GateEvent.Direction.ENTRY, car, Instant.now().minus(Duration.ofHours(1))));
        var staff = new ParkingAdministration.Staff("op-" + UUID.randomUUID().toString().substring(0, 6), false);
        var stranger = new ParkingAdministration.Staff("op-" + UUID.randomUUID().toString().substring(0, 6), false);
        administration.assignStaff(CITY, staff.username(), p.operator());
        administration.assignStaff(CITY, stranger.username(), elsewhere.operator());
        var waiting = administration.anomalies(staff, 10).stream().filter(s -> s.plate().text().equals(car)).toList();
        assertThat(waiting).singleElement().satisfies(s ->
                assertThat(s.anomaly()).isEqualTo(ParkingSession.Anomaly.NEW_ENTRY_WHILE_OPEN));
        UUID id = waiting.getFirst().id();
        assertThat(administration.anomalies(stranger, 10)).noneMatch(s -> s.id().equals(id));
        assertThat(administration.resolve(stranger, id, 500, "核实"))
                .isEqualTo(new ParkingAdministration.Result.Refused<>(ParkingAdministration.Problem.FORBIDDEN));
        assertThat(administration.resolve(staff, id, 500, " "))
                .isEqualTo(new ParkingAdministration.Result.Refused<>(ParkingAdministration.Problem.REASON_REQUIRED));
        assertThat(administration.resolve(staff, id, -1, "核实"))
                .isEqualTo(new ParkingAdministration.Result.Refused<>(ParkingAdministration.Problem.BAD_FEE));
        assertThat(administration.resolve(staff, id, 500, "监控核实：上次 12 时离场")).isInstanceOfSatisfying(
                ParkingAdministration.Result.Done.class, done -> assertThat(((ParkingSession) done.value()).feeFen()).isEqualTo(500));
        assertThat(administration.resolve(staff, id, 900, "再改"))
                .isEqualTo(new ParkingAdministration.Result.Refused<>(ParkingAdministration.Problem.NOT_WITH_STAFF));

        CitizenId holder = citizen();
        CitizenId claimant = citizen();
        String disputed = plate();
        plates.bind(holder, disputed, Plate.Colour.BLUE);
        var claim = ((ParkingPlates.Result.Claimed) plates.bind(claimant, disputed, Plate.Colour.BLUE)).plate();
        assertThat(administration.claims(staff)).isEmpty();
        assertThat(administration.decideClaim(staff, claim.id(), true, "行驶证核实"))
                .isEqualTo(new ParkingAdministration.Result.Refused<>(ParkingAdministration.Problem.FORBIDDEN));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        assertThat(plates.uploadLicence(holder, claim.id(), png)).isEqualTo(ParkingPlates.LicenceResult.UNKNOWN_PLATE);
        assertThat(plates.uploadLicence(claimant, claim.id(), "not a picture".getBytes()))
                .isEqualTo(ParkingPlates.LicenceResult.NOT_AN_IMAGE);
        assertThat(plates.uploadLicence(claimant, claim.id(), new byte[ParkingPlates.MAX_LICENCE_BYTES + 1]))
                .isEqualTo(ParkingPlates.LicenceResult.TOO_LARGE);
        assertThat(plates.uploadLicence(claimant, claim.id(), png)).isEqualTo(ParkingPlates.LicenceResult.STORED);
        assertThat(administration.licence(staff, claim.id())).isEmpty();
        assertThat(administration.licence(CITY, claim.id())).hasValueSatisfying(l -> {
            assertThat(l.mediaType()).isEqualTo("image/png");
            assertThat(l.image()).isEqualTo(png);
        });
        // kept encrypted
        assertThat(jdbc.sql("select document from parking_licence where plate_id = :id").param("id", claim.id())
                .query(byte[].class).single()).isNotEqualTo(png);
        assertThat(administration.claims(CITY)).anySatisfy(c -> assertThat(c.id()).isEqualTo(claim.id()));
        assertThat(administration.decideClaim(CITY, claim.id(), true, "行驶证核实为申请人所有"))
                .isInstanceOf(ParkingAdministration.Result.Done.class);
        assertThat(plates.plates(holder)).isEmpty();
        assertThat(plates.plates(claimant)).singleElement().satisfies(pl -> assertThat(pl.state()).isEqualTo("ACTIVE"));
        assertThat(administration.decideClaim(CITY, claim.id(), false, "again"))
                .isEqualTo(new ParkingAdministration.Result.Refused<>(ParkingAdministration.Problem.UNKNOWN_CLAIM));
        assertThat(plates.uploadLicence(claimant, claim.id(), png)).as("held now: nothing to prove")
                .isEqualTo(ParkingPlates.LicenceResult.NOT_CLAIMED);
        // 90 days after the decision the picture is gone
        licences.forget(Instant.now().plus(Duration.ofDays(89)));
        assertThat(administration.licence(CITY, claim.id())).isPresent();
        licences.forget(Instant.now().plus(Duration.ofDays(91)));
        assertThat(administration.licence(CITY, claim.id())).isEmpty();
    }

    @Test
    void an_on_street_stay_left_unpaid_becomes_arrears_is_reminded_weekly_and_is_collected_with_the_next_payment() {
        String operator = "op-" + UUID.randomUUID().toString().substring(0, 8);
        administration.saveOperator(CITY, new ParkingAdministration.Operator(operator, "路侧", true));
        String street = "st-" + UUID.randomUUID().toString().substring(0, 8);
        administration.saveLot(CITY, new Lot(street, operator, "测试路侧泊位", Lot.Kind.ON_STREET, "某路", new GeoPoint(30.2, 115.0),
                20, 0, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, FeeRule.typical(), Lot.ExitWithoutEntry.STAFF));
        Place berths = new Place(operator, street);
        CitizenId driver = citizen();
        String car = plate();
        plates.bind(driver, car, Plate.Colour.BLUE);
        sessions.receive(event(berths, GateEvent.Direction.ENTRY, car, Instant.now().minus(Duration.ofHours(5))));
        sessions.receive(event(berths, GateEvent.Direction.EXIT, car, Instant.now().minus(Duration.ofHours(3))));
        var owed = payments.arrears(driver);
        assertThat(owed).singleElement().satisfies(a -> assertThat(a.dueFen()).isPositive());
        long arrears = owed.getFirst().dueFen();
        arrearsReminders.remind(Instant.now());
        arrearsReminders.remind(Instant.now());
        assertThat(titles(driver)).containsOnlyOnce("停车欠费提醒");

        // the next stay, in a car park: paying it collects the arrears too
        Place park = place();
        sessions.receive(event(park, GateEvent.Direction.ENTRY, car, Instant.now().minus(Duration.ofMinutes(70))));
        sessions.receive(event(park, GateEvent.Direction.EXIT, car, Instant.now()));
        var next = payments.stays(driver, 10).stream().filter(st -> st.session().lotId().equals(park.lot())).findFirst()
                .orElseThrow();
        var start = payments.start(driver, next.session().id(), null);
        assertThat(start).isInstanceOfSatisfying(ParkingPayments.Start.Created.class,
                created -> assertThat(created.amountFen()).isEqualTo(next.dueFen() + arrears));
        cashier.approve(token(driver, ((ParkingPayments.Start.Created) start).order().no(), ChannelId.WECHAT_PAY));
        await().atMost(Duration.ofSeconds(20)).until(() -> payments.arrears(driver).isEmpty()
                && payments.stay(driver, next.session().id()).orElseThrow().dueFen() == 0);
        assertThat(payments.stays(driver, 10)).allSatisfy(st -> assertThat(st.dueFen()).isZero());
    }

    @Test
    void anyone_signed_in_pays_for_a_plate_at_the_lots_exit_code_and_only_what_that_stay_owes() {
        Place p = place();
        String car = plate();
        CitizenId passenger = citizen();
        assertThat(payments.atLot(p.lot(), new Plate(car, Plate.Colour.BLUE))).isEmpty();
        assertThat(payments.startAtLot(passenger, p.lot(), new Plate(car, Plate.Colour.BLUE), null))
                .isEqualTo(new ParkingPayments.Start.Refused(ParkingPayments.Problem.UNKNOWN_SESSION));
        sessions.receive(event(p, GateEvent.Direction.ENTRY, car, Instant.now().minus(Duration.ofMinutes(50))));
        var stay = payments.atLot(p.lot(), new Plate(car, Plate.Colour.BLUE)).orElseThrow();
        assertThat(stay.dueFen()).isPositive();
        var start = payments.startAtLot(passenger, p.lot(), new Plate(car, Plate.Colour.BLUE), null);
        assertThat(start).isInstanceOfSatisfying(ParkingPayments.Start.Created.class,
                created -> assertThat(created.amountFen()).isEqualTo(stay.dueFen()));
        cashier.approve(token(passenger, ((ParkingPayments.Start.Created) start).order().no(), ChannelId.WECHAT_PAY));
        await().atMost(Duration.ofSeconds(20)).until(() -> payments.atLot(p.lot(), new Plate(car, Plate.Colour.BLUE)).isEmpty());
        // out within the minutes to leave: nothing more
        sessions.receive(event(p, GateEvent.Direction.EXIT, car, Instant.now().plus(Duration.ofMinutes(3))));
        assertThat(sessions.ofPlate(new Plate(car, Plate.Colour.BLUE), 1).getFirst().feeFen()).isEqualTo(stay.dueFen());
    }
}
