package org.citycard.bills.connector;

import java.net.URI;
import java.time.Duration;

/**
 * Where and as whom a connector reaches a biller: its address, our partner id there, our private key and the
 * biller's public key (both Base64 DER, from configuration), and how long to wait for an answer.
 */
public record BillerEndpoint(String billerId, URI baseUrl, String partnerId, String privateKey, String billerPublicKey,
                             Duration timeout) {

    @Override
    public String toString() {
        return "BillerEndpoint[" + billerId + " at " + baseUrl + "]";
    }
}
