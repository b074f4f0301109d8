package org.citycard.payment.wechatpay;

/**
 * Which of WeChat Pay's keys are trusted: the public key with its id, or the platform certificates (downloaded
 * through {@code /v3/certificates} when first needed and every 12 hours).
 */
record WeChatPayKeys(String publicKeyId, PlatformCertificates certificates) {

    boolean trusted(String serial) {
        return certificates == null ? publicKeyId.equals(serial) : certificates.knows(serial);
    }
}
