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
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues codes for live cards and verifies them online: signature and time offline-style, then card and replay.
 * Verification holds no transaction: the card is read (and kept {@link #STATUS_FRESHNESS} at most, so a card frozen on
 * any node is refused on every node within a second) and the use goes to the {@link CodeUseLog}.
 */
@Service
class JdbcDynamicCodes implements DynamicCodes {

    /** How long a used code is remembered: as long as any terminal could still accept it. */
    static final Duration REMEMBER_USE = CodeSigner.VALIDITY.plus(CodeVerifier.CLOCK_SKEW.multipliedBy(2));

    private final JdbcClient jdbc;
    private final Cards cards;
    private final CodeKeys keys;
    private final CodeSigner signer;
    private final CodeVerifier verifier;
    private final CodeUseLog uses;
    private final Clock clock;
    private final Cache<String, Holder> holders = Caffeine.newBuilder()
            .expireAfterWrite(STATUS_FRESHNESS).maximumSize(100_000).build();

    private record Holder(UUID card, UUID citizen, String number, CardStatus status, String nameMasked) {
    }

    JdbcDynamicCodes(JdbcClient jdbc, Cards cards, CodeKeys keys, CodeUseLog uses, Clock cardClock) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.keys = keys;
        this.signer = keys.signer(new java.security.SecureRandom());
        this.verifier = keys.verifier();
        this.uses = uses;
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
        Optional<Holder> holder = holder(payload.cardTokenHex());
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
        if (!uses.acceptOnce(new CodeUseLog.Use(payload.cardTokenHex(), payload.nonce(), holder.get().card(),
                holder.get().citizen(), payload.purpose(), terminal, place, now))) {
            return new Check.Rejected(Rejection.REPLAYED);
        }
        return new Check.Accepted(payload.purpose(), new CardNumber(holder.get().number()).masked(),
                holder.get().nameMasked());
    }

    private Optional<Holder> holder(String token) {
        Holder cached = holders.getIfPresent(token);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Holder> read = jdbc.sql("""
                        select c.id, c.citizen_id, c.number, c.status, z.name_masked
                        from card_card c join card_citizen z on z.id = c.citizen_id where c.token = :token""")
                .param("token", token)
                .query((rs, n) -> new Holder(Db.uuid(rs, "id"), Db.uuid(rs, "citizen_id"), rs.getString("number"),
                        CardStatus.valueOf(rs.getString("status")), Db.orEmpty(rs.getString("name_masked"))))
                .optional();
        read.ifPresent(h -> holders.put(token, h));
        return read;
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
