package org.citycard.health.vaccination.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.citycard.health.vaccination.Clinic;
import org.citycard.health.vaccination.VaccinationAdmin;
import org.citycard.health.vaccination.VaccinationProblem;
import org.citycard.health.vaccination.Vaccine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Clinics, vaccines, staff, stock and slots in the {@code vacc_*} tables; clinic staff act for their own clinic only. */
@Service
class JdbcVaccinationAdmin implements VaccinationAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcVaccinationAdmin.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9-]{2,32}");
    private static final Pattern TEXT = Pattern.compile("[^<>\\p{Cntrl}]{1,128}");
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9_.-]{2,31}");

    private final JdbcClient jdbc;

    JdbcVaccinationAdmin(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> clinicOf(String username) {
        return jdbc.sql("select clinic_id from vacc_clinic_staff where username = :u").param("u", username)
                .query(String.class).optional();
    }

    private boolean may(Staff staff, String clinicId) {
        return mayAct(staff).test(clinicId);
    }

    /** The clinics the staff member may act for, their own looked up once (for filtering many rows). */
    private java.util.function.Predicate<String> mayAct(Staff staff) {
        if (staff.cityAdmin()) {
            return clinic -> true;
        }
        Optional<String> own = clinicOf(staff.username());
        return clinic -> own.map(c -> c.equals(clinic)).orElse(false);
    }

    @Override
    public List<Clinic> clinics(Staff staff) {
        return jdbc.sql("select * from vacc_clinic order by district, name").query((rs, n) -> JdbcVaccination.clinic(rs))
                .list().stream().filter(c -> mayAct(staff).test(c.id())).toList();
    }

    @Override
    public Optional<VaccinationProblem> saveClinic(Staff staff, Clinic c) {
        if (!staff.cityAdmin()) {
            return Optional.of(VaccinationProblem.FORBIDDEN);
        }
        if (c == null || c.id() == null || !ID.matcher(c.id()).matches() || !text(c.name(), 64) || !text(c.district(), 32)
                || !text(c.address(), 128) || c.phone() == null || !c.phone().matches("[0-9-]{5,20}")) {
            return Optional.of(VaccinationProblem.BAD_INPUT);
        }
        int updated = jdbc.sql("update vacc_clinic set name = :n, district = :d, address = :a, phone = :p, active = :act "
                        + "where id = :id")
                .param("n", c.name().strip()).param("d", c.district().strip()).param("a", c.address().strip())
                .param("p", c.phone()).param("act", c.active()).param("id", c.id()).update();
        if (updated == 0) {
            jdbc.sql("insert into vacc_clinic (id, name, district, address, phone, active) values (:id, :n, :d, :a, :p, :act)")
                    .param("id", c.id()).param("n", c.name().strip()).param("d", c.district().strip())
                    .param("a", c.address().strip()).param("p", c.phone()).param("act", c.active()).update();
        }
        LOG.info("vaccination clinic {} saved by {}", c.id(), staff.username());
        return Optional.empty();
    }

    @Override
    public Optional<VaccinationProblem> assignStaff(Staff staff, String username, String clinicId) {
        if (!staff.cityAdmin()) {
            return Optional.of(VaccinationProblem.FORBIDDEN);
        }
        if (username == null || !USERNAME.matcher(username).matches() || clinic(clinicId).isEmpty()) {
            return Optional.of(VaccinationProblem.BAD_INPUT);
        }
        int updated = jdbc.sql("update vacc_clinic_staff set clinic_id = :c where username = :u")
                .param("c", clinicId).param("u", username).update();
        if (updated == 0) {
            jdbc.sql("insert into vacc_clinic_staff (username, clinic_id) values (:u, :c)").param("u", username)
                    .param("c", clinicId).update();
        }
        LOG.info("{} works at vaccination clinic {} (by {})", username, clinicId, staff.username());
        return Optional.empty();
    }

    @Override
    public Optional<VaccinationProblem> saveVaccine(Staff staff, Vaccine v) {
        if (!staff.cityAdmin()) {
            return Optional.of(VaccinationProblem.FORBIDDEN);
        }
        if (v == null || v.id() == null || !ID.matcher(v.id()).matches() || !text(v.name(), 64) || v.kind() == null
                || v.priceFen() < 0 || v.priceFen() > 10_000_000 || v.doses() < 1 || v.doses() > 6
                || v.minAgeMonths() < 0 || v.maxAgeMonths() < v.minAgeMonths() || v.maxAgeMonths() > 1_500
                || v.intervalDays().size() != v.doses() - 1 || v.intervalDays().stream().anyMatch(d -> d < 1 || d > 3_650)) {
            return Optional.of(VaccinationProblem.BAD_INPUT);
        }
        String intervals = String.join(",", v.intervalDays().stream().map(String::valueOf).toList());
        int updated = jdbc.sql("""
                        update vacc_vaccine set name = :n, kind = :k, price = :p, doses = :d, min_age_months = :min,
                               max_age_months = :max, intervals = :i, same_clinic = :same where id = :id""")
                .param("n", v.name().strip()).param("k", v.kind().name()).param("p", v.dueFen()).param("d", v.doses())
                .param("min", v.minAgeMonths()).param("max", v.maxAgeMonths()).param("i", intervals)
                .param("same", v.sameClinic()).param("id", v.id()).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into vacc_vaccine (id, name, kind, price, doses, min_age_months, max_age_months, intervals,
                                                      same_clinic)
                            values (:id, :n, :k, :p, :d, :min, :max, :i, :same)""")
                    .param("id", v.id()).param("n", v.name().strip()).param("k", v.kind().name()).param("p", v.dueFen())
                    .param("d", v.doses()).param("min", v.minAgeMonths()).param("max", v.maxAgeMonths())
                    .param("i", intervals).param("same", v.sameClinic()).update();
        }
        LOG.info("vaccine {} saved by {}", v.id(), staff.username());
        return Optional.empty();
    }

    @Override
    public Optional<VaccinationProblem> setWaitingRoom(Staff staff, String vaccineId, boolean on) {
        if (!staff.cityAdmin()) {
            return Optional.of(VaccinationProblem.FORBIDDEN);
        }
        int updated = jdbc.sql("update vacc_vaccine set waiting_room = :on where id = :id").param("on", on)
                .param("id", vaccineId).update();
        if (updated == 0) {
            return Optional.of(VaccinationProblem.BAD_INPUT);
        }
        LOG.info("waiting room for {} {} by {}", vaccineId, on ? "on" : "off", staff.username());
        return Optional.empty();
    }

    @Override
    public Optional<VaccinationProblem> setStock(Staff staff, String clinicId, String vaccineId, int onHand) {
        if (!may(staff, clinicId)) {
            return Optional.of(VaccinationProblem.FORBIDDEN);
        }
        if (onHand < 0 || onHand > 1_000_000 || clinic(clinicId).isEmpty() || vaccine(vaccineId).isEmpty()) {
            return Optional.of(VaccinationProblem.BAD_INPUT);
        }
        int updated = jdbc.sql("update vacc_stock set on_hand = :n where clinic_id = :c and vaccine_id = :v")
                .param("n", onHand).param("c", clinicId).param("v", vaccineId).update();
        if (updated == 0) {
            jdbc.sql("insert into vacc_stock (clinic_id, vaccine_id, on_hand) values (:c, :v, :n)").param("c", clinicId)
                    .param("v", vaccineId).param("n", onHand).update();
        }
        LOG.info("stock of {} at {} set to {} by {}", vaccineId, clinicId, onHand, staff.username());
        return Optional.empty();
    }

    @Override
    @Transactional
    public SlotsAdded addSlots(Staff staff, String clinicId, String vaccineId, LocalDate from, LocalDate to,
                               List<LocalTime[]> periods, int capacity, Instant opensAt) {
        if (!may(staff, clinicId)) {
            return new SlotsAdded.Refused(VaccinationProblem.FORBIDDEN);
        }
        if (clinic(clinicId).isEmpty() || vaccine(vaccineId).isEmpty() || from == null || to == null
                || to.isBefore(from) || from.plusDays(92).isBefore(to) || periods == null || periods.isEmpty()
                || periods.size() > 24 || capacity < 1 || capacity > 10_000 || opensAt == null
                || periods.stream().anyMatch(p -> p == null || p.length != 2 || p[0] == null || p[1] == null
                || !p[0].isBefore(p[1]))) {
            return new SlotsAdded.Refused(VaccinationProblem.BAD_INPUT);
        }
        // booking opens while there is still a slot to book (today's slots may open now, during the day)
        LocalTime last = periods.stream().map(p -> p[1]).max(LocalTime::compareTo).orElseThrow();
        if (!opensAt.isBefore(to.atTime(last).atZone(org.citycard.kernel.ChinaTime.ZONE).toInstant())) {
            return new SlotsAdded.Refused(VaccinationProblem.BAD_INPUT);
        }
        int added = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (LocalTime[] p : periods) {
                boolean there = jdbc.sql("""
                                select count(*) from vacc_slot where clinic_id = :c and vaccine_id = :v and slot_day = :d
                                and starts_at = :s""")
                        .param("c", clinicId).param("v", vaccineId).param("d", day).param("s", p[0])
                        .query(Long.class).single() > 0;
                if (!there) {
                    jdbc.sql("""
                                    insert into vacc_slot (id, clinic_id, vaccine_id, slot_day, starts_at, ends_at, capacity,
                                                           booked, opens_at)
                                    values (:id, :c, :v, :d, :s, :e, :cap, 0, :opens)""")
                            .param("id", UUID.randomUUID()).param("c", clinicId).param("v", vaccineId).param("d", day)
                            .param("s", p[0]).param("e", p[1]).param("cap", capacity)
                            .param("opens", Timestamp.from(opensAt)).update();
                    added++;
                }
            }
        }
        if (added > 0) {
            LOG.info("{} slots of {} added at {} by {}", added, vaccineId, clinicId, staff.username());
        }
        return new SlotsAdded.Added(added);
    }

    @Override
    public List<DayFigures> figures(Staff staff, LocalDate from, LocalDate to) {
        java.util.function.Predicate<String> mine = mayAct(staff);
        return jdbc.sql("""
                        select s.slot_day, s.clinic_id, s.vaccine_id, sum(s.capacity),
                          (select count(*) from vacc_booking b join vacc_slot x on x.id = b.slot_id where x.slot_day = s.slot_day
                             and b.clinic_id = s.clinic_id and b.vaccine_id = s.vaccine_id and b.state = 'HELD'),
                          (select count(*) from vacc_booking b join vacc_slot x on x.id = b.slot_id where x.slot_day = s.slot_day
                             and b.clinic_id = s.clinic_id and b.vaccine_id = s.vaccine_id and b.state in ('CONFIRMED', 'CHECKED_IN')),
                          (select count(*) from vacc_booking b join vacc_slot x on x.id = b.slot_id where x.slot_day = s.slot_day
                             and b.clinic_id = s.clinic_id and b.vaccine_id = s.vaccine_id and b.state = 'VACCINATED'),
                          (select count(*) from vacc_booking b join vacc_slot x on x.id = b.slot_id where x.slot_day = s.slot_day
                             and b.clinic_id = s.clinic_id and b.vaccine_id = s.vaccine_id and b.state = 'NO_SHOW'),
                          (select count(*) from vacc_booking b join vacc_slot x on x.id = b.slot_id where x.slot_day = s.slot_day
                             and b.clinic_id = s.clinic_id and b.vaccine_id = s.vaccine_id and b.state in ('CANCELLED', 'EXPIRED')),
                          (select count(*) from vacc_booking b join vacc_slot x on x.id = b.slot_id where x.slot_day = s.slot_day
                             and b.clinic_id = s.clinic_id and b.vaccine_id = s.vaccine_id and b.state = 'NOT_GIVEN')
                        from vacc_slot s where s.slot_day between :from and :to
                        group by s.slot_day, s.clinic_id, s.vaccine_id order by s.slot_day, s.clinic_id, s.vaccine_id""")
                .param("from", from).param("to", to)
                .query((rs, n) -> new DayFigures(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10)))
                .list()
                .stream().filter(f -> mine.test(f.clinicId())).toList();
    }

    @Override
    public List<Stock> stock(Staff staff) {
        java.util.function.Predicate<String> mine = mayAct(staff);
        LocalDate today = LocalDate.now(org.citycard.kernel.ChinaTime.ZONE);
        return jdbc.sql("""
                        select t.clinic_id, t.vaccine_id, t.on_hand,
                          (select count(*) from vacc_booking b where b.clinic_id = t.clinic_id and b.vaccine_id = t.vaccine_id
                             and b.state in ('HELD', 'CONFIRMED', 'CHECKED_IN')),
                          (select coalesce(sum(s.capacity - s.booked), 0) from vacc_slot s where s.clinic_id = t.clinic_id
                             and s.vaccine_id = t.vaccine_id and s.slot_day >= :today)
                        from vacc_stock t order by t.clinic_id, t.vaccine_id""")
                .param("today", today)
                .query((rs, n) -> new Stock(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)))
                .list().stream()
                .filter(s -> mine.test(s.clinicId())).toList();
    }

    private Optional<Clinic> clinic(String id) {
        return id == null ? Optional.empty() : jdbc.sql("select * from vacc_clinic where id = :id").param("id", id)
                .query((rs, n) -> JdbcVaccination.clinic(rs)).optional();
    }

    private Optional<Vaccine> vaccine(String id) {
        return id == null ? Optional.empty() : jdbc.sql("select * from vacc_vaccine where id = :id").param("id", id)
                .query((rs, n) -> JdbcVaccination.vaccine(rs)).optional();
    }

    private static boolean text(String value, int max) {
        return value != null && !value.isBlank() && value.strip().length() <= max && TEXT.matcher(value.strip()).matches();
    }
}
