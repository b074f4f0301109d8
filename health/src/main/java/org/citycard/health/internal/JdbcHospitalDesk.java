package org.citycard.health.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.citycard.card.CitizenId;
import org.citycard.card.IdNumber;
import org.citycard.card.privacy.PersonalDataProtection;
import org.citycard.card.privacy.PersonalDataProtection.Field;
import org.citycard.health.HealthCard;
import org.citycard.health.HealthCards;
import org.citycard.health.HealthProblem;
import org.citycard.health.HospitalDesk;
import org.citycard.health.connector.HealthCardPlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Hospitals' verifications: the code's shape is checked here, its validity by the platform (which uses up a dynamic
 * code and keeps the use), the card must be active with us too; the visit is kept and the hospital hears the card's
 * name, masked ID number, sex, birth date and its own patient id.
 */
@Service
class JdbcHospitalDesk implements HospitalDesk {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcHospitalDesk.class);
    private static final Pattern CODE = Pattern.compile("[0-9a-f]{64}:(1|0:[0-9A-F]{32})");
    private static final Pattern PATIENT = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final JdbcClient jdbc;
    private final HealthCardPlatform platform;
    private final PersonalDataProtection privacy;
    private final Map<String, Hospital> hospitals;
    private final Clock clock = Clock.systemUTC();

    JdbcHospitalDesk(JdbcClient jdbc, HealthCardPlatform platform, PersonalDataProtection privacy,
                     HealthProperties properties) {
        this.jdbc = jdbc;
        this.platform = platform;
        this.privacy = privacy;
        this.hospitals = properties.hospitalsByClient();
    }

    @Override
    public Optional<Hospital> hospital(String clientId) {
        return Optional.ofNullable(clientId == null ? null : hospitals.get(clientId));
    }

    @Override
    public Check verify(Hospital hospital, String code, Scene scene, Channel channel, String department) {
        if (code == null || !CODE.matcher(code.strip()).matches()) {
            return new Check.Rejected(HealthProblem.CODE_INVALID);
        }
        // a static code only while its holder has it on: the card id in it is inside every dynamic code, so a
        // terminal that saw one could write it; refused here, before the platform records a use
        // (a closed card's, or one we do not hold, is refused alike: the answer does not tell which cards exist)
        if (code.strip().endsWith(":1") && jdbc.sql(
                        "select count(*) from health_card where ehc_id = :ehc and state = 'ACTIVE' and static_code_on")
                .param("ehc", code.strip().substring(0, 64)).query(Long.class).single() == 0) {
            return new Check.Rejected(HealthProblem.CODE_INVALID);
        }
        String dept = department == null || department.isBlank() ? null
                : DEPARTMENT.matcher(department.strip()).matches() ? department.strip() : null;
        HealthCardPlatform.CodeCheck check;
        try {
            check = platform.verify(code.strip(), hospital.orgCode(), scene.name(), channel.name());
        } catch (HealthCardPlatform.PlatformUnavailable e) {
            LOG.warn("verifying a code for {}: {}", hospital.clientId(), e.getMessage());
            return new Check.Rejected(HealthProblem.PLATFORM_UNAVAILABLE);
        }
        String ehcId = switch (check) {
            case HealthCardPlatform.CodeCheck.Valid valid -> valid.ehcId();
            case HealthCardPlatform.CodeCheck.Invalid invalid -> null;
        };
        if (ehcId == null) {
            HealthCardPlatform.Refusal refusal = ((HealthCardPlatform.CodeCheck.Invalid) check).refusal();
            return new Check.Rejected(switch (refusal) {
                case CODE_EXPIRED -> HealthProblem.CODE_EXPIRED;
                case CODE_USED -> HealthProblem.CODE_USED;
                case CARD_CLOSED, CARD_UNKNOWN -> HealthProblem.CARD_NOT_ACTIVE;
                default -> HealthProblem.CODE_INVALID;
            });
        }
        Optional<Seen> seen = jdbc.sql("""
                        select c.id, c.name_cipher, c.id_number_masked, c.sex, c.birth_date, p.patient_id
                        from health_card c left join health_patient p on p.card_id = c.id and p.hospital = :hospital
                        where c.ehc_id = :ehc and c.state = 'ACTIVE'""")
                .param("hospital", hospital.clientId()).param("ehc", ehcId)
                .query((rs, n) -> new Seen(rs.getObject(1, UUID.class), privacy.decrypt(Field.NAME, rs.getBytes(2)),
                        rs.getString(3), IdNumber.Sex.valueOf(rs.getString(4)), rs.getObject(5, LocalDate.class),
                        rs.getString(6))).optional();
        if (seen.isEmpty()) {
            // the platform knows the card, we do not hold it (issued through another app): nothing to tell
            return new Check.Rejected(HealthProblem.CARD_NOT_ACTIVE);
        }
        UUID visit = UUID.randomUUID();
        jdbc.sql("""
                        insert into health_visit (id, card_id, hospital, scene, channel, department, visited_at)
                        values (:id, :card, :hospital, :scene, :channel, :dept, :at)""")
                .param("id", visit).param("card", seen.get().card()).param("hospital", hospital.clientId())
                .param("scene", scene.name()).param("channel", channel.name()).param("dept", dept)
                .param("at", Timestamp.from(clock.instant())).update();
        Seen s = seen.get();
        return new Check.Accepted(visit, s.name(), s.idNumberMasked(), s.sex(), s.birthDate(), s.patientId());
    }

    private record Seen(UUID card, String name, String idNumberMasked, IdNumber.Sex sex, LocalDate birthDate,
                        String patientId) {
        @Override
        public String toString() {
            return "Seen[" + card + "]";
        }
    }

    @Override
    public HealthCards.Result bindPatient(Hospital hospital, UUID visitId, String patientId) {
        if (patientId == null || !PATIENT.matcher(patientId).matches()) {
            return new HealthCards.Result.Refused(HealthProblem.BAD_PATIENT_ID);
        }
        Instant since = clock.instant().minus(BIND_WITHIN);
        Optional<UUID> card = jdbc.sql("""
                        select card_id from health_visit where id = :id and hospital = :hospital and visited_at >= :since""")
                .param("id", visitId).param("hospital", hospital.clientId()).param("since", Timestamp.from(since))
                .query(UUID.class).optional();
        if (card.isEmpty()) {
            return new HealthCards.Result.Refused(HealthProblem.UNKNOWN_VISIT);
        }
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("update health_patient set patient_id = :p, bound_at = :now where card_id = :c and hospital = :h")
                .param("p", patientId).param("now", now).param("c", card.get()).param("h", hospital.clientId()).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into health_patient (card_id, hospital, patient_id, bound_at) values (:c, :h, :p, :now)")
                        .param("c", card.get()).param("h", hospital.clientId()).param("p", patientId).param("now", now)
                        .update();
            } catch (org.springframework.dao.DuplicateKeyException e) {
                jdbc.sql("update health_patient set patient_id = :p, bound_at = :now where card_id = :c and hospital = :h")
                        .param("p", patientId).param("now", now).param("c", card.get()).param("h", hospital.clientId())
                        .update();
            }
        }
        HealthCard bound = jdbc.sql("select " + JdbcHealthCards.COLUMNS + " from health_card where id = :id")
                .param("id", card.get()).query((rs, n) -> JdbcHealthCards.card(rs)).single();
        return new HealthCards.Result.Done(bound);
    }

    @Override
    public List<Visit> visits(CitizenId holder, UUID cardId, int limit) {
        return jdbc.sql("""
                        select v.id, v.hospital, v.scene, v.channel, v.department, v.visited_at from health_visit v
                        join health_card c on c.id = v.card_id
                        where v.card_id = :card and c.holder_id = :h order by v.visited_at desc limit :limit""")
                .param("card", cardId).param("h", holder.value()).param("limit", Math.max(1, Math.min(limit, 200)))
                .query((rs, n) -> new Visit(rs.getObject(1, UUID.class), name(rs.getString(2)),
                        Scene.valueOf(rs.getString(3)), Channel.valueOf(rs.getString(4)), rs.getString(5),
                        rs.getTimestamp(6).toInstant())).list();
    }

    private String name(String clientId) {
        Hospital h = hospitals.get(clientId);
        if (h == null && clientId.startsWith("VACC-")) { // a vaccination clinic's desk (JdbcClinicDesk)
            return jdbc.sql("select name from vacc_clinic where id = :id").param("id", clientId.substring(5))
                    .query(String.class).optional().orElse(clientId);
        }
        return h == null ? clientId : h.name();
    }
}
