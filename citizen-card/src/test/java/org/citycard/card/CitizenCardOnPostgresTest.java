package org.citycard.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.citycard.card.code.CodePurpose;
import org.citycard.card.ledger.AccountKind;
import org.citycard.card.ledger.Ledger;
import org.citycard.card.ledger.Posting;
import org.citycard.testing.PostgresSchema;
import org.citycard.testing.RequiredServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Identity, real-name, the card's lifecycle, codes and adjustments, on the real PostgreSQL. */
@SpringBootTest(classes = CardTestApplication.class)
class CitizenCardOnPostgresTest {

    private static final PostgresSchema SCHEMA = new PostgresSchema();

    @Autowired
    Identities identities;
    @Autowired
    LoginLinks links;
    @Autowired
    ApiSessions sessions;
    @Autowired
    Cards cards;
    @Autowired
    DynamicCodes codes;
    @Autowired
    Wallets wallets;
    @Autowired
    Favourites favourites;
    @Autowired
    Ledger ledger;
    @Autowired
    SmsInbox inbox;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void needsPostgres() {
        RequiredServices.postgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void drop() {
        SCHEMA.drop();
    }

    @Test
    void a_citizen_registers_with_an_sms_code_and_signs_in_by_phone_password_or_code() {
        String phone = CardSamples.phone();
        assertThat(identities.sendSmsCode(phone, SmsPurpose.REGISTER)).isEmpty();
        IdentityResult registered = identities.register(phone, CardSamples.lastCode(inbox, phone), "secret123");
        Citizen citizen = ((IdentityResult.Done) registered).citizen();
        assertThat(citizen.level()).isEqualTo(VerificationLevel.PHONE);
        assertThat(citizen.phoneMasked()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));

        assertThat(identities.authenticate(phone, "secret123", "10.0.0.1")).map(Citizen::id).contains(citizen.id());
        assertThat(identities.authenticate(phone, "wrong-password1", "10.0.0.1")).isEmpty();
        assertThat(identities.sendSmsCode(phone, SmsPurpose.SIGN_IN)).isEmpty();
        assertThat(identities.signInWithSmsCode(phone, CardSamples.lastCode(inbox, phone)))
                .isEqualTo(new IdentityResult.Done(citizen));
        // registering again says "sent" like for any phone; only the owner's phone learns it is registered
        jdbc.sql("update card_sms_code set sent_at = :before").param("before",
                java.sql.Timestamp.from(Instant.now().minusSeconds(120))).update();
        assertThat(identities.sendSmsCode(phone, SmsPurpose.REGISTER)).isEmpty();
        assertThat(inbox.messages().getFirst().text()).contains("已注册").doesNotContainPattern("\\d{6}");
    }

    @Test
    void nobody_learns_whether_a_phone_is_registered_without_its_code() {
        Citizen citizen = registered();
        String known = phoneOf(citizen);
        String unknown = CardSamples.phone();
        for (SmsPurpose purpose : List.of(SmsPurpose.REGISTER, SmsPurpose.SIGN_IN, SmsPurpose.RESET_PASSWORD)) {
            jdbc.sql("delete from card_sms_code").update();
            assertThat(identities.sendSmsCode(known, purpose)).isEqualTo(identities.sendSmsCode(unknown, purpose));
            // and the limits behave the same too
            assertThat(identities.sendSmsCode(known, purpose)).isEqualTo(identities.sendSmsCode(unknown, purpose))
                    .contains(IdentityProblem.SMS_TOO_SOON);
        }
        // registering a registered phone with a guessed code is a wrong code, not "taken"
        assertThat(identities.register(known, "123456", "secret123")).isEqualTo(refused(IdentityProblem.BAD_CODE));
    }

