package org.citycard.card.internal;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.citycard.card.Card;
import org.citycard.card.CardEvent;
import org.citycard.card.CardNumber;
import org.citycard.card.CardProblem;
import org.citycard.card.CardResult;
import org.citycard.card.CardStatus;
import org.citycard.card.Cards;
import org.citycard.card.Citizen;
import org.citycard.card.CitizenId;
import org.citycard.card.PhysicalCardRequest;
import org.citycard.card.PhysicalCardStatus;
import org.citycard.card.VerificationLevel;
import org.citycard.card.Wallets;
import org.citycard.card.ledger.AccountKind;
import org.citycard.card.ledger.Ledger;
import org.citycard.card.privacy.PersonalDataProtection;
import org.citycard.card.privacy.PersonalDataProtection.Field;
import org.citycard.kernel.FreeText;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The card lifecycle on JDBC. Every change is a guarded update on the status the caller saw, so two operations at
 * once cannot both succeed, and each writes an audit row in the same transaction.
 */
@Service
@Transactional
class JdbcCards implements Cards {

    static final String COLUMNS = "id, citizen_id, number, status, issued_at, status_changed_at, "
            + "social_security_masked, bus_card_no, health_card_id";
    private static final Pattern SECTOR_NUMBER = Pattern.compile("[0-9A-Za-z]{6,32}");

    private final JdbcClient jdbc;
    private final CitizenStore citizens;
    private final Ledger ledger;
    private final PersonalDataProtection protection;
    private final CardProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    JdbcCards(JdbcClient jdbc, CitizenStore citizens, Ledger ledger, PersonalDataProtection protection,
              CardProperties properties, Clock cardClock) {
        this.jdbc = jdbc;
        this.citizens = citizens;
        this.ledger = ledger;
        this.protection = protection;
        this.properties = properties;
        this.clock = cardClock;
    }

