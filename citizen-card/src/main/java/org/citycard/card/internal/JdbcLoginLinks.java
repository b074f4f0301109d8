package org.citycard.card.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.citycard.card.ApiSessions;
import org.citycard.card.Citizen;
import org.citycard.card.CitizenId;
import org.citycard.card.ExternalLogin;
import org.citycard.card.IdentityProblem;
import org.citycard.card.IdentityResult;
import org.citycard.card.LinkedLogin;
import org.citycard.card.LoginLinks;
import org.citycard.card.VerificationLevel;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Platform logins on JDBC. Linking moves a platform login to the citizen who proved the web side; the citizen it
 * leaves behind must be a bare platform account (no real-name, no card), so nobody's data is ever merged away.
 */
@Service
@Transactional
class JdbcLoginLinks implements LoginLinks {

    private static final String OWNER_COLUMNS = CitizenStore.COLUMNS.replaceAll("(\\w+)", "c.$1");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final JdbcClient jdbc;
    private final CitizenStore citizens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final TransactionTemplate transactions;

    private final ApiSessions sessions;

    JdbcLoginLinks(JdbcClient jdbc, CitizenStore citizens, Clock cardClock, PlatformTransactionManager transactionManager,
                   ApiSessions sessions) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.transactions = new TransactionTemplate(transactionManager);
        this.citizens = citizens;
        this.clock = cardClock;
    }

    @Override
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Citizen signIn(ExternalLogin provider, String subject) {
        requireSubject(subject);
        try {
            return transactions.execute(status -> signInOnce(provider, subject));
        } catch (DuplicateKeyException e) {
            // the same first sign-in arrived twice at once and the other one won: it is the citizen
            return transactions.execute(status -> owner(provider, subject).orElseThrow(() -> e));
        }
    }

    private Citizen signInOnce(ExternalLogin provider, String subject) {
        Optional<Citizen> known = owner(provider, subject);
        if (known.isPresent()) {
            return known.get();
        }
        Citizen created = citizens.create(VerificationLevel.NONE);
        insertLogin(provider, subject, created.id());
        citizens.audit(created.id(), null, "SIGNED_UP_WITH_" + provider, "citizen", null);
        return created;
    }

    @Override
    public String createLinkCode(CitizenId citizen) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        jdbc.sql("insert into card_link_code (code, citizen_id, expires_at) values (:code, :citizen, :expires)")
                .param("code", code.toString()).param("citizen", citizen.value())
                .param("expires", Db.ts(clock.instant().plus(LINK_CODE_VALIDITY)))
                .update();
        return code.toString();
    }

    @Override
    public IdentityResult linkWithCode(ExternalLogin provider, String subject, String linkCode) {
        requireSubject(subject);
        String code = linkCode == null ? "" : linkCode.strip().toUpperCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        Optional<CitizenId> target = jdbc.sql("""
                        select citizen_id from card_link_code
                        where code = :code and used_at is null and expires_at > :now""")
                .param("code", code).param("now", Db.ts(now))
                .query((rs, n) -> new CitizenId(Db.uuid(rs, "citizen_id"))).optional();
        if (target.isEmpty()) {
            return IdentityResult.refused(IdentityProblem.LINK_CODE_INVALID);
        }
        citizens.lock(target.get()); // one link at a time per citizen
        Optional<Citizen> current = owner(provider, subject);
        if (current.isPresent() && current.get().id().equals(target.get())) {
            return IdentityResult.refused(IdentityProblem.ALREADY_LINKED);
        }
        boolean targetHasOne = jdbc.sql("select count(*) from card_login where citizen_id = :id and provider = :p")
                .param("id", target.get().value()).param("p", provider.name()).query(Integer.class).single() > 0;
        if (targetHasOne) {
            return IdentityResult.refused(IdentityProblem.ALREADY_LINKED);
        }
        if (current.isPresent() && (current.get().level() != VerificationLevel.NONE
                || citizens.hasCards(current.get().id()))) {
            return IdentityResult.refused(IdentityProblem.LOGIN_LINKED_ELSEWHERE);
        }
        int used = jdbc.sql("update card_link_code set used_at = :now where code = :code and used_at is null")
                .param("now", Db.ts(now)).param("code", code).update();
        if (used == 0) {
            return IdentityResult.refused(IdentityProblem.LINK_CODE_INVALID);
        }
        if (current.isPresent()) {
            jdbc.sql("update card_login set citizen_id = :target, linked_at = :now where provider = :p and subject = :s")
                    .param("target", target.get().value()).param("now", Db.ts(now))
                    .param("p", provider.name()).param("s", subject).update();
            citizens.audit(current.get().id(), null, "LOGIN_MOVED_TO_LINKED_CITIZEN", "citizen", provider.name());
        } else {
            insertLogin(provider, subject, target.get());
        }
        citizens.audit(target.get(), null, "LINKED_" + provider, "citizen", null);
        return new IdentityResult.Done(citizens.find(target.get()).orElseThrow());
    }

    @Override
    @Transactional(readOnly = true)
    public List<LinkedLogin> logins(CitizenId citizen) {
        return jdbc.sql("select provider, subject, linked_at from card_login where citizen_id = :id order by provider")
                .param("id", citizen.value())
                .query((rs, n) -> new LinkedLogin(ExternalLogin.valueOf(rs.getString("provider")),
                        maskSubject(rs.getString("subject")), Db.instant(rs, "linked_at")))
                .list();
    }

    @Override
    public IdentityResult unlink(CitizenId citizen, ExternalLogin provider) {
        citizens.lock(citizen); // two unlinks at once must not remove the last way in
        boolean hasPassword = jdbc.sql("select count(*) from card_citizen where id = :id and password_hash is not null")
                .param("id", citizen.value()).query(Integer.class).single() > 0;
        int logins = jdbc.sql("select count(*) from card_login where citizen_id = :id")
                .param("id", citizen.value()).query(Integer.class).single();
        if (!hasPassword && logins <= 1) {
            return IdentityResult.refused(IdentityProblem.LAST_SIGN_IN_METHOD);
        }
        int removed = jdbc.sql("delete from card_login where citizen_id = :id and provider = :p")
                .param("id", citizen.value()).param("p", provider.name()).update();
        if (removed == 0) {
            return IdentityResult.refused(IdentityProblem.NOT_LINKED);
        }
        sessions.endAll(citizen, provider); // the unlinked login keeps no access through an old session
        citizens.audit(citizen, null, "UNLINKED_" + provider, "citizen", null);
        return new IdentityResult.Done(citizens.find(citizen).orElseThrow());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> payerId(CitizenId citizen, ExternalLogin provider) {
        return jdbc.sql("select subject from card_login where citizen_id = :id and provider = :p")
                .param("id", citizen.value()).param("p", provider.name()).query(String.class).optional();
    }

    private Optional<Citizen> owner(ExternalLogin provider, String subject) {
        return jdbc.sql("select " + OWNER_COLUMNS + " " + """
                         from card_citizen c join card_login l on l.citizen_id = c.id
                         where l.provider = :p and l.subject = :s""")
                .param("p", provider.name()).param("s", subject)
                .query(CitizenStore::citizen).optional();
    }

    private void insertLogin(ExternalLogin provider, String subject, CitizenId citizen) {
        jdbc.sql("insert into card_login (provider, subject, citizen_id, linked_at) values (:p, :s, :c, :now)")
                .param("p", provider.name()).param("s", subject).param("c", citizen.value())
                .param("now", Db.ts(clock.instant())).update();
    }

    private static void requireSubject(String subject) {
        if (subject == null || subject.isBlank() || subject.length() > 128) {
            throw new IllegalArgumentException("a platform user id is 1-128 characters");
        }
    }

    private static String maskSubject(String subject) {
        return subject.length() <= 8 ? "****" : subject.substring(0, 4) + "****" + subject.substring(subject.length() - 4);
    }
}
