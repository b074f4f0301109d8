package org.citycard.payment;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.http.impl.client.HttpClientBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code citycard.payment.channels.*}: where the channels' own host names lead, when a sandbox stands in for them
 * (development, tests, a cluster's rehearsal). {@code address} is what those names resolve to, {@code trust} the CA
 * certificate (PEM) that vouches for them there; the clients keep the real names (WxJava signs only for them) and trust
 * nothing else for them. Both empty (production): the real channels, through the system's DNS and trust.
 */
@ConfigurationProperties("citycard.payment.channels")
public record ChannelHosts(String address, String trust) {

    /** The channels' API host names. */
    public static final List<String> HOSTS = List.of("api.mch.weixin.qq.com", "*.mch.weixin.qq.com",
            "openapi.alipay.com", "gateway.95516.com", "filedownload.95516.com");

    /** How a channel's HTTP client is adjusted for the stand-in; empty for the real channels. */
    public Optional<Consumer<HttpClientBuilder>> transport() {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        SSLContext context = trusted();
        InetAddress target;
        try {
            target = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("citycard.payment.channels.address cannot be resolved: " + address, e);
        }
        return Optional.of(builder -> builder.setSSLContext(context).setDnsResolver(host -> {
            if (HOSTS.stream().anyMatch(name -> name.equals(host) || name.startsWith("*.") && host.endsWith(name.substring(1)))) {
                return new InetAddress[] {target};
            }
            throw new UnknownHostException(host + " is not one of the payment channels' hosts");
        }));
    }

    private SSLContext trusted() {
        if (trust == null || trust.isBlank()) {
            throw new IllegalStateException("citycard.payment.channels.address needs citycard.payment.channels.trust");
        }
        try (InputStream in = Files.newInputStream(Path.of(trust))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("channels", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("citycard.payment.channels.trust cannot be read: " + trust, e);
        }
    }
}
