package org.citycard.card.code;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dynamic-code verifications per second on one thread (one core): CityCard's verifier (BouncyCastle Ed25519,
 * with decoding and the validity checks) against the JDK's own Ed25519 verifying the same bytes, in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
@Fork(1)
public class CodeVerifyBenchmark {

    private CodeVerifier verifier;
    private String code;
    private Instant now;
    private PublicKey jdkKey;
    private byte[] body;
    private byte[] signature;

    @Setup
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom();
        CodeKeys keys = CodeKeys.generate(1, random);
        now = Instant.now();
        code = keys.signer(random).issue(CodePurpose.RIDE, new byte[16], now).text();
        verifier = keys.verifier();
        byte[] raw = Base64.getUrlDecoder().decode(code);
        body = Arrays.copyOfRange(raw, 0, CodePayload.LENGTH);
        signature = Arrays.copyOfRange(raw, CodePayload.LENGTH, raw.length);
        byte[] x = Base64.getUrlDecoder().decode(keys.publicKeys().getFirst().get("x"));
        jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(x))));
    }

    @Benchmark
    public Object cityCardVerifier() {
        return verifier.verify(code, now);
    }

    @Benchmark
    public boolean jdkEd25519() throws Exception {
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(jdkKey);
        jdk.update(body);
        return jdk.verify(signature);
    }
}