    @Test
    void five_wrong_passwords_lock_out_their_source_but_not_the_owner_who_is_told() {
        Citizen citizen = registered();
        String phone = phoneOf(citizen);
        String attacker = "2001:db8:1:2::7";
        for (int i = 0; i < Identities.MAX_FAILED_SIGN_INS; i++) {
            waitOver();
            // another address in the same IPv6 /64 is the same source
            assertThat(identities.signIn(phone, "guess-" + i, i % 2 == 0 ? attacker : "2001:db8:1:2::99"))
                    .isEqualTo(refused(IdentityProblem.BAD_CREDENTIALS));
        }
        waitOver();
        jdbc.sql("update card_sign_in_failure set locked_until = :later where failures >= 5")
                .param("later", java.sql.Timestamp.from(Instant.now().plusSeconds(600))).update();
        assertThat(identities.signIn(phone, "secret123", attacker)).isEqualTo(refused(IdentityProblem.SIGN_IN_LOCKED));
        assertThat(inbox.messages().getFirst().text()).contains("密码错误");
        // the owner, from home, is not locked out
        assertThat(identities.signIn(phone, "secret123", "192.0.2.10")).isInstanceOf(IdentityResult.Done.class);
        jdbc.sql("update card_sign_in_failure set locked_until = :past")
                .param("past", java.sql.Timestamp.from(Instant.now().minusSeconds(1))).update();
        assertThat(identities.signIn(phone, "secret123", attacker)).isInstanceOf(IdentityResult.Done.class);
        // an unknown login is throttled the same way, so the lock says nothing about who is registered
        String nobody = CardSamples.phone();
        for (int i = 0; i < Identities.MAX_FAILED_SIGN_INS; i++) {
            waitOver();
            identities.signIn(nobody, "guess-" + i, attacker);
        }
        assertThat(identities.signIn(nobody, "guess", attacker)).isEqualTo(refused(IdentityProblem.SIGN_IN_LOCKED));
    }

    @Test
    void from_the_third_wrong_password_a_source_waits_before_it_may_try_again() {
        Citizen citizen = registered();
        String phone = phoneOf(citizen);
        for (int i = 0; i < 3; i++) {
            assertThat(identities.signIn(phone, "guess-" + i, "198.51.100.1")).isEqualTo(refused(IdentityProblem.BAD_CREDENTIALS));
        }
        assertThat(identities.signIn(phone, "secret123", "198.51.100.1")).isEqualTo(refused(IdentityProblem.SIGN_IN_LOCKED));
        waitOver();
        assertThat(identities.signIn(phone, "secret123", "198.51.100.1")).isInstanceOf(IdentityResult.Done.class);
    }

    /** The short waits between tries have passed (the lock after the fifth is not touched here). */
    private void waitOver() {
        jdbc.sql("update card_sign_in_failure set locked_until = :past where failures < 5")
                .param("past", java.sql.Timestamp.from(Instant.now().minusSeconds(1))).update();
    }

    @Test
    void sms_codes_are_single_use_limited_in_tries_and_expire() {
        String phone = CardSamples.phone();
        identities.sendSmsCode(phone, SmsPurpose.REGISTER);
        assertThat(identities.sendSmsCode(phone, SmsPurpose.REGISTER)).contains(IdentityProblem.SMS_TOO_SOON);
        String code = CardSamples.lastCode(inbox, phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(identities.register(phone, wrong, "secret123")).isEqualTo(refused(IdentityProblem.BAD_CODE));
        }
        assertThat(identities.register(phone, code, "secret123"))
                .isEqualTo(refused(IdentityProblem.TOO_MANY_ATTEMPTS));

        String other = CardSamples.phone();
        identities.sendSmsCode(other, SmsPurpose.REGISTER);
        jdbc.sql("update card_sms_code set expires_at = :past").param("past", java.sql.Timestamp.from(Instant.now()))
                .update();
        assertThat(identities.register(other, CardSamples.lastCode(inbox, other), "secret123"))
                .isEqualTo(refused(IdentityProblem.CODE_EXPIRED));
        assertThat(identities.register(CardSamples.phone(), "123456", "short"))
                .isEqualTo(refused(IdentityProblem.WEAK_PASSWORD));
    }