    @Override
    public CardResult apply(CitizenId citizen) {
        Optional<Citizen> holder = citizens.find(citizen);
        if (holder.isEmpty() || holder.get().level() != VerificationLevel.REAL_NAME) {
            return refused(CardProblem.NOT_REAL_NAME);
        }
        if (current(citizen).isPresent()) {
            return refused(CardProblem.ALREADY_HAS_CARD);
        }
        try {
            Card card = issue(citizen, null);
            ledger.open(Wallets.accountOf(citizen), AccountKind.WALLET, properties.dailyLimitFen());
            citizens.audit(citizen, card.id(), "APPLIED", CITIZEN, null);
            return new CardResult.Done(card);
        } catch (DuplicateKeyException e) {
            return refused(CardProblem.ALREADY_HAS_CARD);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Card> current(CitizenId citizen) {
        return jdbc.sql("select " + COLUMNS + " from card_card where live_citizen_id = :id")
                .param("id", citizen.value()).query(JdbcCards::card).optional();
    }

    @Override
    public CardResult reportLoss(CitizenId citizen, String actor, String reason) {
        return change(citizen, actor, reason, CardStatus.ACTIVE, CardStatus.FROZEN, "REPORTED_LOST",
                CardProblem.NOT_ACTIVE);
    }

    @Override
    public CardResult unfreeze(CitizenId citizen, String actor, String reason, Instant signedInAt) {
        if (signedInAt == null || signedInAt.plus(RECENT_SIGN_IN).isBefore(clock.instant())) {
            return refused(CardProblem.RECENT_SIGN_IN_REQUIRED);
        }
        return change(citizen, actor, reason, CardStatus.FROZEN, CardStatus.ACTIVE, "UNFROZEN",
                CardProblem.NOT_FROZEN);
    }

    @Override
    public CardResult replace(CitizenId citizen, String actor, String reason) {
        Optional<CardProblem> reasonProblem = badReason(reason);
        if (reasonProblem.isPresent()) {
            return new CardResult.Refused(reasonProblem.get(), "reason");
        }
        Optional<Card> old = current(citizen);
        if (old.isEmpty()) {
            return refused(CardProblem.NO_CARD);
        }
        if (!retire(old.get(), CardStatus.REPLACED)) {
            return refused(CardProblem.STALE);
        }
        Card card = issue(citizen, old.get().id());
        citizens.audit(citizen, old.get().id(), "REPLACED", actor, FreeText.lineOrNull(reason, REASON_MAX));
        citizens.audit(citizen, card.id(), "ISSUED_AS_REPLACEMENT", actor, null);
        return new CardResult.Done(card);
    }

    @Override
    public CardResult cancel(CitizenId citizen, String actor, String reason) {
        Optional<CardProblem> reasonProblem = badReason(reason);
        if (reasonProblem.isPresent()) {
            return new CardResult.Refused(reasonProblem.get(), "reason");
        }
        Optional<Card> card = current(citizen);
        if (card.isEmpty()) {
            return refused(CardProblem.NO_CARD);
        }
        // lock the wallet, so no top-up lands between the check and the cancellation
        long balance = jdbc.sql("select balance from card_ledger_account where id = :id for update")
                .param("id", Wallets.accountOf(citizen)).query(Long.class).optional().orElse(0L);
        if (balance != 0) {
            return refused(CardProblem.BALANCE_NOT_ZERO);
        }
        if (!retire(card.get(), CardStatus.CANCELLED)) {
            return refused(CardProblem.STALE);
        }
        citizens.audit(citizen, card.get().id(), "CANCELLED", actor, FreeText.lineOrNull(reason, REASON_MAX));
        return new CardResult.Done(reload(card.get().id()));
    }

    /**
     * Sets the sector card numbers: null keeps a number as it is, blank removes it. The social-security number (in
     * China the resident ID number) is stored encrypted and shown masked, like the ID number itself.
     */
    @Override
    public CardResult linkSectorCards(CitizenId citizen, String socialSecurityNo, String busCardNo,
                                      String healthCardId) {
        Optional<Card> card = current(citizen);
        if (card.isEmpty()) {
            return refused(CardProblem.NO_CARD);
        }
        String[] fields = {"socialSecurityNo", "busCardNo", "healthCardId"};
        String[] numbers = {socialSecurityNo, busCardNo, healthCardId};
        for (int i = 0; i < numbers.length; i++) {
            if (numbers[i] != null && !numbers[i].isBlank() && !SECTOR_NUMBER.matcher(numbers[i].strip()).matches()) {
                return new CardResult.Refused(CardProblem.BAD_LINKED_NUMBER, fields[i]);
            }
        }
        String social = socialSecurityNo == null ? null : socialSecurityNo.strip();
        int updated = jdbc.sql("""
                        update card_card set
                            social_security_cipher = case when :keepSocial then social_security_cipher else :socialCipher end,
                            social_security_masked = case when :keepSocial then social_security_masked else :socialMasked end,
                            bus_card_no = case when :keepBus then bus_card_no else :bus end,
                            health_card_id = case when :keepHealth then health_card_id else :health end,
                            version = version + 1
                        where id = :id and live_citizen_id = :citizen""")
                .param("keepSocial", social == null)
                .param("socialCipher", social == null || social.isEmpty() ? null : protection.encrypt(Field.ID_NUMBER, social))
                .param("socialMasked", social == null || social.isEmpty() ? null : maskNumber(social))
                .param("keepBus", busCardNo == null).param("bus", clean(busCardNo))
                .param("keepHealth", healthCardId == null).param("health", clean(healthCardId))
                .param("id", card.get().id()).param("citizen", citizen.value())
                .update();
        if (updated == 0) {
            return refused(CardProblem.STALE);
        }
        citizens.audit(citizen, card.get().id(), "SECTOR_CARDS_LINKED", CITIZEN, null);
        return new CardResult.Done(reload(card.get().id()));
    }

    /** The first four and last four characters, the rest starred. */
    static String maskNumber(String number) {
        return number.length() <= 8 ? "****" : number.substring(0, 4) + "*".repeat(number.length() - 8)
                + number.substring(number.length() - 4);
    }

    @Override
    @Transactional(readOnly = true)
    public List<CardEvent> history(CitizenId citizen) {
        return jdbc.sql("""
                        select a.action, c.number, a.actor, a.reason, a.at from card_audit a
                        left join card_card c on c.id = a.card_id
                        where a.citizen_id = :id order by a.id desc""")
                .param("id", citizen.value())
                .query((rs, n) -> new CardEvent(rs.getString("action"),
                        rs.getString("number") == null ? "" : new CardNumber(rs.getString("number")).masked(),
                        rs.getString("actor"), Db.orEmpty(rs.getString("reason")), Db.instant(rs, "at")))
                .list();
    }

    @Override
    public CardResult requestPhysical(CitizenId citizen, String address) {
        Optional<Card> card = current(citizen);
        if (card.isEmpty()) {
            return refused(CardProblem.NO_CARD);
        }
        if (card.get().status() != CardStatus.ACTIVE) {
            return refused(CardProblem.NOT_ACTIVE);
        }
        String clean;
        switch (FreeText.line("address", address, ADDRESS_MAX)) {
            case FreeText.Checked.Clean text -> clean = text.text();
            case FreeText.Checked.Refused refused -> {
                return new CardResult.Refused(refused.problem() == FreeText.Problem.TOO_LONG
                        ? CardProblem.ADDRESS_TOO_LONG : CardProblem.TEXT_UNREADABLE, "address");
            }
        }
        if (clean.codePointCount(0, clean.length()) < 5) {
            return new CardResult.Refused(CardProblem.ADDRESS_REQUIRED, "address");
        }
        // lock the card: two requests at once must not both order a physical card, nor order one for a card
        // that is being frozen
        boolean active = jdbc.sql("select status from card_card where id = :id for update").param("id", card.get().id())
                .query(String.class).single().equals(CardStatus.ACTIVE.name());
        if (!active) {
            return refused(CardProblem.NOT_ACTIVE);
        }
        boolean open = jdbc.sql("""
                        select count(*) from card_physical_request
                        where card_id = :card and status in ('QUEUED', 'PRODUCED', 'MAILED')""")
                .param("card", card.get().id()).query(Integer.class).single() > 0;
        if (open) {
            return refused(CardProblem.PHYSICAL_ALREADY_REQUESTED);
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into card_physical_request (id, card_id, citizen_id, status, address_cipher,
                                                           address_masked, requested_at, updated_at, updated_by)
                        values (:id, :card, :citizen, 'QUEUED', :cipher, :masked, :now, :now, :actor)""")
                .param("id", id).param("card", card.get().id()).param("citizen", citizen.value())
                .param("cipher", protection.encrypt(Field.ADDRESS, clean)).param("masked", maskAddress(clean))
                .param("now", Db.ts(now)).param("actor", CITIZEN)
                .update();
        citizens.audit(citizen, card.get().id(), "PHYSICAL_REQUESTED", CITIZEN, null);
        return new CardResult.Done(card.get());
    }

    @Override
    @Transactional(readOnly = true)
    public List<PhysicalCardRequest> physicalRequests(CitizenId citizen) {
        return jdbc.sql(PHYSICAL + " where p.citizen_id = :id order by p.requested_at desc")
                .param("id", citizen.value()).query(JdbcCards::physical).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<PhysicalCardRequest> physicalQueue(PhysicalCardStatus status, int limit) {
        return jdbc.sql(PHYSICAL + " where p.status = :status order by p.requested_at limit :limit")
                .param("status", status.name()).param("limit", Math.clamp(limit, 1, 500))
                .query(JdbcCards::physical).list();
    }

    @Override
    public Optional<CardProblem> advancePhysical(UUID request, int version, PhysicalCardStatus to, String actor) {
        Optional<PhysicalCardRequest> found = jdbc.sql(PHYSICAL + " where p.id = :id").param("id", request)
                .query(JdbcCards::physical).optional();
        if (found.isEmpty()) {
            return Optional.of(CardProblem.UNKNOWN_REQUEST);
        }
        if (!found.get().status().next().contains(to)) {
            return Optional.of(CardProblem.BAD_TRANSITION);
        }
        int updated = jdbc.sql("""
                        update card_physical_request set status = :to, updated_at = :now, updated_by = :actor,
                               version = version + 1
                        where id = :id and version = :version and status = :from""")
                .param("to", to.name()).param("now", Db.ts(clock.instant())).param("actor", actor)
                .param("id", request).param("version", version).param("from", found.get().status().name())
                .update();
        if (updated == 0) {
            return Optional.of(CardProblem.STALE);
        }
        UUID card = jdbc.sql("select card_id from card_physical_request where id = :id").param("id", request)
                .query((rs, n) -> Db.uuid(rs, "card_id")).single();
        citizens.audit(found.get().citizen(), card, "PHYSICAL_" + to, actor, null);
        return Optional.empty();
    }

    private static final String PHYSICAL = """
            select p.id, p.citizen_id, c.number, p.status, p.address_masked, p.requested_at, p.updated_at, p.version
            from card_physical_request p join card_card c on c.id = p.card_id""";

    private static PhysicalCardRequest physical(ResultSet rs, int row) throws SQLException {
        return new PhysicalCardRequest(Db.uuid(rs, "id"), new CitizenId(Db.uuid(rs, "citizen_id")),
                new CardNumber(rs.getString("number")).masked(), PhysicalCardStatus.valueOf(rs.getString("status")),
                rs.getString("address_masked"), Db.instant(rs, "requested_at"), Db.instant(rs, "updated_at"),
                rs.getInt("version"));
    }

    private CardResult change(CitizenId citizen, String actor, String reason, CardStatus from, CardStatus to,
                              String action, CardProblem wrongState) {
        Optional<CardProblem> reasonProblem = badReason(reason);
        if (reasonProblem.isPresent()) {
            return new CardResult.Refused(reasonProblem.get(), "reason");
        }
        Optional<Card> card = current(citizen);
        if (card.isEmpty()) {
            return refused(CardProblem.NO_CARD);
        }
        int updated = jdbc.sql("""
                        update card_card set status = :to, status_changed_at = :now, version = version + 1
                        where id = :id and status = :from""")
                .param("to", to.name()).param("now", Db.ts(clock.instant())).param("id", card.get().id())
                .param("from", from.name())
                .update();
        if (updated == 0) {
            return refused(wrongState);
        }
        citizens.audit(citizen, card.get().id(), action, actor, FreeText.lineOrNull(reason, REASON_MAX));
        return new CardResult.Done(reload(card.get().id()));
    }

    private boolean retire(Card card, CardStatus to) {
        return jdbc.sql("""
                        update card_card set status = :to, live_citizen_id = null, status_changed_at = :now,
                               version = version + 1
                        where id = :id and status in ('ACTIVE', 'FROZEN')""")
                .param("to", to.name()).param("now", Db.ts(clock.instant())).param("id", card.id())
                .update() == 1;
    }

    private Card issue(CitizenId citizen, UUID replaces) {
        long sequence = jdbc.sql("select nextval('card_number_seq')").query(Long.class).single();
        CardNumber number = CardNumber.issue(properties.cityPrefix(), sequence);
        byte[] token = new byte[16];
        random.nextBytes(token);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into card_card (id, citizen_id, live_citizen_id, number, token, status, issued_at,
                                               status_changed_at, replaces)
                        values (:id, :citizen, :citizen, :number, :token, 'ACTIVE', :now, :now, :replaces)""")
                .param("id", id).param("citizen", citizen.value()).param("number", number.value())
                .param("token", HexFormat.of().formatHex(token)).param("now", Db.ts(now)).param("replaces", replaces)
                .update();
        return reload(id);
    }

    private Card reload(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from card_card where id = :id").param("id", id)
                .query(JdbcCards::card).single();
    }

    static Card card(ResultSet rs, int row) throws SQLException {
        return new Card(Db.uuid(rs, "id"), new CitizenId(Db.uuid(rs, "citizen_id")),
                new CardNumber(rs.getString("number")), CardStatus.valueOf(rs.getString("status")),
                Db.instant(rs, "issued_at"), Db.instant(rs, "status_changed_at"),
                Db.orEmpty(rs.getString("social_security_masked")), Db.orEmpty(rs.getString("bus_card_no")),
                Db.orEmpty(rs.getString("health_card_id")));
    }

    private static CardResult refused(CardProblem problem) {
        return new CardResult.Refused(problem);
    }

    /** What is wrong with a reason, if anything: required, at most {@value Cards#REASON_MAX} characters, readable. */
    private static Optional<CardProblem> badReason(String reason) {
        return switch (FreeText.line("reason", reason, REASON_MAX)) {
            case FreeText.Checked.Clean clean -> clean.isEmpty() ? Optional.of(CardProblem.REASON_REQUIRED) : Optional.empty();
            case FreeText.Checked.Refused refused -> Optional.of(refused.problem() == FreeText.Problem.TOO_LONG
                    ? CardProblem.REASON_TOO_LONG : CardProblem.TEXT_UNREADABLE);
        };
    }

    private static String clean(String number) {
        return number == null || number.isBlank() ? null : number.strip();
    }

    /** The first six characters (district, street), the rest hidden. */
    static String maskAddress(String address) {
        int keep = Math.min(6, address.length() - 2);
        return address.substring(0, keep) + "****";
    }
}
