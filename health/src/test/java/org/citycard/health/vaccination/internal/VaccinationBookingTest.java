package org.citycard.health.vaccination.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.citycard.card.CitizenId;
import org.citycard.card.Identities;
import org.citycard.card.SmsInbox;
import org.citycard.health.HealthCard;
import org.citycard.health.HealthCards;
import org.citycard.health.vaccination.Booking;
import org.citycard.health.vaccination.Certificates;
import org.citycard.health.vaccination.Clinic;
import org.citycard.health.vaccination.ClinicDesk;
import org.citycard.health.vaccination.Slot;
import org.citycard.health.vaccination.Vaccination;
import org.citycard.health.vaccination.Vaccination.Result;
import org.citycard.health.vaccination.VaccinationAdmin;
import org.citycard.health.vaccination.VaccinationProblem;
import org.citycard.health.vaccination.Vaccine;
import org.citycard.kernel.ChinaTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Booking vaccinations as people do it: for themselves and their family, many at once for few places, changing their
 * minds, not coming, and at the clinic: checked in with the e-health card, the dose recorded, a certificate anyone can
 * check. Zero overbooking and one live booking per person and vaccine, on PostgreSQL and on the embedded H2 alike
 * ({@link VaccinationOnPostgresTest}, {@link VaccinationOnH2Test}).
 */
abstract class VaccinationBookingTest {

    static final VaccinationAdmin.Staff CITY = new VaccinationAdmin.Staff("health-admin", true);

    @Autowired
    Vaccination vaccination;
    @Autowired
    VaccinationAdmin admin;
    @Autowired
    ClinicDesk desk;
    @Autowired
    Certificates certificates;
    @Autowired
    HealthCards cards;
    @Autowired
    Identities identities;
    @Autowired
    SmsInbox inbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcVaccination jobs;
    @Autowired
    org.citycard.health.HospitalDesk hospitalDesk;

    record Person(CitizenId citizen, HealthCard card) {
    }

    Person person(LocalDate born, boolean male) {
        CitizenId c = org.citycard.health.RealNameCitizens.citizen(identities, inbox, "周敏", born, male);
        return new Person(c, ((HealthCards.Result.Done) cards.issueOwn(c)).card());
    }

    /** A crowd: one person born each year from {@code firstBorn}, men and women in turn. */
    List<Person> people(int count, LocalDate firstBorn) {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            people.add(person(firstBorn.plusYears(i), i % 2 == 0));
        }
        return people;
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String clinic() {
        String id = id("clinic");
        assertThat(admin.saveClinic(CITY, new Clinic(id, "黄石港区社区卫生服务中心", "黄石港区", "湖滨大道 1 号",
                "0714-6200000", true))).isEmpty();
        return id;
    }

    /** A programme vaccine for adults: two doses 28 days apart at the same clinic. */
    String vaccine() {
        String id = id("v");
        assertThat(admin.saveVaccine(CITY, new Vaccine(id, "乙肝疫苗（成人）", Vaccine.Kind.PROGRAMME, 0, 2, 16 * 12,
                80 * 12, List.of(28), true))).isEmpty();
        return id;
    }

    Slot slot(String clinic, String vaccine, LocalDate day, int capacity) {
        if (day.equals(today())) {
            awayFromMidnight();
            day = today();
        }
        assertThat(admin.addSlots(CITY, clinic, vaccine, day, day,
                List.<LocalTime[]>of(new LocalTime[] {LocalTime.of(0, 0), LocalTime.of(23, 59)}), capacity,
                Instant.now().minusSeconds(60))).isEqualTo(new VaccinationAdmin.SlotsAdded.Added(1));
        return vaccination.slots(vaccine, clinic, day, day).getFirst();
    }

