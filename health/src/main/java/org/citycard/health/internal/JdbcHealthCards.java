package org.citycard.health.internal;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.citycard.card.CitizenId;
import org.citycard.card.IdNumber;
import org.citycard.card.Identities;
import org.citycard.card.privacy.PersonalDataProtection;
import org.citycard.card.privacy.PersonalDataProtection.Field;
import org.citycard.health.HealthCard;
import org.citycard.health.HealthCard.Relation;
import org.citycard.health.HealthCard.State;
import org.citycard.health.HealthCards;
import org.citycard.health.HealthProblem;
import org.citycard.health.connector.HealthCardPlatform;
import org.citycard.health.connector.HealthCardPlatform.Applicant;
import org.citycard.health.connector.HealthCardPlatform.Registration;
import org.citycard.kernel.ChinaTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Cards in {@code health_card}. A card is written first (REGISTERING or AWAITING_COUNTER, holding the person's ID
 * number as {@code active_key}, so that two applications for one person cannot both go on), then registered with the
 * platform outside any transaction (the platform answers the same card for the same ID number, so asking again after
 * a failure is safe), then made ACTIVE with the platform's id. A refusal removes the row it wrote; a card left
 * REGISTERING by a crash is registered again when its holder next asks.
 */
@Service
class JdbcHealthCards implements HealthCards {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcHealthCards.class);
    private static final Pattern NAME = Pattern.compile("[\\p{IsHan}A-Za-z·• ]{2,30}");
    private static final Pattern BIRTH_CERTIFICATE = Pattern.compile("[A-Z]\\d{9}");
    private static final String REFERENCE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final String COLUMNS = "id, relation, name_masked, id_number_masked, sex, birth_date, state, ehc_id, "
            + "counter_ref, created_at, issued_at, static_code_on";

    private final JdbcClient jdbc;
    private final Identities identities;
    private final PersonalDataProtection privacy;
    private final HealthCardPlatform platform;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    JdbcHealthCards(JdbcClient jdbc, Identities identities, PersonalDataProtection privacy, HealthCardPlatform platform) {
        this.jdbc = jdbc;
        this.identities = identities;
        this.privacy = privacy;
        this.platform = platform;
    }

    static HealthCard card(ResultSet rs) throws SQLException {
        return new HealthCard(rs.getObject("id", UUID.class), Relation.valueOf(rs.getString("relation")),
                rs.getString("name_masked"), rs.getString("id_number_masked"), IdNumber.Sex.valueOf(rs.getString("sex")),
                rs.getObject("birth_date", LocalDate.class), State.valueOf(rs.getString("state")), rs.getString("ehc_id"),
                rs.getString("counter_ref"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("issued_at") == null ? null : rs.getTimestamp("issued_at").toInstant(),
                rs.getBoolean("static_code_on"));
    }

    @Override
    public List<HealthCard> cards(CitizenId holder) {
        return jdbc.sql("select " + COLUMNS + " from health_card where holder_id = :h and state <> 'CLOSED' "
                        + "order by case when relation = 'SELF' then 0 else 1 end, created_at")
                .param("h", holder.value()).query((rs, n) -> card(rs)).list();
    }

    @Override
    public Optional<HealthCard> card(CitizenId holder, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from health_card where id = :id and holder_id = :h")
                .param("id", id).param("h", holder.value()).query((rs, n) -> card(rs)).optional();
    }

    @Override
    public Result issueOwn(CitizenId citizen) {
        Optional<Identities.RealName> realName = identities.realName(citizen);
        if (realName.isEmpty()) {
            return new Result.Refused(HealthProblem.NOT_REAL_NAME);
        }
        IdNumber id = realName.get().idNumber();
        // the person's own number: a relative's request still waiting at the counter gives way to them
        releaseWaiting(id, citizen, java.time.Duration.ZERO);
        Optional<Live> live = live(id);
        if (live.isPresent() && !live.get().holder().equals(citizen.value())) {
            if (live.get().relation() == Relation.SELF || live.get().state() != State.ACTIVE) {
                return new Result.Refused(HealthProblem.HELD_ELSEWHERE);
            }
            // a guardian held it while the person had no account of their own; now it is theirs
            jdbc.sql("update health_card set holder_id = :h, relation = 'SELF' where id = :id and state = 'ACTIVE'")
                    .param("h", citizen.value()).param("id", live.get().id()).update();
            LOG.info("e-health card {} passed from its guardian to its holder", live.get().id());
            return new Result.Done(card(citizen, live.get().id()).orElseThrow());
        }
        if (live.isPresent() && live.get().state() == State.ACTIVE) {
            return new Result.Done(card(citizen, live.get().id()).orElseThrow());
        }
        Optional<UUID> cardId = claim(citizen, Relation.SELF, realName.get().name(), id);
        if (cardId.isEmpty()) {
            return new Result.Refused(HealthProblem.HELD_ELSEWHERE);
        }
        return register(citizen, cardId.get(), new Applicant(realName.get().name(), id.value(), id.sex().name(),
                id.birthDate(), null, null, null, Relation.SELF.name()));
    }

    @Override
    public Result addChild(CitizenId guardian, String name, String idNumber, String birthCertificateNo) {
        Optional<Identities.RealName> guardianName = identities.realName(guardian);
        if (guardianName.isEmpty()) {
            return new Result.Refused(HealthProblem.NOT_REAL_NAME);
        }
        Dependant d = dependant(guardianName.get(), name, idNumber);
        if (d.problem() != null) {
            return new Result.Refused(d.problem());
        }
        if (Period.between(d.id().birthDate(), today()).getYears() >= 18) {
            return new Result.Refused(HealthProblem.NOT_A_CHILD);
        }
        String certificate = birthCertificateNo == null ? "" : birthCertificateNo.strip().toUpperCase(java.util.Locale.ROOT);
        if (!BIRTH_CERTIFICATE.matcher(certificate).matches()) {
            return new Result.Refused(HealthProblem.BAD_BIRTH_CERTIFICATE);
        }
        releaseWaiting(d.id(), guardian, COUNTER_WAIT);
        Optional<Result.Refused> blocked = blocked(guardian, d.id());
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Optional<UUID> cardId = claim(guardian, Relation.CHILD, d.name(), d.id());
        if (cardId.isEmpty()) {
            return new Result.Refused(HealthProblem.HELD_ELSEWHERE);
        }
        Optional<HealthCard> mine = card(guardian, cardId.get());
        if (mine.isPresent() && mine.get().state() == State.ACTIVE) {
            return new Result.Done(mine.get());
        }
        return register(guardian, cardId.get(), new Applicant(d.name(), d.id().value(), d.id().sex().name(),
                d.id().birthDate(), null, guardianName.get().idNumber().value(), certificate, Relation.CHILD.name()));
    }

    @Override
    public Result requestForParent(CitizenId guardian, String name, String idNumber) {
        Optional<Identities.RealName> guardianName = identities.realName(guardian);
        if (guardianName.isEmpty()) {
            return new Result.Refused(HealthProblem.NOT_REAL_NAME);
        }
        Dependant d = dependant(guardianName.get(), name, idNumber);
        if (d.problem() != null) {
            return new Result.Refused(d.problem());
        }
        if (Period.between(d.id().birthDate(), today()).getYears() < 60) {
            return new Result.Refused(HealthProblem.NOT_ELDERLY);
        }
        releaseWaiting(d.id(), guardian, COUNTER_WAIT);
        Optional<Result.Refused> blocked = blocked(guardian, d.id());
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Optional<Live> live = live(d.id());
        if (live.isPresent() && live.get().state() == State.REGISTERING) {
            // seen at the counter while the platform was away: registered now that the guardian asks again
            Row row = row(live.get().id());
            return register(guardian, live.get().id(), new Applicant(row.name(), row.idNumber().value(),
                    row.idNumber().sex().name(), row.idNumber().birthDate(), null,
                    guardianName.get().idNumber().value(), null, Relation.PARENT.name()));
        }
        if (live.isPresent()) {
            return new Result.Done(card(guardian, live.get().id()).orElseThrow());
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            String reference = reference();
            try {
                UUID cardId = insert(guardian, Relation.PARENT, d.name(), d.id(), State.AWAITING_COUNTER, reference);
                if (cardId == null) {
                    return new Result.Refused(HealthProblem.HELD_ELSEWHERE);
                }
                return new Result.Done(card(guardian, cardId).orElseThrow());
            } catch (DuplicateKeyException e) {
                // the reference was taken; draw another
            }
        }
        throw new IllegalStateException("no free counter reference");
    }

    @Override
    public Result close(CitizenId holder, UUID id) {
        Optional<HealthCard> card = card(holder, id);
        if (card.isEmpty() || card.get().state() == State.CLOSED) {
            return new Result.Refused(HealthProblem.UNKNOWN_CARD);
        }
        // a booking goes with the card it was made for (checked in with it, paid for it): ended first, by its holder
        if (jdbc.sql("select count(*) from vacc_booking where card_id = :id"
                        + " and state in ('HELD', 'CONFIRMED', 'CHECKED_IN')")
                .param("id", id).query(Long.class).single() > 0) {
            return new Result.Refused(HealthProblem.LIVE_BOOKINGS);
        }
        if (card.get().ehcId() != null) {
            try {
                platform.close(card.get().ehcId(), "holder asked");
            } catch (HealthCardPlatform.PlatformUnavailable e) {
                LOG.warn("closing e-health card {}: {}", id, e.getMessage());
                return new Result.Refused(HealthProblem.PLATFORM_UNAVAILABLE);
            }
        }
        jdbc.sql("""
                        update health_card set state = 'CLOSED', active_key = null, counter_ref = null, closed_at = :now
                        where id = :id and holder_id = :h and state <> 'CLOSED'""")
                .param("now", Timestamp.from(clock.instant())).param("id", id).param("h", holder.value()).update();
        return new Result.Done(card(holder, id).orElseThrow());
    }

    @Override
    public Result staticCode(CitizenId holder, UUID id, boolean on) {
        Optional<HealthCard> card = card(holder, id);
        if (card.isEmpty() || card.get().state() == State.CLOSED) {
            return new Result.Refused(HealthProblem.UNKNOWN_CARD);
        }
        if (!card.get().printable()) {
            return new Result.Refused(HealthProblem.CARD_NOT_ACTIVE);
        }
        jdbc.sql("update health_card set static_code_on = :on where id = :id and holder_id = :h and state = 'ACTIVE'")
                .param("on", on).param("id", id).param("h", holder.value()).update();
        return new Result.Done(card(holder, id).orElseThrow());
    }

    @Override
    public CodeResult dynamicCode(CitizenId holder, UUID id) {
        Optional<HealthCard> card = card(holder, id);
        if (card.isEmpty() || card.get().state() == State.CLOSED) {
            return new CodeResult.Refused(HealthProblem.UNKNOWN_CARD);
        }
        if (card.get().state() != State.ACTIVE) {
            return new CodeResult.Refused(HealthProblem.CARD_NOT_ACTIVE);
        }
        try {
            return switch (platform.generate(card.get().ehcId())) {
                case HealthCardPlatform.Generated.Code code -> new CodeResult.Issued(code.text(), code.expiresAt());
                case HealthCardPlatform.Generated.Refused refused -> new CodeResult.Refused(HealthProblem.CARD_NOT_ACTIVE);
            };
        } catch (HealthCardPlatform.PlatformUnavailable e) {
            LOG.warn("a dynamic code for e-health card {}: {}", id, e.getMessage());
            return new CodeResult.Refused(HealthProblem.PLATFORM_UNAVAILABLE);
        }
    }

    @Override
    public Optional<HealthCard> awaitingCounter(String reference) {
        if (reference == null || !reference.strip().toUpperCase(java.util.Locale.ROOT).matches("[A-Z0-9]{8}")) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from health_card where counter_ref = :r and state = 'AWAITING_COUNTER'")
                .param("r", reference.strip().toUpperCase(java.util.Locale.ROOT)).query((rs, n) -> card(rs)).optional();
    }

    @Override
    public Result confirmAtCounter(String operator, String reference, String idNumberSeen) {
        Optional<HealthCard> card = awaitingCounter(reference);
        if (card.isEmpty()) {
            return new Result.Refused(HealthProblem.UNKNOWN_REFERENCE);
        }
        Row row = row(card.get().id());
        Optional<IdNumber> seen = IdNumber.parse(idNumberSeen, today());
        if (seen.isEmpty() || !seen.get().equals(row.idNumber())) {
            return new Result.Refused(HealthProblem.COUNTER_MISMATCH);
        }
        int claimed = jdbc.sql("""
                        update health_card set state = 'REGISTERING', confirmed_by = :op
                        where id = :id and state = 'AWAITING_COUNTER'""")
                .param("op", operator).param("id", card.get().id()).update();
        if (claimed == 0) {
            return new Result.Refused(HealthProblem.UNKNOWN_REFERENCE);
        }
        LOG.info("e-health card {} confirmed at the counter by {}", card.get().id(), operator);
        CitizenId holder = new CitizenId(row.holder());
        return register(holder, card.get().id(), new Applicant(row.name(), row.idNumber().value(),
                row.idNumber().sex().name(), row.idNumber().birthDate(), null,
                identities.realName(holder).map(r -> r.idNumber().value()).orElse(null), null, Relation.PARENT.name()));
    }

    /** Registers a written card with the platform and makes it active; on a refusal the row goes. */
    /** Registers the card with the platform; a parent's card (for someone without a phone) starts with its printed code on. */
    private Result register(CitizenId holder, UUID cardId, Applicant applicant) {
        Registration answer;
        try {
            answer = platform.register(applicant);
        } catch (HealthCardPlatform.PlatformUnavailable e) {
            LOG.warn("registering e-health card {}: {}", cardId, e.getMessage());
            return new Result.Refused(HealthProblem.PLATFORM_UNAVAILABLE);
        }
        return switch (answer) {
            case Registration.Registered registered -> {
                try {
                    jdbc.sql("""
                                    update health_card set state = 'ACTIVE', ehc_id = :ehc, issued_at = :now, counter_ref = null,
                                      static_code_on = (relation = 'PARENT')
                                    where id = :id and state = 'REGISTERING'""")
                            .param("ehc", registered.ehcId()).param("now", Timestamp.from(clock.instant()))
                            .param("id", cardId).update();
                } catch (DuplicateKeyException e) {
                    // the platform's id for this person is on a closed card of ours: it is the same card again
                    jdbc.sql("update health_card set ehc_id = null where ehc_id = :ehc and state = 'CLOSED'")
                            .param("ehc", registered.ehcId()).update();
                    jdbc.sql("""
                                    update health_card set state = 'ACTIVE', ehc_id = :ehc, issued_at = :now, counter_ref = null,
                                      static_code_on = (relation = 'PARENT')
                                    where id = :id and state = 'REGISTERING'""")
                            .param("ehc", registered.ehcId()).param("now", Timestamp.from(clock.instant()))
                            .param("id", cardId).update();
                }
                yield new Result.Done(card(holder, cardId).orElseThrow());
            }
            case Registration.Refused refused -> {
                jdbc.sql("delete from health_card where id = :id and state = 'REGISTERING'").param("id", cardId).update();
                yield new Result.Refused(switch (refused.refusal()) {
                    case IDENTITY_MISMATCH -> HealthProblem.IDENTITY_MISMATCH;
                    case BIRTH_CERTIFICATE_MISMATCH -> HealthProblem.BIRTH_CERTIFICATE_MISMATCH;
                    default -> HealthProblem.BAD_ID_NUMBER;
                });
            }
        };
    }

    private record Dependant(String name, IdNumber id, HealthProblem problem) {
    }

    private Dependant dependant(Identities.RealName guardian, String name, String idNumber) {
        String clean = name == null ? "" : name.strip();
        if (!NAME.matcher(clean).matches()) {
            return new Dependant(null, null, HealthProblem.BAD_NAME);
        }
        Optional<IdNumber> id = IdNumber.parse(idNumber, today());
        if (id.isEmpty()) {
            return new Dependant(null, null, HealthProblem.BAD_ID_NUMBER);
        }
        if (id.get().equals(guardian.idNumber())) {
            return new Dependant(null, null, HealthProblem.OWN_ID_NUMBER);
        }
        return new Dependant(clean, id.get(), null);
    }

    /** Why a guardian cannot add this person: held by another account, or too many dependants already. */
    /**
     * How long a relative's request waiting at the counter keeps the person's ID number from others: nobody seen, the
     * number is free again (else anyone could block an elderly person's number for good with a request never taken to
     * the counter).
     */
    static final java.time.Duration COUNTER_WAIT = java.time.Duration.ofDays(7);

    /**
     * Closes another account's request for this person that waits at the counter for longer than {@code after} (the
     * person themselves: at once), so that the applicant may have the card.
     */
    private void releaseWaiting(IdNumber id, CitizenId applicant, java.time.Duration after) {
        Instant now = clock.instant();
        int closed = jdbc.sql("""
                        update health_card set state = 'CLOSED', active_key = null, counter_ref = null, closed_at = :now
                        where active_key = :k and state = 'AWAITING_COUNTER' and holder_id <> :h and created_at <= :before""")
                .param("now", Timestamp.from(now)).param("k", privacy.blindIndex(Field.ID_NUMBER, id.value()))
                .param("h", applicant.value()).param("before", Timestamp.from(now.minus(after))).update();
        if (closed > 0) {
            LOG.info("an e-health card request waiting at the counter gave way to a new application");
        }
    }

    private Optional<Result.Refused> blocked(CitizenId guardian, IdNumber id) {
        Optional<Live> live = live(id);
        if (live.isPresent()) {
            return live.get().holder().equals(guardian.value()) ? Optional.empty()
                    : Optional.of(new Result.Refused(HealthProblem.HELD_ELSEWHERE));
        }
        long dependants = jdbc.sql("""
                        select count(*) from health_card where holder_id = :h and relation <> 'SELF' and state <> 'CLOSED'""")
                .param("h", guardian.value()).query(Long.class).single();
        return dependants >= MAX_DEPENDANTS ? Optional.of(new Result.Refused(HealthProblem.TOO_MANY_DEPENDANTS))
                : Optional.empty();
    }

    private record Live(UUID id, UUID holder, Relation relation, State state) {
    }

    private Optional<Live> live(IdNumber id) {
        return jdbc.sql("select id, holder_id, relation, state from health_card where active_key = :k")
                .param("k", privacy.blindIndex(Field.ID_NUMBER, id.value()))
                .query((rs, n) -> new Live(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        Relation.valueOf(rs.getString(3)), State.valueOf(rs.getString(4)))).optional();
    }

    /**
     * The holder's card for this person: the one they already hold (live), or a new one being registered; empty when
     * another account holds it, even one that wrote it a moment ago.
     */
    private Optional<UUID> claim(CitizenId holder, Relation relation, String name, IdNumber id) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<Live> live = live(id);
            if (live.isPresent()) {
                return live.get().holder().equals(holder.value()) ? Optional.of(live.get().id()) : Optional.empty();
            }
            UUID inserted = insert(holder, relation, name, id, State.REGISTERING, null);
            if (inserted != null) {
                return Optional.of(inserted);
            }
        }
        return Optional.empty();
    }

    /** A new card row, or null when the person's card was written by someone else meanwhile. */
    private UUID insert(CitizenId holder, Relation relation, String name, IdNumber id, State state, String reference) {
        UUID cardId = UUID.randomUUID();
        String index = privacy.blindIndex(Field.ID_NUMBER, id.value());
        try {
            jdbc.sql("""
                            insert into health_card (id, holder_id, relation, name_cipher, name_masked, id_number_cipher,
                                id_number_index, id_number_masked, sex, birth_date, state, active_key, counter_ref, created_at)
                            values (:id, :h, :rel, :nc, :nm, :ic, :ii, :im, :sex, :birth, :state, :ii, :ref, :now)""")
                    .param("id", cardId).param("h", holder.value()).param("rel", relation.name())
                    .param("nc", privacy.encrypt(Field.NAME, name)).param("nm", masked(name))
                    .param("ic", privacy.encrypt(Field.ID_NUMBER, id.value())).param("ii", index)
                    .param("im", id.masked()).param("sex", id.sex().name()).param("birth", id.birthDate())
                    .param("state", state.name()).param("ref", reference)
                    .param("now", Timestamp.from(clock.instant())).update();
            return cardId;
        } catch (DuplicateKeyException e) {
            if (reference != null && live(id).isEmpty()) {
                throw e;
            }
            return null;
        }
    }

    /** What is kept of a card in the clear for registering it: name, ID number and holder. */
    record Row(UUID holder, String name, IdNumber idNumber) {
        @Override
        public String toString() {
            return "Row[" + idNumber.masked() + "]";
        }
    }

    Row row(UUID cardId) {
        return jdbc.sql("select holder_id, name_cipher, id_number_cipher from health_card where id = :id")
                .param("id", cardId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), privacy.decrypt(Field.NAME, rs.getBytes(2)),
                        IdNumber.of(privacy.decrypt(Field.ID_NUMBER, rs.getBytes(3))))).single();
    }

    static String masked(String name) {
        int length = name.codePointCount(0, name.length());
        return name.substring(0, name.offsetByCodePoints(0, 1)) + "*".repeat(Math.max(1, length - 1));
    }

    private String reference() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            out.append(REFERENCE_LETTERS.charAt(random.nextInt(REFERENCE_LETTERS.length())));
        }
        return out.toString();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ChinaTime.ZONE));
    }

    Instant now() {
        return clock.instant();
    }
}
