package org.citycard.payment.unionpay;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;

import org.apache.http.impl.client.HttpClientBuilder;

/**
 * A UnionPay merchant: its id, its signing key and that certificate's id ({@code certId}, the serial in decimal),
 * the root and middle certificates UnionPay's signing certificates chain to, the name (CN) they must carry, the
 * gateway, and the file transfer address that hands out settlement files. {@code transport} adjusts the HTTP client (the sandbox's name resolution and trust); null for the
 * real service.
 */
public record UnionPayAccount(String merId, PrivateKey signingKey, String certId, X509Certificate root,
                              X509Certificate middle, String signerName, String gateway, String fileGateway,
                              Consumer<HttpClientBuilder> transport) {

    @Override
    public String toString() {
        return "UnionPayAccount[merId=" + merId + ", certId=" + certId + ", gateway=" + gateway + "]";
    }
}
