package org.citycard.sandbox.payment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The sandbox's keys, secrets and certificates by name: made on first use and, when the sandbox has a folder of its
 * own, kept there, so that nodes configured with its public keys and CA go on trusting it after a restart. Without
 * a folder (in-process) they live as long as the process.
 */
public final class SandboxKeys {

    private final Path dir;

    /** {@code dir}: where to keep them; null to keep nothing. */
    public SandboxKeys(Path dir) {
        this.dir = dir;
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The folder the keys are kept in, or null. */
    public Path dir() {
        return dir;
    }

    public KeyPair rsa(String name) {
        if (dir != null && Files.exists(dir.resolve(name + ".key"))) {
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(dir.resolve(name + ".pub")))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve(name + ".key")))));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("the sandbox key " + name + " cannot be read", e);
            }
        }
        KeyPair keys = SandboxCertificates.rsa();
        write(name + ".pub", keys.getPublic().getEncoded());
        write(name + ".key", keys.getPrivate().getEncoded());
        return keys;
    }

    public String secret(String name, Supplier<String> make) {
        if (dir != null && Files.exists(dir.resolve(name + ".txt"))) {
            try {
                return Files.readString(dir.resolve(name + ".txt")).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String secret = make.get();
        write(name + ".txt", secret.getBytes(StandardCharsets.UTF_8));
        return secret;
    }

    public X509Certificate certificate(String name, Callable<X509Certificate> make) {
        try {
            if (dir != null && Files.exists(dir.resolve(name + ".cer"))) {
                return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(Files.readAllBytes(dir.resolve(name + ".cer"))));
            }
            X509Certificate certificate = make.call();
            write(name + ".cer", certificate.getEncoded());
            return certificate;
        } catch (Exception e) {
            throw new IllegalStateException("the sandbox certificate " + name + " cannot be made or read", e);
        }
    }

    private void write(String file, byte[] content) {
        if (dir == null) {
            return;
        }
        try {
            Path target = dir.resolve(file);
            Files.write(target, content);
            target.toFile().setReadable(false, false);
            target.toFile().setReadable(true, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
