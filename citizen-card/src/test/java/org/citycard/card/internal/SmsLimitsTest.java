package org.citycard.card.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.card.HumanCheck;
import org.citycard.card.IdentityProblem;
import org.citycard.card.RateLimits;
import org.citycard.card.SmsRequester;
import org.citycard.card.privacy.PersonalDataProtection;
import org.citycard.testing.RequiredServices;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Who may have another SMS code sent: limits per account, per browser session and per address (IPv6 by /64), the
 * human check past a threshold for anonymous pages, and the daily budget, in process and shared through Redis.
 */
class SmsLimitsTest {

    private static final CardProperties PROPERTIES = new CardProperties("4202", 200_000, CardProperties.SharedState.LOCAL,
            new CardProperties.Sms(CardProperties.Sms.Sender.INBOX, null, null, 5, 5, 30, 3, 12, 8, 1_000, 1_000), null);
    private final PersonalDataProtection protection = keys();
    private final ProofOfWork proofs = new ProofOfWork(protection, new LocalReplayGuard(Duration.ofMinutes(10)),
            Clock.systemUTC(), PROPERTIES);

    private SmsLimits limits(RateLimits rateLimits, CardProperties properties) {
        return new SmsLimits(rateLimits, proofs, properties, Clock.systemUTC());
    }

    @Test
    void one_account_cannot_send_codes_to_many_phones() {
        SmsLimits limits = limits(new LocalRateLimits(), PROPERTIES);
        SmsRequester citizen = new SmsRequester(CitizenId.parse(UUID.randomUUID().toString()).orElseThrow(), null,
                "203.0.113.9", null);
        for (int i = 0; i < 5; i++) {
            assertThat(limits.admit(citizen)).isEmpty();
        }
        assertThat(limits.admit(citizen)).contains(IdentityProblem.SMS_TOO_MANY);
    }

    @Test
    void an_anonymous_session_needs_the_human_check_after_three_codes_and_stops_at_five() {
        SmsLimits limits = limits(new LocalRateLimits(), PROPERTIES);
        SmsRequester browser = new SmsRequester(null, "session-" + UUID.randomUUID(), "198.51.100.20", null);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.admit(browser)).isEmpty();
        }
        assertThat(limits.admit(browser)).contains(IdentityProblem.HUMAN_CHECK_REQUIRED);
        assertThat(limits.admit(browser.withProof("made-up:1"))).contains(IdentityProblem.HUMAN_CHECK_REQUIRED);
        String proof = solve(proofs.challenge());
        assertThat(limits.admit(browser.withProof(proof))).isEmpty();
        // a proof is good once
        assertThat(limits.admit(browser.withProof(proof))).contains(IdentityProblem.HUMAN_CHECK_REQUIRED);
        assertThat(limits.admit(browser.withProof(solve(proofs.challenge())))).isEmpty();
        assertThat(limits.admit(browser.withProof(solve(proofs.challenge())))).contains(IdentityProblem.SMS_TOO_MANY);
    }

    @Test
    void an_ipv6_sender_is_counted_by_its_slash_64_so_new_addresses_and_sessions_do_not_help() {
        CardProperties noCheck = new CardProperties("4202", 200_000, CardProperties.SharedState.LOCAL,
                new CardProperties.Sms(CardProperties.Sms.Sender.INBOX, null, null, 5, 5, 4, 100, 100, 8, 1_000, 1_000), null);
        SmsLimits limits = limits(new LocalRateLimits(), noCheck);
        for (int i = 0; i < 4; i++) {
            assertThat(limits.admit(new SmsRequester(null, "s" + i, "2001:db8:aa:bb::" + (i + 1), null))).isEmpty();
        }
        assertThat(limits.admit(new SmsRequester(null, "fresh", "2001:db8:aa:bb:ffff::9", null)))
                .contains(IdentityProblem.SMS_TOO_MANY);
        assertThat(limits.admit(new SmsRequester(null, "fresh2", "2001:db8:aa:cc::1", null))).isEmpty();
        assertThat(SmsLimits.addressKey("2001:db8:aa:bb::1")).isEqualTo(SmsLimits.addressKey("2001:db8:aa:bb:1:2:3:4"));
    }

    @Test
    void the_daily_budget_runs_out_for_everyone() {
        CardProperties small = new CardProperties("4202", 200_000, CardProperties.SharedState.LOCAL,
                new CardProperties.Sms(CardProperties.Sms.Sender.INBOX, null, null, 5, 5, 30, 3, 12, 8, 2, 1_000), null);
        SmsLimits limits = limits(new LocalRateLimits(), small);
        assertThat(limits.takeFromDailyBudget()).isTrue();
        assertThat(limits.takeFromDailyBudget()).isTrue();
        assertThat(limits.takeFromDailyBudget()).isFalse();
        // notices to owners have a budget of their own
        assertThat(limits.takeFromNoticeBudget()).isTrue();
    }

    @Test
    void through_redis_two_nodes_share_one_count() {
        RequiredServices.redis();
        var connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(RequiredServices.REDIS_HOST, RequiredServices.REDIS_PORT));
        connections.afterPropertiesSet();
        try (var nodeA = new RedisRateLimits(connections::getRequiredNativeClient);
             var nodeB = new RedisRateLimits(connections::getRequiredNativeClient)) {
            SmsRequester citizen = new SmsRequester(CitizenId.parse(UUID.randomUUID().toString()).orElseThrow(), null,
                    null, null);
            for (int i = 0; i < 5; i++) {
                assertThat(limits(i % 2 == 0 ? nodeA : nodeB, PROPERTIES).admit(citizen)).isEmpty();
            }
            assertThat(limits(nodeA, PROPERTIES).admit(citizen)).contains(IdentityProblem.SMS_TOO_MANY);
            assertThat(limits(nodeB, PROPERTIES).admit(citizen)).contains(IdentityProblem.SMS_TOO_MANY);
        } finally {
            connections.destroy();
        }
    }

    /** What the portal's browser does: SHA-256 until enough leading zero bits. */
    static String solve(HumanCheck.Challenge challenge) {
        for (long n = 0; ; n++) {
            String proof = challenge.token() + ":" + n;
            if (ProofOfWork.leadingZeroBits(ProofOfWork.sha256(proof), challenge.difficulty())) {
                return proof;
            }
        }
    }

    private static PersonalDataProtection keys() {
        var keys = PersonalDataProtection.generateKeys(new SecureRandom());
        return PersonalDataProtection.of(keys.keysetJson(), keys.indexKeyBase64());
    }
}
