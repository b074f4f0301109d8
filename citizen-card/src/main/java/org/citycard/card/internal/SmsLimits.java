package org.citycard.card.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.citycard.card.IdentityProblem;
import org.citycard.card.RateLimits;
import org.citycard.card.SmsRequester;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who may have another verification code sent, beyond the phone's own limits ({@link SmsCodes}): per signed-in
 * account, per browser session and per source address (an IPv6 sender counts by its /64), and within one daily
 * budget for verification codes across the whole platform (notices to citizens will have a budget of their
 * own). Past a few codes an hour, anonymous flows need a solved {@link ProofOfWork human check}. The counts
 * live where {@code citycard.card.shared-state} says: this node, or Redis for all nodes.
 */
@Component
class SmsLimits {

    private static final Logger log = LoggerFactory.getLogger(SmsLimits.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private final RateLimits limits;
    private final ProofOfWork humanCheck;
    private final CardProperties.Sms settings;
    private final Clock clock;
    private final AtomicReference<LocalDate> alertedCodes = new AtomicReference<>();
    private final AtomicReference<LocalDate> alertedNotices = new AtomicReference<>();

    SmsLimits(RateLimits limits, ProofOfWork humanCheck, CardProperties properties, Clock cardClock) {
        this.limits = limits;
        this.humanCheck = humanCheck;
        this.settings = properties.sms();
        this.clock = cardClock;
    }

    /** Counts one request for a code against the requester; a refusal says why. */
    Optional<IdentityProblem> admit(SmsRequester requester) {
        if (requester.account() != null
                && !limits.tryTake("sms:account:" + requester.account(), settings.perAccountPerHour(), HOUR)) {
            return Optional.of(IdentityProblem.SMS_TOO_MANY);
        }
        String address = addressKey(requester.address());
        boolean anonymous = requester.anonymous() && (requester.session() != null || address != null);
        if (anonymous && !freeOfHumanCheck(requester, address)) {
            if (!humanCheck.solved(requester.humanProof())) {
                return Optional.of(IdentityProblem.HUMAN_CHECK_REQUIRED);
            }
        }
        if (requester.session() != null
                && !limits.tryTake("sms:session:" + requester.session(), settings.perSessionPerHour(), HOUR)) {
            return Optional.of(IdentityProblem.SMS_TOO_MANY);
        }
        if (address != null && !limits.tryTake("sms:address:" + address, settings.perAddressPerHour(), HOUR)) {
            return Optional.of(IdentityProblem.SMS_TOO_MANY);
        }
        return Optional.empty();
    }

    /** Takes one verification code from today's budget; when it is gone, nothing is sent and staff are alerted. */
    boolean takeFromDailyBudget() {
        return takeFromBudget("code", settings.dailyCodeBudget(), alertedCodes, "citycard.card.sms.daily-code-budget");
    }

    /** Takes one notice (no code: a warning to an account's owner) from today's budget for notices. */
    boolean takeFromNoticeBudget() {
        return takeFromBudget("notice", settings.dailyNoticeBudget(), alertedNotices, "citycard.card.sms.daily-notice-budget");
    }

    private boolean takeFromBudget(String kind, long budget, AtomicReference<LocalDate> alerted, String property) {
        LocalDate today = LocalDate.now(clock.withZone(SmsCodes.CITY_TIME));
        if (limits.tryTake("sms:budget:" + kind + ":" + today, budget, Duration.ofDays(400))) {
            return true;
        }
        if (!today.equals(alerted.getAndSet(today))) {
            log.error("ALERT: today's budget of {} SMS {}s is used up; no more are sent until tomorrow ({})", budget,
                    kind, property);
        }
        return false;
    }

    /** At most one lock-out notice an hour to one owner, whatever a stranger does. */
    boolean takeOwnerNotice(org.citycard.card.CitizenId owner) {
        return limits.tryTake("sms:owner-notice:" + owner, 1, HOUR);
    }

    /** The first few codes an hour from a session and an address need no check; both are counted. */
    private boolean freeOfHumanCheck(SmsRequester requester, String address) {
        boolean sessionFree = requester.session() == null || limits.tryTake("sms:check:session:" + requester.session(),
                settings.humanCheckAfter(), HOUR);
        boolean addressFree = address == null || limits.tryTake("sms:check:address:" + address,
                settings.humanCheckAfterPerAddress(), HOUR);
        return sessionFree && addressFree;
    }

    /** An IPv4 address as it is; an IPv6 address by its /64, which one subscriber usually holds whole. */
    static String addressKey(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        if (!address.contains(":")) {
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address.matches("[0-9a-fA-F:.%\\[\\]a-z]+")
                    ? address.replace("[", "").replace("]", "") : "::").getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
            }
            return prefix + ":/64";
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }
}