    /**
     * Today's all-day slot cannot be booked or checked in at in the day's last minutes (China time): a test that books
     * it and walks on waits for the next day instead of failing once in a while around midnight.
     */
    static void awayFromMidnight() {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(org.citycard.kernel.ChinaTime.ZONE);
        if (now.toLocalTime().isAfter(java.time.LocalTime.of(23, 50))) {
            java.time.Duration wait = java.time.Duration.between(now,
                    now.toLocalDate().plusDays(1).atStartOfDay(org.citycard.kernel.ChinaTime.ZONE)).plusSeconds(2);
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static LocalDate today() {
        return LocalDate.now(ChinaTime.ZONE);
    }

    int booked(Slot slot) {
        return jdbc.sql("select booked from vacc_slot where id = :id").param("id", slot.id()).query(Integer.class).single();
    }

    @Test
    void a_place_is_held_confirmed_cancelled_and_held_again_one_live_booking_per_person() {
        String clinic = clinic();
        String vaccine = vaccine();
        Slot slot = slot(clinic, vaccine, today().plusDays(3), 10);
        Slot other = slot(clinic, vaccine, today().plusDays(4), 10);
        Person p = person(LocalDate.of(1990, 1, 1), false);
        Booking held = ((Result.Done) vaccination.hold(p.citizen(), p.card().id(), slot.id())).booking();
        assertThat(held.state()).isEqualTo(Booking.State.HELD);
        assertThat(held.dose()).isEqualTo(1);
        // the answer is built from what the hold read, and is what the booking reads back as
        assertThat(vaccination.booking(p.citizen(), held.id())).contains(held);
        assertThat(held.holdUntil()).isAfter(Instant.now().plus(Vaccination.HOLD).minusSeconds(30));
        assertThat(booked(slot)).isEqualTo(1);
        assertThat(vaccination.hold(p.citizen(), p.card().id(), other.id()))
                .isEqualTo(new Result.Refused(VaccinationProblem.ALREADY_BOOKED));
        assertThat(vaccination.eligibility(p.citizen(), vaccine)).singleElement()
                .satisfies(e -> assertThat(e.problem()).isEqualTo(VaccinationProblem.ALREADY_BOOKED));
        assertThat(((Result.Done) vaccination.confirm(p.citizen(), held.id())).booking().state())
                .isEqualTo(Booking.State.CONFIRMED);
        assertThat(vaccination.confirm(p.citizen(), held.id())).isEqualTo(new Result.Refused(VaccinationProblem.WRONG_STATE));
        // the card a live booking was made for stays until the booking ends (it would be paid and checked in with it)
        assertThat(cards.close(p.citizen(), p.card().id()))
                .isEqualTo(new HealthCards.Result.Refused(org.citycard.health.HealthProblem.LIVE_BOOKINGS));

        Person stranger = person(LocalDate.of(1991, 2, 2), true);
        assertThat(vaccination.confirm(stranger.citizen(), held.id()))
                .isEqualTo(new Result.Refused(VaccinationProblem.UNKNOWN_BOOKING));
        // a self-paid vaccine is paid for, never confirmed free
        String paid = id("v");
        assertThat(admin.saveVaccine(CITY, new Vaccine(paid, "九价人乳头瘤病毒疫苗", Vaccine.Kind.SELF_PAID, 132_800, 1, 0,
                80 * 12, List.of(), false))).isEmpty();
        Booking toPay = ((Result.Done) vaccination.hold(stranger.citizen(), stranger.card().id(),
                slot(clinic, paid, today().plusDays(3), 5).id())).booking();
        assertThat(toPay.priceFen()).isEqualTo(132_800);
        assertThat(vaccination.booking(stranger.citizen(), toPay.id())).contains(toPay);
        assertThat(vaccination.confirm(stranger.citizen(), toPay.id()))
                .isEqualTo(new Result.Refused(VaccinationProblem.PAY_FIRST));
        assertThat(vaccination.booking(stranger.citizen(), toPay.id()).orElseThrow().state()).isEqualTo(Booking.State.HELD);
        assertThat(vaccination.booking(stranger.citizen(), held.id())).isEmpty();
        assertThat(vaccination.cancel(stranger.citizen(), held.id()))
                .isEqualTo(new Result.Refused(VaccinationProblem.UNKNOWN_BOOKING));
        assertThat(vaccination.hold(stranger.citizen(), p.card().id(), slot.id()))
                .isEqualTo(new Result.Refused(VaccinationProblem.UNKNOWN_PERSON));

        assertThat(((Result.Done) vaccination.cancel(p.citizen(), held.id())).booking().state())
                .isEqualTo(Booking.State.CANCELLED);
        assertThat(booked(slot)).isZero();
        assertThat(vaccination.cancel(p.citizen(), held.id())).isEqualTo(new Result.Refused(VaccinationProblem.WRONG_STATE));
        assertThat(booked(slot)).as("a place comes back once").isZero();
        assertThat(vaccination.hold(p.citizen(), p.card().id(), other.id())).isInstanceOf(Result.Done.class);
    }

    @Autowired
    org.citycard.messages.Messages messages;

    @Test
    void those_booked_for_tomorrow_are_reminded_once_and_no_shows_are_recorded() {
        String clinic = clinic();
        String vaccine = vaccine();
        Slot tomorrow = slot(clinic, vaccine, today().plusDays(1), 5);
        Person p = person(LocalDate.of(1982, 2, 2), true);
        Booking b = ((Result.Done) vaccination.hold(p.citizen(), p.card().id(), tomorrow.id())).booking();
        vaccination.confirm(p.citizen(), b.id());
        assertThat(jobs.remindTomorrow(messages)).isGreaterThanOrEqualTo(1);
        jobs.remindTomorrow(messages);
        assertThat(messages.inbox(p.citizen(), 10)).filteredOn(m -> m.topic() == org.citycard.messages.Topic.VACCINATION_REMINDER)
                .singleElement().satisfies(m -> assertThat(m.bodyZh()).contains("乙肝疫苗（成人）", "电子健康卡"));
        // the day passes and nobody came
        jdbc.sql("update vacc_slot set slot_day = :d where id = :id").param("d", today().minusDays(1))
                .param("id", tomorrow.id()).update();
        assertThat(jobs.recordNoShows()).isGreaterThanOrEqualTo(1);
        assertThat(vaccination.booking(p.citizen(), b.id()).orElseThrow().state()).isEqualTo(Booking.State.NO_SHOW);
        assertThat(admin.figures(CITY, today().minusDays(1), today().minusDays(1))).filteredOn(f -> f.clinicId().equals(clinic))
                .singleElement().satisfies(f -> assertThat(f.noShows()).isEqualTo(1));
    }

    @Test
    void many_people_at_once_for_few_places_fill_them_exactly() throws Exception {
        String clinic = clinic();
        String vaccine = vaccine();
        Slot slot = slot(clinic, vaccine, today().plusDays(2), 5);
        List<Person> people = people(16, LocalDate.of(1980, 5, 5));
        assertThat(everyoneTriesTwice(people, slot)).isEqualTo(5);
        assertThat(booked(slot)).isEqualTo(5);
        assertThat(jdbc.sql("select count(distinct person_index) from vacc_booking where slot_id = :s and state = 'HELD'")
                .param("s", slot.id()).query(Long.class).single()).isEqualTo(5);
    }

    /**
     * Everyone tries to hold a place in the slot twice at once, as people at an opening do: how many held. Each try is
     * answered (an exception here is what a citizen would see as a server error), held or refused as full or booked.
     */
    long everyoneTriesTwice(List<Person> people, Slot slot) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Result>> tries = new ArrayList<>();
            for (Person p : people) {
                tries.add(pool.submit(() -> vaccination.hold(p.citizen(), p.card().id(), slot.id())));
                tries.add(pool.submit(() -> vaccination.hold(p.citizen(), p.card().id(), slot.id())));
            }
            long held = 0;
            for (Future<Result> t : tries) {
                Result r = t.get();
                held += r instanceof Result.Done ? 1 : 0;
                if (r instanceof Result.Refused refused) {
                    assertThat(refused.problem()).isIn(VaccinationProblem.FULL, VaccinationProblem.ALREADY_BOOKED);
                }
            }
            return held;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void a_hold_not_confirmed_in_time_gives_its_place_back_once() {
        String clinic = clinic();
        String vaccine = vaccine();
        Slot slot = slot(clinic, vaccine, today().plusDays(5), 1);
        Person first = person(LocalDate.of(1985, 7, 7), true);
        Person second = person(LocalDate.of(1986, 8, 8), false);
        Booking held = ((Result.Done) vaccination.hold(first.citizen(), first.card().id(), slot.id())).booking();
        assertThat(vaccination.hold(second.citizen(), second.card().id(), slot.id()))
                .isEqualTo(new Result.Refused(VaccinationProblem.FULL));
        jdbc.sql("update vacc_booking set hold_until = :past where id = :id")
                .param("past", java.sql.Timestamp.from(Instant.now().minusSeconds(1))).param("id", held.id()).update();
        assertThat(jobs.expireHolds()).isGreaterThanOrEqualTo(1);
        assertThat(jobs.expireHolds()).isZero();
        assertThat(vaccination.booking(first.citizen(), held.id()).orElseThrow().state()).isEqualTo(Booking.State.EXPIRED);
        assertThat(booked(slot)).isZero();
        assertThat(vaccination.confirm(first.citizen(), held.id())).isEqualTo(new Result.Refused(VaccinationProblem.WRONG_STATE));
        assertThat(vaccination.hold(second.citizen(), second.card().id(), slot.id())).isInstanceOf(Result.Done.class);
    }

    /**
     * A person booked for two vaccines the same day is checked in for both with one scan (the lookup had answered an
     * error for two bookings); a dose the doctor puts off ends its booking so that the person may book again, and one
     * still checked in when the day is over is closed at night the same way (it had blocked the person for good).
     */
    @Test
    void two_vaccines_the_same_day_check_in_at_once_and_a_dose_not_given_lets_the_person_book_again() {
        String clinic = clinic();
        String first = vaccine();
        String second = vaccine();
        Slot one = slot(clinic, first, today(), 3);
        Slot two = slot(clinic, second, today(), 3);
        Person p = person(LocalDate.of(1984, 4, 4), true);
        Booking a = ((Result.Done) vaccination.hold(p.citizen(), p.card().id(), one.id())).booking();
        Booking b = ((Result.Done) vaccination.hold(p.citizen(), p.card().id(), two.id())).booking();
        vaccination.confirm(p.citizen(), a.id());
        vaccination.confirm(p.citizen(), b.id());
        VaccinationAdmin.Staff nurse = new VaccinationAdmin.Staff(id("nurse").substring(0, 12), false);
        VaccinationAdmin.Staff other = new VaccinationAdmin.Staff(id("nurse").substring(0, 12), false);
        assertThat(admin.assignStaff(CITY, nurse.username(), clinic)).isEmpty();
        assertThat(admin.assignStaff(CITY, other.username(), clinic())).isEmpty();

        String code = ((HealthCards.CodeResult.Issued) cards.dynamicCode(p.citizen(), p.card().id())).text();
        assertThat(desk.checkIn(nurse, clinic, code)).isInstanceOf(Result.Done.class);
        assertThat(desk.today(nurse, clinic)).filteredOn(x -> x.id().equals(a.id()) || x.id().equals(b.id()))
                .extracting(Booking::state).containsExactly(Booking.State.CHECKED_IN, Booking.State.CHECKED_IN);
        // the scan is one of the card's visits, as a hospital's would be
        assertThat(hospitalDesk.visits(p.citizen(), p.card().id(), 10)).singleElement().satisfies(v -> {
            assertThat(v.hospitalName()).isEqualTo("黄石港区社区卫生服务中心");
            assertThat(v.scene()).isEqualTo(org.citycard.health.HospitalDesk.Scene.REGISTRATION);
        });

        assertThat(desk.notGiven(other, a.id(), ClinicDesk.NotGiven.DEFERRED))
                .isEqualTo(new Result.Refused(VaccinationProblem.FORBIDDEN));
        assertThat(desk.notGiven(nurse, a.id(), null)).isEqualTo(new Result.Refused(VaccinationProblem.NO_REASON));
        assertThat(desk.notGiven(nurse, a.id(), ClinicDesk.NotGiven.NOT_RECORDED))
                .isEqualTo(new Result.Refused(VaccinationProblem.NO_REASON));
        assertThat(desk.notGiven(nurse, UUID.randomUUID(), ClinicDesk.NotGiven.DEFERRED))
                .isEqualTo(new Result.Refused(VaccinationProblem.UNKNOWN_BOOKING));
        assertThat(((Result.Done) desk.notGiven(nurse, a.id(), ClinicDesk.NotGiven.DEFERRED)).booking().state())
                .isEqualTo(Booking.State.NOT_GIVEN);
        assertThat(admin.figures(CITY, today(), today())).filteredOn(f -> f.vaccineId().equals(first)).singleElement()
                .satisfies(f -> assertThat(f.notGiven()).isEqualTo(1));
        assertThat(desk.notGiven(nurse, a.id(), ClinicDesk.NotGiven.DECLINED))
                .isEqualTo(new Result.Refused(VaccinationProblem.WRONG_STATE));
        assertThat(desk.vaccinate(nurse, a.id(), "B2026-12", ClinicDesk.Site.LEFT_ARM))
                .isEqualTo(new ClinicDesk.Given.Refused(VaccinationProblem.WRONG_STATE));
        // put off for a week: the person books again
        Slot later = slot(clinic, first, today().plusDays(7), 3);
        assertThat(vaccination.hold(p.citizen(), p.card().id(), later.id())).isInstanceOf(Result.Done.class);

        // the other dose is never recorded; the day passes
        jdbc.sql("update vacc_slot set slot_day = :d where id = :id").param("d", today().minusDays(1))
                .param("id", two.id()).update();
        assertThat(jobs.closeCheckedIn()).isGreaterThanOrEqualTo(1);
        assertThat(vaccination.booking(p.citizen(), b.id()).orElseThrow().state()).isEqualTo(Booking.State.NOT_GIVEN);
        assertThat(jobs.closeCheckedIn()).isZero();
        Slot again = slot(clinic, second, today().plusDays(7), 3);
        assertThat(vaccination.hold(p.citizen(), p.card().id(), again.id())).isInstanceOf(Result.Done.class);
    }

    @Test
    void at_the_clinic_the_card_checks_in_the_dose_is_recorded_once_and_the_certificate_checks_out() {
        String clinic = clinic();
        String elsewhere = clinic();
        String vaccine = vaccine();
        Slot slot = slot(clinic, vaccine, today(), 3);
        Person p = person(LocalDate.of(1979, 9, 9), false);
        Booking b = ((Result.Done) vaccination.hold(p.citizen(), p.card().id(), slot.id())).booking();
        vaccination.confirm(p.citizen(), b.id());
        assertThat(vaccination.cancel(p.citizen(), b.id())).isEqualTo(new Result.Refused(VaccinationProblem.PAST_CUT_OFF));
        VaccinationAdmin.Staff nurse = new VaccinationAdmin.Staff(id("nurse").substring(0, 12), false);
        VaccinationAdmin.Staff other = new VaccinationAdmin.Staff(id("nurse").substring(0, 12), false);
        assertThat(admin.assignStaff(CITY, nurse.username(), clinic)).isEmpty();
        assertThat(admin.assignStaff(CITY, other.username(), elsewhere)).isEmpty();
        assertThat(admin.setStock(nurse, clinic, vaccine, 50)).isEmpty();
        assertThat(admin.setStock(other, clinic, vaccine, 50)).contains(VaccinationProblem.FORBIDDEN);
        // the stock against what it is promised to: the booking, and the two places still open today
        assertThat(admin.setStock(nurse, clinic, vaccine, 1)).isEmpty();
        assertThat(admin.stock(nurse)).filteredOn(s -> s.vaccineId().equals(vaccine)).singleElement()
                .isEqualTo(new VaccinationAdmin.Stock(clinic, vaccine, 1, 1, 2))
                .satisfies(s -> assertThat(s.shortfall()).isEqualTo(2));
        assertThat(admin.setStock(nurse, clinic, vaccine, 50)).isEmpty();
        assertThat(admin.stock(nurse)).filteredOn(s -> s.vaccineId().equals(vaccine)).singleElement()
                .satisfies(s -> assertThat(s.shortfall()).isZero());
        assertThat(admin.stock(other)).noneMatch(s -> s.clinicId().equals(clinic));

        String code = ((HealthCards.CodeResult.Issued) cards.dynamicCode(p.citizen(), p.card().id())).text();
        assertThat(desk.checkIn(other, clinic, code)).isEqualTo(new Result.Refused(VaccinationProblem.FORBIDDEN));
        assertThat(desk.checkIn(other, elsewhere, code)).isEqualTo(new Result.Refused(VaccinationProblem.NOT_BOOKED_HERE));
        String fresh = ((HealthCards.CodeResult.Issued) cards.dynamicCode(p.citizen(), p.card().id())).text();
        assertThat(((Result.Done) desk.checkIn(nurse, clinic, fresh)).booking().state()).isEqualTo(Booking.State.CHECKED_IN);
        assertThat(desk.checkIn(nurse, clinic, fresh)).isEqualTo(new Result.Refused(VaccinationProblem.BAD_CODE));
        assertThat(desk.today(nurse, clinic)).extracting(Booking::id).contains(b.id());
        assertThat(desk.today(other, clinic)).isEmpty();

        assertThat(desk.vaccinate(other, b.id(), "B2026-11", ClinicDesk.Site.LEFT_ARM))
                .isEqualTo(new ClinicDesk.Given.Refused(VaccinationProblem.FORBIDDEN));
        assertThat(desk.vaccinate(nurse, b.id(), "<b>", ClinicDesk.Site.LEFT_ARM))
                .isEqualTo(new ClinicDesk.Given.Refused(VaccinationProblem.BAD_DOSE));
        Certificates.Certificate certificate = ((ClinicDesk.Given.Certified) desk.vaccinate(nurse, b.id(), "B2026-11",
                ClinicDesk.Site.LEFT_ARM)).certificate();
        assertThat(desk.vaccinate(nurse, b.id(), "B2026-11", ClinicDesk.Site.LEFT_ARM))
                .isEqualTo(new ClinicDesk.Given.Refused(VaccinationProblem.WRONG_STATE));
        assertThat(certificate.publicId()).matches("[0-9a-f]{32}");
        assertThat(certificate.dose()).isEqualTo(1);
        assertThat(certificate.personNameMasked()).isEqualTo("周*");
        assertThat(admin.stock(nurse)).filteredOn(s -> s.vaccineId().equals(vaccine)).singleElement()
                .satisfies(s -> {
                    assertThat(s.onHand()).isEqualTo(49);
                    assertThat(s.booked()).as("the dose given is no longer promised").isZero();
                });
        String signature = certificate.qrText().substring(certificate.qrText().indexOf("?s=") + 3);
        assertThat(certificates.check(certificate.publicId(), signature)).contains(certificate);
        int middle = signature.length() / 2;
        String tampered = signature.substring(0, middle) + (signature.charAt(middle) == 'A' ? 'B' : 'A')
                + signature.substring(middle + 1);
        assertThat(certificates.check(certificate.publicId(), tampered)).isEmpty();
        assertThat(certificates.check("0".repeat(32), null)).isEmpty();
        assertThat(certificates.check("../etc/passwd", null)).isEmpty();
        assertThat(certificates.of(p.citizen())).containsExactly(certificate);
        // the public check, from one address: at most so many a minute, so that nobody walks the ids
        String address = "10.9." + java.util.concurrent.ThreadLocalRandom.current().nextInt(255) + ".1";
        assertThat(certificates.check(certificate.publicId(), signature, address))
                .isEqualTo(new Certificates.Checked.Genuine(certificate));
        assertThat(certificates.check("f".repeat(32), null, address)).isEqualTo(new Certificates.Checked.NotConfirmed());
        for (int i = 2; i < 30; i++) {
            certificates.check("f".repeat(32), null, address);
        }
        assertThat(certificates.check(certificate.publicId(), signature, address))
                .isEqualTo(new Certificates.Checked.SlowDown());

        // the second dose: not before 28 days, and only here
        Slot tooSoon = slot(clinic, vaccine, today().plusDays(7), 3);
        assertThat(vaccination.hold(p.citizen(), p.card().id(), tooSoon.id()))
                .isEqualTo(new Result.Refused(VaccinationProblem.TOO_SOON));
        Slot there = slot(elsewhere, vaccine, today().plusDays(30), 3);
        assertThat(vaccination.hold(p.citizen(), p.card().id(), there.id()))
                .isEqualTo(new Result.Refused(VaccinationProblem.OTHER_CLINIC));
        Slot later = slot(clinic, vaccine, today().plusDays(30), 3);
        assertThat(((Result.Done) vaccination.hold(p.citizen(), p.card().id(), later.id())).booking().dose()).isEqualTo(2);
    }
}
