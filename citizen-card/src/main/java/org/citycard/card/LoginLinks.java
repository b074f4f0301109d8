package org.citycard.card;

import java.time.Duration;
import java.util.List;

/**
 * One person, many logins. A WeChat or Alipay login that arrives for the first time becomes a citizen of its
 * own; linking it to an existing citizen needs proof of both sides: a link code shown to the signed-in citizen
 * (web side), entered by the signed-in mini-program login (platform side).
 */
public interface LoginLinks {

    Duration LINK_CODE_VALIDITY = Duration.ofMinutes(5);

    /** The citizen behind a platform login, created on first sign-in. */
    Citizen signIn(ExternalLogin provider, String subject);

    /** An 8-character one-time code that proves the web side of a link. */
    String createLinkCode(CitizenId citizen);

    /** Links the platform login to the citizen who created the code. */
    IdentityResult linkWithCode(ExternalLogin provider, String subject, String linkCode);

    List<LinkedLogin> logins(CitizenId citizen);

    /**
     * The platform's user id of the citizen's login there (the WeChat openid, the Alipay user id), unmasked: what
     * a payment channel must name as the payer. Never shown to anyone.
     */
    java.util.Optional<String> payerId(CitizenId citizen, ExternalLogin provider);

    IdentityResult unlink(CitizenId citizen, ExternalLogin provider);
}
