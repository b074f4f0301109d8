package org.citycard.card.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import org.citycard.card.IdentityProblem;
import org.citycard.card.PhoneNumber;
import org.citycard.card.SmsPurpose;
import org.citycard.card.SmsSender;
import org.citycard.card.privacy.PersonalDataProtection;
import org.citycard.card.privacy.PersonalDataProtection.Field;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time SMS codes: six digits, valid five minutes, one resend a minute, ten a day per phone, five wrong
 * tries. Only a keyed hash of a code is stored; a code is used once.
 */
@Component
class SmsCodes {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SmsCodes.class);

    static final Duration VALIDITY = Duration.ofMinutes(5);
    static final Duration RESEND_AFTER = Duration.ofSeconds(60);
    static final int DAILY_LIMIT = 10;
    static final int MAX_ATTEMPTS = 5;
    static final ZoneId CITY_TIME = org.citycard.kernel.ChinaTime.ZONE;

    /** What the phone gets: its code; a notice that it is registered already (no code); or nothing at all. */
    enum Delivery { CODE, ALREADY_REGISTERED_NOTICE, NOTHING }

    private final JdbcClient jdbc;
    private final PersonalDataProtection protection;
    private final SmsSender sender;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private final SmsLimits limits;

    SmsCodes(JdbcClient jdbc, PersonalDataProtection protection, SmsSender sender, Clock cardClock, SmsLimits limits) {
        this.limits = limits;
        this.jdbc = jdbc;
        this.protection = protection;
        this.sender = sender;
        this.clock = cardClock;
    }

    Optional<IdentityProblem> send(PhoneNumber phone, SmsPurpose purpose) {
        return send(phone, purpose, Delivery.CODE);
    }

    /**
     * Counts and records a send for the phone the same way whatever is delivered, so that the answer and the
     * limits are the same for a registered phone and an unknown one. Only a {@link Delivery#CODE} has a code
     * that can ever match.
     */
    Optional<IdentityProblem> send(PhoneNumber phone, SmsPurpose purpose, Delivery delivery) {
        String index = protection.blindIndex(Field.PHONE, phone.value());
        Instant now = clock.instant();
        Optional<Instant> last = jdbc.sql("""
                        select max(sent_at) from card_sms_code where phone_index = :phone and purpose = :purpose""")
                .param("phone", index).param("purpose", purpose.name())
                .query(java.sql.Timestamp.class).list().stream().filter(java.util.Objects::nonNull)
                .map(java.sql.Timestamp::toInstant).findFirst();
        if (last.isPresent() && last.get().plus(RESEND_AFTER).isAfter(now)) {
            return Optional.of(IdentityProblem.SMS_TOO_SOON);
        }
        Instant startOfDay = LocalDate.ofInstant(now, CITY_TIME).atStartOfDay(CITY_TIME).toInstant();
        int today = jdbc.sql("select count(*) from card_sms_code where phone_index = :phone and sent_at >= :start")
                .param("phone", index).param("start", Db.ts(startOfDay)).query(Integer.class).single();
        if (today >= DAILY_LIMIT) {
            return Optional.of(IdentityProblem.SMS_DAILY_LIMIT);
        }
        if (!limits.takeFromDailyBudget()) {
            return Optional.of(IdentityProblem.SMS_UNAVAILABLE);
        }
        // a notice or nothing is recorded under a code nobody knows (longer than any typed code): never matches
        String code = delivery == Delivery.CODE ? "%06d".formatted(random.nextInt(1_000_000))
                : java.util.UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into card_sms_code (phone_index, purpose, code_hash, sent_at, expires_at)
                        values (:phone, :purpose, :hash, :now, :expires)""")
                .param("phone", index).param("purpose", purpose.name()).param("hash", hash(index, purpose, code))
                .param("now", Db.ts(now)).param("expires", Db.ts(now.plus(VALIDITY)))
                .update();
        if (delivery == Delivery.NOTHING) {
            return Optional.empty();
        }
        try {
            sender.send(phone, delivery == Delivery.CODE ? text(purpose, code) : ALREADY_REGISTERED);
        } catch (IllegalStateException e) {
            // not sent: forget it, so the citizen may try again at once
            jdbc.sql("delete from card_sms_code where phone_index = :phone and code_hash = :hash")
                    .param("phone", index).param("hash", hash(index, purpose, code)).update();
            return Optional.of(IdentityProblem.SMS_UNAVAILABLE);
        }
        return Optional.empty();
    }

    /** Empty when the code is right, fresh and unused; it is then used up. */
    Optional<IdentityProblem> check(PhoneNumber phone, SmsPurpose purpose, String code) {
        String index = protection.blindIndex(Field.PHONE, phone.value());
        record Row(long id, String hash, Instant expiresAt, int attempts, Instant usedAt) {
        }
        Optional<Row> latest = jdbc.sql("""
                        select id, code_hash, expires_at, attempts, used_at from card_sms_code
                        where phone_index = :phone and purpose = :purpose order by id desc limit 1""")
                .param("phone", index).param("purpose", purpose.name())
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("code_hash"), Db.instant(rs, "expires_at"),
                        rs.getInt("attempts"), Db.instant(rs, "used_at")))
                .optional();
        if (latest.isEmpty() || latest.get().usedAt() != null || code == null || !code.strip().matches("\\d{6}")) {
            return Optional.of(IdentityProblem.BAD_CODE);
        }
        Row row = latest.get();
        if (!row.expiresAt().isAfter(clock.instant())) {
            return Optional.of(IdentityProblem.CODE_EXPIRED);
        }
        // count the try before comparing, with a guarded update: parallel guesses cannot exceed the limit
        int counted = jdbc.sql("""
                        update card_sms_code set attempts = attempts + 1
                        where id = :id and attempts < :max and used_at is null""")
                .param("id", row.id()).param("max", MAX_ATTEMPTS).update();
        if (counted == 0) {
            return Optional.of(IdentityProblem.TOO_MANY_ATTEMPTS);
        }
        if (!java.security.MessageDigest.isEqual(row.hash().getBytes(), hash(index, purpose, code.strip()).getBytes())) {
            return Optional.of(IdentityProblem.BAD_CODE);
        }
        int used = jdbc.sql("update card_sms_code set used_at = :now where id = :id and used_at is null")
                .param("id", row.id()).param("now", Db.ts(clock.instant())).update();
        return used == 1 ? Optional.empty() : Optional.of(IdentityProblem.BAD_CODE);
    }

    private String hash(String phoneIndex, SmsPurpose purpose, String code) {
        return protection.blindIndex(Field.SECRET, phoneIndex + ":" + purpose + ":" + code);
    }

    /** A notice without a code (a warning to the phone's owner); not counted against the phone's code limits. */
    boolean notice(PhoneNumber phone, String text) {
        if (!limits.takeFromNoticeBudget()) {
            return false;
        }
        try {
            sender.send(phone, text);
            return true;
        } catch (IllegalStateException e) {
            log.warn("A notice could not be sent by SMS: {}", e.getMessage());
            return false;
        }
    }

    private static final String ALREADY_REGISTERED = "【城市一卡通】此手机号已注册，无需再次注册。请直接登录，忘记密码可在登录页找回。"
            + "如非本人操作，请忽略。 This number already has a CityCard account: sign in, or reset the password.";

    private static String text(SmsPurpose purpose, String code) {
        String what = switch (purpose) {
            case REGISTER -> "注册";
            case SIGN_IN -> "登录";
            case RESET_PASSWORD -> "重置密码";
            case REAL_NAME -> "实名认证";
        };
        return "【城市一卡通】您正在" + what + "，验证码 " + code + "，5分钟内有效。请勿告诉他人。"
                + " CityCard code " + code + ", valid 5 minutes. Never share it.";
    }
}
