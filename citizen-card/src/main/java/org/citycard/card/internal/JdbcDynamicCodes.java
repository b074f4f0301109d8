package org.citycard.card.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.Card;
import org.citycard.card.CardNumber;
import org.citycard.card.CardProblem;
import org.citycard.card.CardStatus;
import org.citycard.card.Cards;
import org.citycard.card.CitizenId;
import org.citycard.card.DynamicCodes;
import org.citycard.card.code.CodeKeys;
import org.citycard.card.code.CodePayload;
import org.citycard.card.code.CodePurpose;
import org.citycard.card.code.CodeSigner;
import org.citycard.card.code.CodeVerifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues codes for live cards and verifies them online: signature and time offline-style, then card and replay. */
@Service
@Transactional
class JdbcDynamicCodes implements DynamicCodes {

    /** How long a used code is remembered: as long as any terminal could still accept it. */
    static final Duration REMEMBER_USE = CodeSigner.VALIDITY.plus(CodeVerifier.CLOCK_SKEW.multipliedBy(2));

    private final JdbcClient jdbc;
    private final Cards cards;
    private final CodeKeys keys;
    private final CodeSigner signer;
    private final CodeVerifier verifier;
    private final ReplayGuard replayGuard;
    private final Clock clock;

    JdbcDynamicCodes(JdbcClient jdbc, Cards cards, CodeKeys keys, ReplayGuard replayGuard, Clock cardClock) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.keys = keys;
        this.signer = keys.signer(new java.security.SecureRandom());
        this.verifier = keys.verifier();
        this.replayGuard = replayGuard;
        this.clock = cardClock;
    }

    @Override
    @Transactional(readOnly = true)
    public Issue issue(CitizenId citizen, CodePurpose purpose) {
        Optional<Card> card = cards.current(citizen);
        if (card.isEmpty()) {
            return new Issue.Refused(CardProblem.NO_CARD);
        }
        if (card.get().status() != CardStatus.ACTIVE) {
            return new Issue.Refused(CardProblem.NOT_ACTIVE);
        }
        String token = jdbc.sql("select token from card_card where id = :id").param("id", card.get().id())
                .query(String.class).single();
        CodeSigner.IssuedCode code = signer.issue(purpose, HexFormat.of().parseHex(token), clock.instant());
        return new Issue.Issued(code.text(), purpose, code.payload().expiresAt());
    }

    @Override
    public Check verify(String code, String terminal, String place) {
        Instant now = clock.instant();
        CodePayload payload;
        switch (verifier.verify(code, now)) {
            case CodeVerifier.Verification.Rejected rejected -> {
                return new Check.Rejected(Rejection.valueOf(rejected.reason().name()));
            }
            case CodeVerifier.Verification.Valid valid -> payload = valid.payload();
        }
        record Holder(UUID card, UUID citizen, String number, CardStatus status, String nameMasked) {
        }
        Optional<Holder> holder = jdbc.sql("""
                        select c.id, c.citizen_id, c.number, c.status, z.name_masked
                        from card_card c join card_citizen z on z.id = c.citizen_id where c.token = :token""")
                .param("token", payload.cardTokenHex())
                .query((rs, n) -> new Holder(Db.uuid(rs, "id"), Db.uuid(rs, "citizen_id"), rs.getString("number"),
                        CardStatus.valueOf(rs.getString("status")), Db.orEmpty(rs.getString("name_masked"))))
                .optional();
        if (holder.isEmpty()) {
            return new Check.Rejected(Rejection.UNKNOWN_CARD);
        }
        switch (holder.get().status()) {
            case FROZEN -> {
                return new Check.Rejected(Rejection.CARD_FROZEN);
            }
            case REPLACED -> {
                return new Check.Rejected(Rejection.CARD_REPLACED);
            }
            case CANCELLED -> {
                return new Check.Rejected(Rejection.CARD_CANCELLED);
            }
            case ACTIVE -> {
            }
        }
        String useKey = payload.cardTokenHex() + ":" + Long.toHexString(payload.nonce());
        if (!replayGuard.firstUse(useKey, REMEMBER_USE)) {
            return new Check.Rejected(Rejection.REPLAYED);
        }
        jdbc.sql("""
                        insert into card_code_use (card_id, citizen_id, purpose, terminal, place, used_at)
                        values (:card, :citizen, :purpose, :terminal, :place, :now)""")
                .param("card", holder.get().card()).param("citizen", holder.get().citizen())
                .param("purpose", payload.purpose().name()).param("terminal", terminal).param("place", place)
                .param("now", Db.ts(now))
                .update();
        return new Check.Accepted(payload.purpose(), new CardNumber(holder.get().number()).masked(),
                holder.get().nameMasked());
    }

    @Override
    @Transactional(readOnly = true)
    public List<CodeUse> uses(CitizenId citizen, int limit) {
        return jdbc.sql("""
                        select purpose, terminal, place, used_at from card_code_use
                        where citizen_id = :id order by id desc limit :limit""")
                .param("id", citizen.value()).param("limit", Math.clamp(limit, 1, 100))
                .query((rs, n) -> new CodeUse(CodePurpose.valueOf(rs.getString("purpose")), rs.getString("terminal"),
                        rs.getString("place"), Db.instant(rs, "used_at")))
                .list();
    }

    @Override
    public List<Map<String, String>> publicKeys() {
        return keys.publicKeys();
    }
}
