package org.citycard.card;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The city's unified identity: registration, sign-in by password or SMS code, password reset, real-name
 * verification, and the administrators' citizen lookup. Phones and ID numbers are stored encrypted and found
 * through their blind index; what comes back is masked.
 */
public interface Identities {

    int MIN_PASSWORD_LENGTH = 8;

    /**
     * Sends a one-time code to the phone, counted against the requester ({@link SmsRequester}). The answer never
     * tells whether the phone is registered: for registration a registered phone gets a notice instead of a code,
     * and for sign-in and reset an unknown phone gets nothing, with the same limits and the same answer.
     */
    Optional<IdentityProblem> sendSmsCode(String phone, SmsPurpose purpose, SmsRequester requester);

    /** {@link #sendSmsCode(String, SmsPurpose, SmsRequester)} for internal callers: only the phone's limits. */
    default Optional<IdentityProblem> sendSmsCode(String phone, SmsPurpose purpose) {
        return sendSmsCode(phone, purpose, SmsRequester.INTERNAL);
    }

    /**
     * Sends the citizen a notice by SMS (no code), from the day's budget for notices, apart from verification
     * codes. False when the citizen has no phone or the budget is spent.
     */
    boolean sendNotice(CitizenId citizen, String text);

    IdentityResult register(String phone, String smsCode, String password);

    /** Failed password sign-ins from one source that lock that source out of a login, and for how long. */
    int MAX_FAILED_SIGN_INS = 5;
    java.time.Duration SIGN_IN_LOCK = java.time.Duration.ofMinutes(15);

    /**
     * Phone or username with password, from a source address. Refused with BAD_CREDENTIALS when either is wrong
     * (no hint which). Failures are counted per login and source (an IPv6 source by its /64): from the third one
     * the source waits a little longer before each try, and after {@value #MAX_FAILED_SIGN_INS} it is locked out
     * of that login for {@link #SIGN_IN_LOCK} (SIGN_IN_LOCKED), while the owner, signing in from elsewhere, is
     * not; the owner is told by SMS. A stranger cannot lock a named person out.
     */
    IdentityResult signIn(String login, String password, String source);

    /** {@link #signIn} for callers that only need yes or no (HTTP Basic for metrics scrapers). */
    Optional<Citizen> authenticate(String login, String password, String source);

    IdentityResult signInWithSmsCode(String phone, String smsCode);

    /** Whether the password is this citizen's: a fresh proof before a sensitive step (unfreezing a card). */
    boolean confirmPassword(CitizenId citizen, String password);

    IdentityResult resetPassword(String phone, String smsCode, String newPassword);

    /** Real-name: name, resident ID number and the phone confirmed by a fresh SMS code. */
    IdentityResult verifyRealName(CitizenId citizen, String name, String idNumber, String phone, String smsCode);

    Optional<Citizen> find(CitizenId citizen);

    /**
     * A real-name citizen's name and ID number in the clear, for a service that must hand them to an authority (the
     * provincial e-health card platform registers a card by them); empty for a citizen not verified. Never shown,
     * never logged: {@link RealName#toString()} is masked.
     */
    Optional<RealName> realName(CitizenId citizen);

    record RealName(String name, IdNumber idNumber) {
        @Override
        public String toString() {
            return "RealName[" + idNumber.masked() + "]";
        }
    }

    /** Administrators' lookup by a full phone number or ID number; other text finds nobody. */
    List<Citizen> lookup(String phoneOrIdNumber);

    /** Creates or updates a staff account from configuration (username, an encoded password, roles). */
    Citizen ensureStaffAccount(String username, String encodedPassword, Set<String> roles);
}
