package org.citycard.bills.internal;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;

import org.citycard.bills.BillerKind;
import org.citycard.bills.ChargeMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bill payment's settings: the billers (keyed by id) and how write-offs are retried.
 *
 * @param billers       the billers citizens can pay; their addresses and keys come from configuration (in a
 *                      rehearsal, from the sandbox's {@code node.properties})
 * @param retryEvery    how often the write-off job looks for payments to try again
 * @param retryBackoff  the waits before the first three retries; after them, {@code retryHourly}
 * @param retryHourly   the wait between later retries
 */
@ConfigurationProperties("citycard.bills")
record BillsProperties(Map<String, BillerSettings> billers,
                       @DefaultValue("PT10S") Duration retryEvery,
                       @DefaultValue({"PT1M", "PT5M", "PT15M"}) java.util.List<Duration> retryBackoff,
                       @DefaultValue("PT1H") Duration retryHourly) {

    BillsProperties {
        billers = billers == null ? Map.of() : Map.copyOf(billers);
    }

    /**
     * One biller.
     *
     * @param accountPattern a regular expression its account numbers match (checked before the biller is asked)
     * @param accountHint    what to tell a citizen typing one
     * @param connector      the protocol its connector speaks
     * @param privateKey     our partner key at this biller (Base64 PKCS#8)
     * @param billerPublicKey the biller's key its answers are signed with (Base64 X.509)
     */
    record BillerSettings(String name, BillerKind kind, ChargeMode chargeMode, String accountPattern,
                          String accountHint, @DefaultValue("standard-v1") String connector, URI baseUrl,
                          @DefaultValue("citycard") String partnerId, String privateKey, String billerPublicKey,
                          @DefaultValue("00:00") LocalTime opensAt, @DefaultValue("00:00") LocalTime closesAt,
                          @DefaultValue("PT3S") Duration timeout, @DefaultValue("0") int order) {

        @Override
        public String toString() {
            return "BillerSettings[" + name + ", " + kind + ", " + chargeMode + ", " + baseUrl + "]";
        }
    }
}
