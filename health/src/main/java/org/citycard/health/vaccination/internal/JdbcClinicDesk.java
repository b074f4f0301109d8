package org.citycard.health.vaccination.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.citycard.card.CitizenId;
import org.citycard.card.code.CodeKeys;
import org.citycard.health.connector.HealthCardPlatform;
import org.citycard.health.vaccination.Booking;
import org.citycard.health.vaccination.Certificates;
import org.citycard.health.vaccination.ClinicDesk;
import org.citycard.health.vaccination.Vaccination;
import org.citycard.health.vaccination.VaccinationAdmin;
import org.citycard.health.vaccination.VaccinationProblem;
import org.citycard.kernel.ChinaTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clinic's desk and the certificates. Checking in asks the provincial platform about the code shown (a dynamic
 * one is used up there), finds the card it belongs to and that person's confirmed booking here today. Recording a
 * dose is one transaction: the booking moves from CHECKED_IN to VACCINATED (once), the dose is kept (once per person,
 * vaccine and dose), the stock goes down, and the certificate is written, signed with the city's code keys under its
 * own domain and identified by 128 random bits.
 */
@Service
class JdbcClinicDesk implements ClinicDesk, Certificates {

    static final String DOMAIN = "citycard-vaccination-certificate-v1";
    /** How a clinic's desk is named to the platform and in the card's visits: this prefix and the clinic's id. */
    static final String CLINIC_TERMINAL = "VACC-";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcClinicDesk.class);
    private static final Pattern BATCH = Pattern.compile("[A-Za-z0-9-]{1,32}");
    private static final Pattern PUBLIC_ID = Pattern.compile("[0-9a-f]{32}");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final HealthCardPlatform platform;
    private final JdbcVaccinationAdmin admin;
    private final JdbcVaccination vaccination;
    private final CodeKeys keys;
    private final org.citycard.card.RateLimits limits;
    private final int checksPerMinute;
    private final String publicBase;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    JdbcClinicDesk(JdbcClient jdbc, TransactionTemplate transactions, HealthCardPlatform platform,
                   JdbcVaccinationAdmin admin, JdbcVaccination vaccination, CodeKeys keys, org.citycard.card.RateLimits limits,
                   VaccinationConfiguration.Properties properties,
                   @Value("${citycard.identity.issuer:}") String publicBase) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.platform = platform;
        this.admin = admin;
        this.vaccination = vaccination;
        this.keys = keys;
        this.limits = limits;
        this.checksPerMinute = properties.checksPerSourcePerMinute();
        this.publicBase = publicBase == null ? "" : publicBase.replaceAll("/+$", "");
    }

    private boolean may(VaccinationAdmin.Staff staff, String clinicId) {
        return staff.cityAdmin() || admin.clinicOf(staff.username()).map(c -> c.equals(clinicId)).orElse(false);
    }

    @Override
    public List<Booking> today(VaccinationAdmin.Staff staff, String clinicId) {
        if (!may(staff, clinicId)) {
            return List.of();
        }
        return jdbc.sql("select " + JdbcVaccination.BOOKING_COLUMNS + " " + JdbcVaccination.BOOKING_FROM
                        + " where b.clinic_id = :c and s.slot_day = :today and b.state <> 'EXPIRED' "
                        + "order by s.starts_at, b.created_at")
                .param("c", clinicId).param("today", today()).query((rs, n) -> JdbcVaccination.booking(rs)).list();
    }

    @Override
    public Vaccination.Result checkIn(VaccinationAdmin.Staff staff, String clinicId, String eHealthCode) {
        if (!may(staff, clinicId)) {
            return new Vaccination.Result.Refused(VaccinationProblem.FORBIDDEN);
        }
        if (eHealthCode == null || !eHealthCode.strip().matches("[0-9a-f]{64}:(1|0:[0-9A-F]{32})")) {
            return new Vaccination.Result.Refused(VaccinationProblem.BAD_CODE);
        }
        String ehcId;
        try {
            ehcId = switch (platform.verify(eHealthCode.strip(), CLINIC_TERMINAL + clinicId, "REGISTRATION", "WINDOW")) {
                case HealthCardPlatform.CodeCheck.Valid valid -> valid.ehcId();
                case HealthCardPlatform.CodeCheck.Invalid invalid -> null;
            };
        } catch (HealthCardPlatform.PlatformUnavailable e) {
            LOG.warn("check-in at {}: {}", clinicId, e.getMessage());
            return new Vaccination.Result.Refused(VaccinationProblem.PLATFORM_UNAVAILABLE);
        }
        if (ehcId == null) {
            return new Vaccination.Result.Refused(VaccinationProblem.BAD_CODE);
        }
        // a person may come for two vaccines the same day (one live booking per vaccine): one scan checks them all in
        List<UUID> found = jdbc.sql("""
                        select b.id from vacc_booking b join vacc_slot s on s.id = b.slot_id
                        where b.clinic_id = :clinic and s.slot_day = :today and b.state = 'CONFIRMED'
                        and b.person_index = (select id_number_index from health_card where ehc_id = :ehc and state = 'ACTIVE')
                        order by s.starts_at, b.created_at""")
                .param("clinic", clinicId).param("today", today()).param("ehc", ehcId).query(UUID.class).list();
        if (found.isEmpty()) {
            return new Vaccination.Result.Refused(VaccinationProblem.NOT_BOOKED_HERE);
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<UUID> checkedIn = found.stream().filter(id -> jdbc.sql("""
                        update vacc_booking set state = 'CHECKED_IN', checked_in_at = :now
                        where id = :id and state = 'CONFIRMED'""")
                .param("now", now).param("id", id).update() == 1).toList();
        if (checkedIn.isEmpty()) {
            return new Vaccination.Result.Refused(VaccinationProblem.WRONG_STATE);
        }
        // a use of the card like any hospital's: the holder sees it among the card's visits
        jdbc.sql("""
                        insert into health_visit (id, card_id, hospital, scene, channel, department, visited_at)
                        select :id, id, :clinic, 'REGISTRATION', 'WINDOW', :dept, :now from health_card
                        where ehc_id = :ehc and state = 'ACTIVE'""")
                .param("id", UUID.randomUUID()).param("clinic", CLINIC_TERMINAL + clinicId).param("dept", "预防接种")
                .param("now", now).param("ehc", ehcId).update();
        return new Vaccination.Result.Done(booking(checkedIn.getFirst()));
    }

    @Override
    public Vaccination.Result notGiven(VaccinationAdmin.Staff staff, UUID bookingId, NotGiven reason) {
        Optional<Booking> b = find(bookingId);
        if (b.isEmpty() || !may(staff, b.get().clinicId())) {
            return new Vaccination.Result.Refused(b.isEmpty() ? VaccinationProblem.UNKNOWN_BOOKING
                    : VaccinationProblem.FORBIDDEN);
        }
        if (reason == null || reason == NotGiven.NOT_RECORDED) {
            return new Vaccination.Result.Refused(VaccinationProblem.NO_REASON);
        }
        if (!vaccination.endWithoutDose(bookingId, reason)) {
            return new Vaccination.Result.Refused(VaccinationProblem.WRONG_STATE);
        }
        LOG.info("dose {} of {} not given at {} ({}) by {}", b.get().dose(), b.get().vaccineId(), b.get().clinicId(),
                reason, staff.username());
        return new Vaccination.Result.Done(booking(bookingId));
    }

    private Optional<Booking> find(UUID id) {
        return id == null ? Optional.empty() : jdbc.sql("select " + JdbcVaccination.BOOKING_COLUMNS + " "
                        + JdbcVaccination.BOOKING_FROM + " where b.id = :id").param("id", id)
                .query((rs, n) -> JdbcVaccination.booking(rs)).optional();
    }

    private Booking booking(UUID id) {
        return find(id).orElseThrow();
    }

    @Override
    public Given vaccinate(VaccinationAdmin.Staff staff, UUID bookingId, String batch, Site site) {
        Optional<Booking> b = find(bookingId);
        if (b.isEmpty() || !may(staff, b.get().clinicId())) {
            return new Given.Refused(b.isEmpty() ? VaccinationProblem.UNKNOWN_BOOKING : VaccinationProblem.FORBIDDEN);
        }
        if (batch == null || !BATCH.matcher(batch.strip()).matches() || site == null) {
            return new Given.Refused(VaccinationProblem.BAD_DOSE);
        }
        if (b.get().state() != Booking.State.CHECKED_IN) {
            return new Given.Refused(VaccinationProblem.WRONG_STATE);
        }
        // as the database keeps it (microseconds, rounded): the certificate signs the time it will later be checked
        // against, which a nanosecond clock would miss by a millisecond about once in two thousand doses
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String publicId = HexFormat.of().formatHex(randomBytes());
        String given = transactions.execute(tx -> {
            int moved = jdbc.sql("""
                            update vacc_booking set state = 'VACCINATED', active_key = null, ended_at = :now
                            where id = :id and state = 'CHECKED_IN'""")
                    .param("now", Timestamp.from(now)).param("id", bookingId).update();
            if (moved == 0) {
                return null;
            }
            UUID dose = UUID.randomUUID();
            jdbc.sql("""
                            insert into vacc_dose (id, booking_id, person_index, card_id, vaccine_id, dose, clinic_id, batch,
                                                   site, given_at, given_by)
                            select :dose, b.id, b.person_index, b.card_id, b.vaccine_id, b.dose, b.clinic_id, :batch, :site,
                                   :now, :by from vacc_booking b where b.id = :id""")
                    .param("dose", dose).param("batch", batch.strip()).param("site", site.name())
                    .param("now", Timestamp.from(now)).param("by", staff.username()).param("id", bookingId).update();
            jdbc.sql("update vacc_stock set on_hand = on_hand - 1 where clinic_id = :c and vaccine_id = :v and on_hand > 0")
                    .param("c", b.get().clinicId()).param("v", b.get().vaccineId()).update();
            String signed = keys.signDocument(DOMAIN, document(publicId, b.get(), batch.strip(), now));
            jdbc.sql("""
                            insert into vacc_certificate (public_id, dose_id, card_id, signed, issued_at)
                            values (:p, :dose, :card, :signed, :now)""")
                    .param("p", publicId).param("dose", dose).param("card", b.get().cardId()).param("signed", signed)
                    .param("now", Timestamp.from(now)).update();
            return publicId;
        });
        if (given == null) {
            return new Given.Refused(VaccinationProblem.WRONG_STATE);
        }
        LOG.info("dose {} of {} given at {} by {}", b.get().dose(), b.get().vaccineId(), b.get().clinicId(), staff.username());
        return new Given.Certified(certificate(publicId).orElseThrow());
    }

    /** What the signature covers: the certificate's id and what it says, nothing personal beyond the masked name. */
    private static String document(String publicId, Booking b, String batch, Instant at) {
        return publicId + "|" + b.vaccineId() + "|" + b.dose() + "|" + b.clinicId() + "|" + batch + "|"
                + at.toEpochMilli() + "|" + b.personNameMasked();
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private static final String CERTIFICATE_QUERY = """
            select x.public_id, x.signed, c.name_masked, v.name as vaccine_name, v.id as vaccine_id, d.dose, v.doses,
                   k.name as clinic_name, k.id as clinic_id, d.batch, d.given_at
            from vacc_certificate x join vacc_dose d on d.id = x.dose_id join health_card c on c.id = x.card_id
            join vacc_vaccine v on v.id = d.vaccine_id join vacc_clinic k on k.id = d.clinic_id""";

    private Optional<Certificate> certificate(String publicId) {
        return jdbc.sql(CERTIFICATE_QUERY + " where x.public_id = :p").param("p", publicId)
                .query((rs, n) -> certificate(rs)).optional();
    }

    private Certificate certificate(java.sql.ResultSet rs) throws java.sql.SQLException {
        String id = rs.getString("public_id");
        return new Certificate(id, rs.getString("name_masked"), rs.getString("vaccine_name"), rs.getInt("dose"),
                rs.getInt("doses"), rs.getString("clinic_name"), rs.getString("batch"),
                rs.getTimestamp("given_at").toInstant(),
                publicBase + "/verify/vaccination/" + id + "?s=" + rs.getString("signed"));
    }

    @Override
    public List<Certificate> of(CitizenId holder) {
        return jdbc.sql(CERTIFICATE_QUERY + " where c.holder_id = :h order by d.given_at desc")
                .param("h", holder.value()).query((rs, n) -> certificate(rs)).list();
    }

    /**
     * Certificates once found genuine, by id and signature: a certificate never changes after it is issued, and the
     * same one is checked again and again (at school gates, say). Only genuine ones are kept.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, Certificate> genuine =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofMinutes(10))
                    .maximumSize(100_000).build();

    @Override
    public Optional<Certificate> check(String publicId, String signature) {
        if (publicId == null || !PUBLIC_ID.matcher(publicId).matches()) {
            return Optional.empty();
        }
        Certificate known = signature == null ? null : genuine.getIfPresent(publicId + "|" + signature);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Certificate> found = verified(publicId, signature);
        if (signature != null) {
            found.ifPresent(c -> genuine.put(publicId + "|" + signature, c));
        }
        return found;
    }

    private Optional<Certificate> verified(String publicId, String signature) {
        record Row(Certificate certificate, String signed, String vaccineId, String clinicId) {
        }
        Optional<Row> row = jdbc.sql(CERTIFICATE_QUERY + " where x.public_id = :p").param("p", publicId)
                .query((rs, n) -> new Row(certificate(rs), rs.getString("signed"), rs.getString("vaccine_id"),
                        rs.getString("clinic_id"))).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Certificate c = row.get().certificate();
        String document = publicId + "|" + row.get().vaccineId() + "|" + c.dose() + "|" + row.get().clinicId() + "|"
                + c.batch() + "|" + c.givenAt().toEpochMilli() + "|" + c.personNameMasked();
        if (!keys.verifyDocument(DOMAIN, document, row.get().signed())
                || signature != null && !signature.equals(row.get().signed())) {
            return Optional.empty();
        }
        return Optional.of(c);
    }

    @Override
    public Checked check(String publicId, String signature, String source) {
        if (checksPerMinute > 0
                && !limits.tryTake("vaccination-check:" + source, checksPerMinute, java.time.Duration.ofMinutes(1))) {
            return new Checked.SlowDown();
        }
        return check(publicId, signature).<Checked>map(Checked.Genuine::new).orElse(new Checked.NotConfirmed());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ChinaTime.ZONE));
    }
}
