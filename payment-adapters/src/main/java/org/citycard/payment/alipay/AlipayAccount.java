package org.citycard.payment.alipay;

/**
 * An Alipay app: its id, the seller (merchant) id notifications must name, the app's private key and Alipay's
 * public key (both Base64, PKCS#8 and X.509), and the gateway.
 */
public record AlipayAccount(String appId, String sellerId, String privateKey, String alipayPublicKey, String gateway) {

    @Override
    public String toString() {
        return "AlipayAccount[appId=" + appId + ", sellerId=" + sellerId + ", gateway=" + gateway + "]";
    }
}
