package org.citycard.api.auth;

import java.util.Optional;

import org.citycard.card.ExternalLogin;

/** One platform's code exchange: the platform's user id for a login code, empty when the platform refuses it. */
interface PlatformLogin {

    ExternalLogin platform();

    /** Empty for a code the platform rejects; {@link PlatformUnavailable} when the platform cannot be asked. */
    Optional<String> userId(String code);

    /** The platform did not answer, or answered something we could not trust. */
    final class PlatformUnavailable extends RuntimeException {
        PlatformUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