    @Test
    void real_name_checks_the_id_number_and_never_gives_one_number_to_two_citizens() {
        Citizen first = registered();
        String phone = phoneOf(first);
        assertThat(realName(first, "张三", "420202198001010011", phone))
                .isEqualTo(refused(IdentityProblem.ID_NUMBER_CHECKSUM));
        String idNumber = CardSamples.idNumber();
        Citizen verified = ((IdentityResult.Done) realName(first, "张三丰", idNumber, phone)).citizen();
        assertThat(verified.level()).isEqualTo(VerificationLevel.REAL_NAME);
        assertThat(verified.idNumberMasked()).isEqualTo(idNumber.substring(0, 6) + "********" + idNumber.substring(14));
        assertThat(verified.nameMasked()).isEqualTo("张**");

        Citizen second = registered();
        assertThat(realName(second, "李四", idNumber, phoneOf(second))).isEqualTo(refused(IdentityProblem.ID_NUMBER_TAKEN));
        assertThat(identities.lookup(idNumber)).extracting(Citizen::id).containsExactly(first.id());
        assertThat(identities.lookup(phone)).extracting(Citizen::id).containsExactly(first.id());
    }

    @Test
    void personal_data_is_stored_only_encrypted() {
        Citizen citizen = realNameCitizen();
        String phone = phoneOf(citizen);
        List<String> stored = jdbc.sql("select * from card_citizen where id = :id").param("id", citizen.id().value())
                .query((rs, n) -> {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        values.add(value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                                : String.valueOf(value));
                    }
                    return String.join("|", values);
                }).list();
        assertThat(stored.getFirst()).doesNotContain(phone).doesNotContain(phone.substring(3)).doesNotContain("张三丰");
    }

    @Test
    void a_real_name_citizen_gets_a_card_at_once_and_its_lifecycle_is_audited() {
        Citizen phoneOnly = registered();
        assertThat(cards.apply(phoneOnly.id())).isEqualTo(new CardResult.Refused(CardProblem.NOT_REAL_NAME));

        Citizen citizen = realNameCitizen();
        Card card = ((CardResult.Done) cards.apply(citizen.id())).card();
        assertThat(card.status()).isEqualTo(CardStatus.ACTIVE);
        assertThat(card.number().value()).startsWith("4202").hasSize(19);
        assertThat(cards.apply(citizen.id())).isEqualTo(new CardResult.Refused(CardProblem.ALREADY_HAS_CARD));
        assertThat(wallets.balance(citizen.id())).hasValue(0);

        assertThat(cards.reportLoss(citizen.id(), Cards.CITIZEN, "手机丢失")).isInstanceOf(CardResult.Done.class);
        assertThat(cards.current(citizen.id())).map(Card::status).contains(CardStatus.FROZEN);
        assertThat(codes.issue(citizen.id(), CodePurpose.RIDE)).isEqualTo(new DynamicCodes.Issue.Refused(CardProblem.NOT_ACTIVE));
        assertThat(cards.unfreeze(citizen.id(), Cards.CITIZEN, "找到了", Instant.now().minusSeconds(3600)))
                .isEqualTo(new CardResult.Refused(CardProblem.RECENT_SIGN_IN_REQUIRED));
        assertThat(cards.unfreeze(citizen.id(), Cards.CITIZEN, "找到了", Instant.now())).isInstanceOf(CardResult.Done.class);

        Card replacement = ((CardResult.Done) cards.replace(citizen.id(), "operator1", "卡面损坏")).card();
        assertThat(replacement.number()).isNotEqualTo(card.number());
        assertThat(jdbc.sql("select status from card_card where id = :id").param("id", card.id()).query(String.class).single())
                .isEqualTo("REPLACED");

        fund(citizen, 500);
        assertThat(cards.cancel(citizen.id(), Cards.CITIZEN, "离开本市")).isEqualTo(new CardResult.Refused(CardProblem.BALANCE_NOT_ZERO));
        assertThat(wallets.balance(citizen.id())).hasValue(500); // the wallet followed the citizen to the new card

        assertThat(cards.history(citizen.id())).extracting(CardEvent::action)
                .containsSubsequence("ISSUED_AS_REPLACEMENT", "REPLACED", "UNFROZEN", "REPORTED_LOST", "APPLIED");
        assertThat(cards.history(citizen.id())).filteredOn(e -> e.action().equals("REPLACED")).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("operator1");
                    assertThat(e.reason()).isEqualTo("卡面损坏");
                });
    }

    @Test
    void only_an_empty_wallet_lets_a_card_be_cancelled() {
        Citizen citizen = realNameCitizen();
        cards.apply(citizen.id());
        assertThat(cards.cancel(citizen.id(), Cards.CITIZEN, "")).isEqualTo(new CardResult.Refused(CardProblem.REASON_REQUIRED, "reason"));
        assertThat(cards.cancel(citizen.id(), Cards.CITIZEN, "离开本市")).isInstanceOf(CardResult.Done.class);
        assertThat(cards.current(citizen.id())).isEmpty();
        assertThat(cards.apply(citizen.id())).isInstanceOf(CardResult.Done.class);
    }

    @Test
    void a_terminal_accepts_a_code_once_and_refuses_codes_of_frozen_and_replaced_cards() {
        Citizen citizen = realNameCitizen();
        cards.apply(citizen.id());
        String ride = issued(citizen, CodePurpose.RIDE);
        assertThat(codes.verify(ride, "bus-23-front", "23路")).isInstanceOf(DynamicCodes.Check.Accepted.class);
        assertThat(codes.verify(ride, "bus-23-front", "23路"))
                .isEqualTo(new DynamicCodes.Check.Rejected(DynamicCodes.Rejection.REPLAYED));
        assertThat(codes.uses(citizen.id(), 10)).singleElement()
                .satisfies(use -> assertThat(use.place()).isEqualTo("23路"));

        String beforeLoss = issued(citizen, CodePurpose.HEALTH);
        cards.reportLoss(citizen.id(), Cards.CITIZEN, "丢失");
        statusReachesEveryNode();
        assertThat(codes.verify(beforeLoss, "hospital-1", "市中心医院"))
                .isEqualTo(new DynamicCodes.Check.Rejected(DynamicCodes.Rejection.CARD_FROZEN));
        cards.unfreeze(citizen.id(), Cards.CITIZEN, "找到了", Instant.now());
        String beforeReplacement = issued(citizen, CodePurpose.PAYMENT);
        cards.replace(citizen.id(), Cards.CITIZEN, "换卡");
        statusReachesEveryNode();
        assertThat(codes.verify(beforeReplacement, "shop-1", "便利店"))
                .isEqualTo(new DynamicCodes.Check.Rejected(DynamicCodes.Rejection.CARD_REPLACED));
        String tampered = ride.substring(0, 10) + (ride.charAt(10) == 'A' ? 'B' : 'A') + ride.substring(11);
        assertThat(codes.verify(tampered, "bus-23-front", "23路")).isInstanceOf(DynamicCodes.Check.Rejected.class);
    }

    @Test
    void an_adjustment_needs_a_second_administrator_and_posts_once() throws Exception {
        Citizen citizen = realNameCitizen();
        cards.apply(citizen.id());
        var requested = (Wallets.AdjustmentResult.Done) wallets.requestAdjustment(citizen.id(), 1_000, "补偿：扣费错误", "finance1");
        var id = requested.adjustment().id();
        assertThat(wallets.approve(id, "finance1"))
                .isEqualTo(new Wallets.AdjustmentResult.Refused(Wallets.Problem.SAME_ADMINISTRATOR));
        assertThat(wallets.balance(citizen.id())).hasValue(0);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Wallets.AdjustmentResult>> approvals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            approvals.add(pool.submit(() -> wallets.approve(id, "finance2")));
        }
        int posted = 0;
        for (var approval : approvals) {
            posted += approval.get() instanceof Wallets.AdjustmentResult.Done ? 1 : 0;
        }
        pool.shutdown();
        assertThat(posted).isEqualTo(1);
        assertThat(wallets.balance(citizen.id())).hasValue(1_000);
        assertThat(wallets.statement(citizen.id(), null, 10)).singleElement()
                .satisfies(line -> assertThat(line.amountFen()).isEqualTo(1_000));
        assertThat(wallets.requestAdjustment(citizen.id(), 500, " ", "finance1"))
                .isEqualTo(new Wallets.AdjustmentResult.Refused(Wallets.Problem.REASON_REQUIRED));
    }

    @Test
    void a_reused_refresh_token_revokes_its_whole_family() {
        Citizen citizen = links.signIn(ExternalLogin.WECHAT, "o-wechat-" + System.nanoTime());
        String first = sessions.start(citizen.id(), ExternalLogin.WECHAT);
        var renewed = (ApiSessions.Renewal.Renewed) sessions.refresh(first);
        assertThat(renewed.citizen()).isEqualTo(citizen.id());
        assertThat(sessions.refresh(first)).isEqualTo(new ApiSessions.Renewal.Refused(ApiSessions.Reason.REUSED));
        assertThat(sessions.refresh(renewed.refreshToken()))
                .isEqualTo(new ApiSessions.Renewal.Refused(ApiSessions.Reason.REVOKED));
        assertThat(sessions.refresh("not-a-token")).isEqualTo(new ApiSessions.Renewal.Refused(ApiSessions.Reason.UNKNOWN));
    }

    @Test
    void unlinking_a_platform_login_ends_its_sessions() {
        Citizen web = realNameCitizen();
        String openid = "o-unlink-" + System.nanoTime();
        assertThat(links.linkWithCode(ExternalLogin.WECHAT, openid, links.createLinkCode(web.id())))
                .isInstanceOf(IdentityResult.Done.class);
        String session = sessions.start(web.id(), ExternalLogin.WECHAT);
        assertThat(links.unlink(web.id(), ExternalLogin.WECHAT)).isInstanceOf(IdentityResult.Done.class);
        assertThat(sessions.refresh(session)).isEqualTo(new ApiSessions.Renewal.Refused(ApiSessions.Reason.REVOKED));
    }

    @Test
    void a_wechat_login_links_to_a_web_citizen_with_proof_of_both_sides() {
        String openid = "o-wechat-" + System.nanoTime();
        Citizen bare = links.signIn(ExternalLogin.WECHAT, openid);
        assertThat(bare.level()).isEqualTo(VerificationLevel.NONE);
        assertThat(links.signIn(ExternalLogin.WECHAT, openid).id()).isEqualTo(bare.id());

        Citizen web = realNameCitizen();
        assertThat(links.linkWithCode(ExternalLogin.WECHAT, openid, "WRONGONE"))
                .isEqualTo(refused(IdentityProblem.LINK_CODE_INVALID));
        String code = links.createLinkCode(web.id());
        assertThat(links.linkWithCode(ExternalLogin.WECHAT, openid, code)).isInstanceOf(IdentityResult.Done.class);
        assertThat(links.signIn(ExternalLogin.WECHAT, openid).id()).isEqualTo(web.id());
        assertThat(links.logins(web.id())).extracting(LinkedLogin::provider).containsExactly(ExternalLogin.WECHAT);
        assertThat(links.linkWithCode(ExternalLogin.WECHAT, openid, code)).isEqualTo(refused(IdentityProblem.LINK_CODE_INVALID));

        // a login that belongs to a real-name citizen is never moved away from them
        Citizen other = realNameCitizen();
        assertThat(links.linkWithCode(ExternalLogin.WECHAT, openid, links.createLinkCode(other.id())))
                .isEqualTo(refused(IdentityProblem.LOGIN_LINKED_ELSEWHERE));
    }

    @Test
    void a_physical_card_moves_through_production_and_a_stale_view_is_refused() {
        Citizen citizen = realNameCitizen();
        cards.apply(citizen.id());
        assertThat(cards.requestPhysical(citizen.id(), "黄石市下陆区团城山街道 1 号")).isInstanceOf(CardResult.Done.class);
        assertThat(cards.requestPhysical(citizen.id(), "黄石市下陆区团城山街道 1 号"))
                .isEqualTo(new CardResult.Refused(CardProblem.PHYSICAL_ALREADY_REQUESTED));
        PhysicalCardRequest request = cards.physicalRequests(citizen.id()).getFirst();
        assertThat(request.status()).isEqualTo(PhysicalCardStatus.QUEUED);
        assertThat(request.addressMasked()).isEqualTo("黄石市下陆区****");
        assertThat(cards.advancePhysical(request.id(), request.version(), PhysicalCardStatus.MAILED, "operator1"))
                .contains(CardProblem.BAD_TRANSITION);
        assertThat(cards.advancePhysical(request.id(), request.version(), PhysicalCardStatus.PRODUCED, "operator1")).isEmpty();
        assertThat(cards.advancePhysical(request.id(), request.version(), PhysicalCardStatus.MAILED, "operator2"))
                .contains(CardProblem.STALE);
        assertThat(cards.physicalRequests(citizen.id()).getFirst().status()).isEqualTo(PhysicalCardStatus.PRODUCED);
    }

    @Test
    void favourites_and_recent_views_are_kept_per_citizen() {
        Citizen citizen = registered();
        favourites.add(citizen.id(), "S1");
        favourites.add(citizen.id(), "S2");
        favourites.add(citizen.id(), "S1");
        assertThat(favourites.favourites(citizen.id())).containsExactlyInAnyOrder("S1", "S2");
        for (int i = 0; i < 12; i++) {
            favourites.viewed(citizen.id(), "V" + i);
        }
        assertThat(favourites.recentlyViewed(citizen.id())).hasSize(Favourites.RECENT_KEPT).doesNotContain("V0", "V1");
        assertThat(favourites.favourites(registered().id())).isEmpty();
    }

    private String issued(Citizen citizen, CodePurpose purpose) {
        return ((DynamicCodes.Issue.Issued) codes.issue(citizen.id(), purpose)).text();
    }

    /** A node answers from a card it read for a moment at most; past it, every node sees the new status. */
    private static void statusReachesEveryNode() {
        try {
            Thread.sleep(DynamicCodes.STATUS_FRESHNESS.toMillis() + 50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fund(Citizen citizen, long fen) {
        ledger.open("clearing:TEST", AccountKind.CLEARING, null);
        ledger.post(Posting.transfer("fund-" + citizen.id(), "top-up", "clearing:TEST", Wallets.accountOf(citizen.id()), fen));
    }

    private final java.util.Map<CitizenId, String> phones = new java.util.concurrent.ConcurrentHashMap<>();

    private Citizen registered() {
        String phone = CardSamples.phone();
        identities.sendSmsCode(phone, SmsPurpose.REGISTER);
        Citizen citizen = ((IdentityResult.Done) identities.register(phone, CardSamples.lastCode(inbox, phone), "secret123"))
                .citizen();
        phones.put(citizen.id(), phone);
        return citizen;
    }

    private String phoneOf(Citizen citizen) {
        return phones.get(citizen.id());
    }

    private Citizen realNameCitizen() {
        Citizen citizen = registered();
        return ((IdentityResult.Done) realName(citizen, "张三丰", CardSamples.idNumber(), phoneOf(citizen))).citizen();
    }

    private IdentityResult realName(Citizen citizen, String name, String idNumber, String phone) {
        jdbc.sql("delete from card_sms_code").update(); // the resend interval is not under test here
        identities.sendSmsCode(phone, SmsPurpose.REAL_NAME);
        return identities.verifyRealName(citizen.id(), name, idNumber, phone, CardSamples.lastCode(inbox, phone));
    }

    private static IdentityResult refused(IdentityProblem problem) {
        return new IdentityResult.Refused(problem);
    }
}
