package org.citycard.card.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.citycard.card.Citizen;
import org.citycard.card.CitizenId;
import org.citycard.card.Identities;
import org.citycard.card.IdentityProblem;
import org.citycard.card.IdentityResult;
import org.citycard.card.IdNumber;
import org.citycard.card.PhoneNumber;
import org.citycard.card.SmsPurpose;
import org.citycard.card.SmsRequester;
import org.citycard.card.VerificationLevel;
import org.citycard.card.privacy.PersonalDataProtection;
import org.citycard.card.privacy.PersonalDataProtection.Field;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The unified identity on JDBC; personal data goes in encrypted, with a blind index, and comes out masked. */
@Service
@Transactional
class JdbcIdentities implements Identities {

    private static final Pattern NAME = Pattern.compile("[\\p{IsHan}A-Za-z·• ]{2,30}");
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9_.-]{2,31}");
    private static final ZoneId CITY_TIME = org.citycard.kernel.ChinaTime.ZONE;

    private final JdbcClient jdbc;
    private final CitizenStore citizens;
    private final SmsCodes sms;
    private final SmsLimits smsLimits;
    private final PersonalDataProtection protection;
    private final Clock clock;
    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    /** Compared against when the account does not exist, so a wrong login takes as long as a wrong password. */
    private final String decoyHash = passwords.encode(UUID.randomUUID().toString());

    JdbcIdentities(JdbcClient jdbc, CitizenStore citizens, SmsCodes sms, SmsLimits smsLimits,
                   PersonalDataProtection protection, Clock cardClock) {
        this.smsLimits = smsLimits;
        this.jdbc = jdbc;
        this.citizens = citizens;
        this.sms = sms;
        this.protection = protection;
        this.clock = cardClock;
    }

    @Override
    public Optional<IdentityProblem> sendSmsCode(String phoneText, SmsPurpose purpose, SmsRequester requester) {
        Optional<PhoneNumber> phone = PhoneNumber.parse(phoneText);
        if (phone.isEmpty()) {
            return Optional.of(IdentityProblem.BAD_PHONE);
        }
        Optional<IdentityProblem> refused = smsLimits.admit(requester);
        if (refused.isPresent()) {
            return refused;
        }
        boolean known = byPhone(phone.get()).isPresent();
        // the same answer and the same limits whether or not the phone is registered: only its owner learns
        SmsCodes.Delivery delivery = switch (purpose) {
            case REGISTER -> known ? SmsCodes.Delivery.ALREADY_REGISTERED_NOTICE : SmsCodes.Delivery.CODE;
            case SIGN_IN, RESET_PASSWORD -> known ? SmsCodes.Delivery.CODE : SmsCodes.Delivery.NOTHING;
            case REAL_NAME -> SmsCodes.Delivery.CODE;
        };
        return sms.send(phone.get(), purpose, delivery);
    }

    @Override
    public IdentityResult register(String phoneText, String smsCode, String password) {
        Optional<PhoneNumber> phone = PhoneNumber.parse(phoneText);
        if (phone.isEmpty()) {
            return IdentityResult.refused(IdentityProblem.BAD_PHONE);
        }
        if (!strong(password)) {
            return IdentityResult.refused(IdentityProblem.WEAK_PASSWORD);
        }
        // the code first: only the phone's owner may learn that it is registered (a registered phone was sent a
        // notice, not a code, so this fails for anyone else)
        Optional<IdentityProblem> code = sms.check(phone.get(), SmsPurpose.REGISTER, smsCode);
        if (code.isPresent()) {
            return IdentityResult.refused(code.get());
        }
        if (byPhone(phone.get()).isPresent()) {
            return IdentityResult.refused(IdentityProblem.PHONE_TAKEN);
        }
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                            insert into card_citizen (id, password_hash, phone_cipher, phone_index, phone_masked, level,
                                                      created_at)
                            values (:id, :hash, :cipher, :index, :masked, 'PHONE', :now)""")
                    .param("id", id).param("hash", passwords.encode(password))
                    .param("cipher", protection.encrypt(Field.PHONE, phone.get().value()))
                    .param("index", protection.blindIndex(Field.PHONE, phone.get().value()))
                    .param("masked", phone.get().masked()).param("now", Db.ts(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            return IdentityResult.refused(IdentityProblem.PHONE_TAKEN);
        }
        CitizenId citizen = new CitizenId(id);
        citizens.audit(citizen, null, "REGISTERED", "citizen", null);
        return new IdentityResult.Done(citizens.find(citizen).orElseThrow());
    }

    @Override
    public IdentityResult signIn(String login, String password, String source) {
        if (login == null || password == null || login.isBlank() || login.length() > 64 || password.length() > 128) {
            return IdentityResult.refused(IdentityProblem.BAD_CREDENTIALS);
        }
        Optional<PhoneNumber> phone = PhoneNumber.parse(login);
        String column = phone.isPresent() ? "phone_index" : "username";
        String value = phone.map(p -> protection.blindIndex(Field.PHONE, p.value()))
                .orElse(login.strip().toLowerCase(java.util.Locale.ROOT));
        String from = SmsLimits.addressKey(source);
        String throttleKey = protection.blindIndex(Field.SECRET, "sign-in:" + column + ":" + value + ":"
                + (from == null ? "-" : from));
        java.time.Instant now = clock.instant();
        boolean waiting = jdbc.sql("select count(*) from card_sign_in_failure where login_key = :key and locked_until > :now")
                .param("key", throttleKey).param("now", Db.ts(now)).query(Integer.class).single() > 0;
        if (waiting) {
            return IdentityResult.refused(IdentityProblem.SIGN_IN_LOCKED);
        }
        Optional<String> hash = jdbc.sql("select password_hash from card_citizen where " + column + " = :value")
                .param("value", value).query(String.class).optional().filter(java.util.Objects::nonNull);
        boolean matches = passwords.matches(password, hash.orElse(decoyHash));
        if (matches && hash.isPresent()) {
            jdbc.sql("delete from card_sign_in_failure where login_key = :key").param("key", throttleKey).update();
            return new IdentityResult.Done(citizens.findBy(column, value).orElseThrow());
        }
        if (recordFailure(throttleKey, now) && hash.isPresent()) {
            citizens.findBy(column, value).ifPresent(this::tellOwnerOfLockOut);
        }
        return IdentityResult.refused(IdentityProblem.BAD_CREDENTIALS);
    }

    @Override
    public Optional<Citizen> authenticate(String login, String password, String source) {
        return signIn(login, password, source) instanceof IdentityResult.Done done ? Optional.of(done.citizen())
                : Optional.empty();
    }

    /**
     * Counts a failure of one login from one source in a 15-minute window. From the third, the source waits
     * before its next try (2 s, then 8 s); the fifth locks it out of this login for 15 minutes. True when this
     * failure locked it.
     */
    private boolean recordFailure(String key, java.time.Instant now) {
        java.time.Instant windowOpen = now.minus(SIGN_IN_LOCK);
        jdbc.sql("""
                        insert into card_sign_in_failure (login_key, failures, window_start) values (:key, 0, :now)
                        on conflict do nothing""")
                .param("key", key).param("now", Db.ts(now)).update();
        jdbc.sql("""
                        update card_sign_in_failure
                        set failures = case when window_start < :open then 1 else failures + 1 end,
                            window_start = case when window_start < :open then :now else window_start end
                        where login_key = :key""")
                .param("open", Db.ts(windowOpen)).param("now", Db.ts(now)).param("key", key).update();
        int failures = jdbc.sql("select failures from card_sign_in_failure where login_key = :key")
                .param("key", key).query(Integer.class).single();
        java.time.Duration wait = failures >= MAX_FAILED_SIGN_INS ? SIGN_IN_LOCK
                : failures >= 3 ? java.time.Duration.ofSeconds(failures == 3 ? 2 : 8) : java.time.Duration.ZERO;
        if (!wait.isZero()) {
            jdbc.sql("update card_sign_in_failure set locked_until = :until where login_key = :key")
                    .param("until", Db.ts(now.plus(wait))).param("key", key).update();
        }
        return failures == MAX_FAILED_SIGN_INS;
    }

    /** The owner hears of it (once an hour at most), and it is in their audit trail; the source is not named. */
    private void tellOwnerOfLockOut(Citizen owner) {
        citizens.audit(owner.id(), null, "SIGN_IN_LOCKED_OUT_SOURCE", "system", null);
        if (!smsLimits.takeOwnerNotice(owner.id())) {
            return;
        }
        sendNotice(owner.id(), "【城市一卡通】您的账号刚有多次密码错误的登录尝试，该来源已被暂时阻止。"
                + "如非本人操作，建议修改密码。 Several wrong passwords were just tried on your CityCard "
                + "account; that source is blocked for now. If it was not you, change your password.");
    }

    @Override
    public boolean sendNotice(CitizenId citizen, String text) {
        return jdbc.sql("select phone_cipher from card_citizen where id = :id").param("id", citizen.value())
                .query(byte[].class).optional().filter(java.util.Objects::nonNull)
                .flatMap(cipher -> PhoneNumber.parse(protection.decrypt(Field.PHONE, cipher)))
                .map(phone -> sms.notice(phone, text)).orElse(false);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean confirmPassword(CitizenId citizen, String password) {
        Optional<String> hash = jdbc.sql("select password_hash from card_citizen where id = :id")
                .param("id", citizen.value()).query(String.class).optional().filter(java.util.Objects::nonNull);
        boolean matches = passwords.matches(password == null ? "" : password, hash.orElse(decoyHash));
        return matches && hash.isPresent();
    }

    @Override
    public IdentityResult signInWithSmsCode(String phoneText, String smsCode) {
        Optional<PhoneNumber> phone = PhoneNumber.parse(phoneText);
        if (phone.isEmpty()) {
            return IdentityResult.refused(IdentityProblem.BAD_PHONE);
        }
        Optional<Citizen> citizen = byPhone(phone.get());
        if (citizen.isEmpty()) {
            return IdentityResult.refused(IdentityProblem.BAD_CODE);
        }
        return sms.check(phone.get(), SmsPurpose.SIGN_IN, smsCode)
                .<IdentityResult>map(IdentityResult.Refused::new)
                .orElseGet(() -> new IdentityResult.Done(citizen.get()));
    }

    @Override
    public IdentityResult resetPassword(String phoneText, String smsCode, String newPassword) {
        Optional<PhoneNumber> phone = PhoneNumber.parse(phoneText);
        if (phone.isEmpty()) {
            return IdentityResult.refused(IdentityProblem.BAD_PHONE);
        }
        if (!strong(newPassword)) {
            return IdentityResult.refused(IdentityProblem.WEAK_PASSWORD);
        }
        Optional<Citizen> citizen = byPhone(phone.get());
        if (citizen.isEmpty()) {
            return IdentityResult.refused(IdentityProblem.BAD_CODE);
        }
        Optional<IdentityProblem> code = sms.check(phone.get(), SmsPurpose.RESET_PASSWORD, smsCode);
        if (code.isPresent()) {
            return IdentityResult.refused(code.get());
        }
        jdbc.sql("update card_citizen set password_hash = :hash, version = version + 1 where id = :id")
                .param("hash", passwords.encode(newPassword)).param("id", citizen.get().id().value()).update();
        citizens.audit(citizen.get().id(), null, "PASSWORD_RESET", "citizen", null);
        return new IdentityResult.Done(citizen.get());
    }

    @Override
    public IdentityResult verifyRealName(CitizenId id, String name, String idNumberText, String phoneText,
                                         String smsCode) {
        Optional<Citizen> citizen = citizens.find(id);
        if (citizen.isEmpty()) {
            return IdentityResult.refused(IdentityProblem.UNKNOWN_CITIZEN);
        }
        if (citizen.get().level() == VerificationLevel.REAL_NAME) {
            return IdentityResult.refused(IdentityProblem.ALREADY_REAL_NAME);
        }
        String cleanName = name == null ? "" : name.strip();
        if (!NAME.matcher(cleanName).matches()) {
            return IdentityResult.refused(IdentityProblem.BAD_NAME);
        }
        String cleanId = idNumberText == null ? "" : idNumberText.strip().toUpperCase(java.util.Locale.ROOT);
        Optional<IdNumber.Problem> idProblem = IdNumber.problem(cleanId, LocalDate.now(clock.withZone(CITY_TIME)));
        if (idProblem.isPresent()) {
            return IdentityResult.refused(switch (idProblem.get()) {
                case FORMAT -> IdentityProblem.ID_NUMBER_FORMAT;
                case REGION -> IdentityProblem.ID_NUMBER_REGION;
                case BIRTH_DATE -> IdentityProblem.ID_NUMBER_BIRTH_DATE;
                case CHECKSUM -> IdentityProblem.ID_NUMBER_CHECKSUM;
            });
        }
        IdNumber idNumber = IdNumber.of(cleanId);
        Optional<PhoneNumber> phone = PhoneNumber.parse(phoneText);
        if (phone.isEmpty()) {
            return IdentityResult.refused(IdentityProblem.BAD_PHONE);
        }
        // the code first, counted: who holds which ID number or phone is told only to someone who proved the phone
        Optional<IdentityProblem> code = sms.check(phone.get(), SmsPurpose.REAL_NAME, smsCode);
        if (code.isPresent()) {
            return IdentityResult.refused(code.get());
        }
        String phoneIndex = protection.blindIndex(Field.PHONE, phone.get().value());
        Optional<Citizen> phoneOwner = citizens.findBy("phone_index", phoneIndex);
        if (phoneOwner.isPresent() && !phoneOwner.get().id().equals(id)) {
            return IdentityResult.refused(IdentityProblem.PHONE_TAKEN);
        }
        if (!citizen.get().phoneMasked().isEmpty() && phoneOwner.isEmpty()) {
            return IdentityResult.refused(IdentityProblem.PHONE_MISMATCH);
        }
        String idIndex = protection.blindIndex(Field.ID_NUMBER, idNumber.value());
        if (citizens.findBy("id_number_index", idIndex).isPresent()) {
            return IdentityResult.refused(IdentityProblem.ID_NUMBER_TAKEN);
        }
        try {
            int updated = jdbc.sql("""
                            update card_citizen set name_cipher = :nameCipher, name_masked = :nameMasked,
                                   id_number_cipher = :idCipher, id_number_index = :idIndex, id_number_masked = :idMasked,
                                   phone_cipher = :phoneCipher, phone_index = :phoneIndex, phone_masked = :phoneMasked,
                                   level = 'REAL_NAME', real_name_at = :now, version = version + 1
                            where id = :id and level <> 'REAL_NAME'""")
                    .param("nameCipher", protection.encrypt(Field.NAME, cleanName))
                    .param("nameMasked", CitizenStore.maskName(cleanName))
                    .param("idCipher", protection.encrypt(Field.ID_NUMBER, idNumber.value()))
                    .param("idIndex", idIndex).param("idMasked", idNumber.masked())
                    .param("phoneCipher", protection.encrypt(Field.PHONE, phone.get().value()))
                    .param("phoneIndex", phoneIndex).param("phoneMasked", phone.get().masked())
                    .param("now", Db.ts(clock.instant())).param("id", id.value())
                    .update();
            if (updated == 0) {
                return IdentityResult.refused(IdentityProblem.ALREADY_REAL_NAME);
            }
        } catch (DuplicateKeyException e) {
            return IdentityResult.refused(IdentityProblem.ID_NUMBER_TAKEN);
        }
        citizens.audit(id, null, "REAL_NAME_VERIFIED", "citizen", null);
        return new IdentityResult.Done(citizens.find(id).orElseThrow());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Citizen> find(CitizenId citizen) {
        return citizens.find(citizen);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<RealName> realName(CitizenId citizen) {
        return jdbc.sql("select name_cipher, id_number_cipher from card_citizen where id = :id and level = 'REAL_NAME'")
                .param("id", citizen.value())
                .query((rs, n) -> rs.getBytes(1) == null || rs.getBytes(2) == null ? null
                        : new RealName(protection.decrypt(Field.NAME, rs.getBytes(1)),
                                IdNumber.of(protection.decrypt(Field.ID_NUMBER, rs.getBytes(2)))))
                .list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Citizen> lookup(String phoneOrIdNumber) {
        if (phoneOrIdNumber == null) {
            return List.of();
        }
        String text = phoneOrIdNumber.strip().toUpperCase(java.util.Locale.ROOT);
        Optional<PhoneNumber> phone = PhoneNumber.parse(text);
        if (phone.isPresent()) {
            return byPhone(phone.get()).stream().toList();
        }
        return IdNumber.parse(text, LocalDate.now(clock.withZone(CITY_TIME)))
                .flatMap(id -> citizens.findBy("id_number_index", protection.blindIndex(Field.ID_NUMBER, id.value())))
                .stream().toList();
    }

    @Override
    public Citizen ensureStaffAccount(String username, String encodedPassword, Set<String> roles) {
        String name = username.strip().toLowerCase(java.util.Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a staff username is 3-32 lower-case letters, digits, '.', '_' or '-'");
        }
        String joined = String.join(",", new java.util.TreeSet<>(roles));
        int updated = jdbc.sql("update card_citizen set password_hash = :hash, roles = :roles where username = :name")
                .param("hash", encodedPassword).param("roles", joined).param("name", name).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into card_citizen (id, username, password_hash, level, roles, created_at)
                            values (:id, :name, :hash, 'NONE', :roles, :now)""")
                    .param("id", UUID.randomUUID()).param("name", name).param("hash", encodedPassword)
                    .param("roles", joined).param("now", Db.ts(clock.instant()))
                    .update();
        }
        return citizens.findBy("username", name).orElseThrow();
    }

    private Optional<Citizen> byPhone(PhoneNumber phone) {
        return citizens.findBy("phone_index", protection.blindIndex(Field.PHONE, phone.value()));
    }

    /** At least eight characters with a letter and a digit: short enough to remember, long enough to matter. */
    static boolean strong(String password) {
        return password != null && password.length() >= MIN_PASSWORD_LENGTH && password.length() <= 128
                && password.chars().anyMatch(Character::isLetter) && password.chars().anyMatch(Character::isDigit);
    }
}
