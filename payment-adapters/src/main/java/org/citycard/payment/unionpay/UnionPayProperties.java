package org.citycard.payment.unionpay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code citycard.payment.unionpay.*}: the real merchant, with the signing certificate as UnionPay issues it (a
 * PKCS#12 file and its password) and UnionPay's root and middle certificates (PEM files); the gateway and the
 * file transfer address default to UnionPay's production ones (a sandbox gives its own). When {@code mer-id} is empty
 * UnionPay is not offered.
 */
@ConfigurationProperties("citycard.payment.unionpay")
public record UnionPayProperties(String merId, String signCertPath, String signCertPassword, String rootCertPath,
                                 String middleCertPath, String signerName, String gateway,
                                 String fileGateway) {

    boolean configured() {
        return merId != null && !merId.isBlank();
    }

    /** The account these properties describe, reached through {@code transport} (null: as the system resolves). */
    static UnionPayAccount reachedThrough(UnionPayProperties properties,
                                            java.util.function.Consumer<org.apache.http.impl.client.HttpClientBuilder> transport) {
        UnionPayAccount account = properties.account();
        return new UnionPayAccount(account.merId(), account.signingKey(), account.certId(), account.root(),
                account.middle(), account.signerName(), account.gateway(), account.fileGateway(), transport);
    }

    UnionPayAccount account() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            char[] password = signCertPassword == null ? new char[0] : signCertPassword.toCharArray();
            try (InputStream in = Files.newInputStream(Path.of(signCertPath))) {
                store.load(in, password);
            }
            String alias = store.aliases().nextElement();
            X509Certificate own = (X509Certificate) store.getCertificate(alias);
            return new UnionPayAccount(merId, (PrivateKey) store.getKey(alias, password), own.getSerialNumber().toString(),
                    pem(rootCertPath), pem(middleCertPath),
                    signerName == null || signerName.isBlank() ? "中国银联股份有限公司" : signerName,
                    gateway == null || gateway.isBlank() ? "https://gateway.95516.com" : gateway,
                    fileGateway == null || fileGateway.isBlank() ? "https://filedownload.95516.com" : fileGateway, null);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the UnionPay signing certificate or CA certificates cannot be read", e);
        }
    }

    static X509Certificate pem(String path) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
