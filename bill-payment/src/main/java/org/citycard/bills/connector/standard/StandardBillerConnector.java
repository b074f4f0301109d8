package org.citycard.bills.connector.standard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.citycard.bills.Statement;
import org.citycard.bills.connector.BillerConnector;
import org.citycard.bills.connector.BillerEndpoint;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Protocol v1. A request is {@code POST {base}/v1/{operation}} with a JSON body and the headers {@code CC-Partner},
 * {@code CC-Timestamp} (epoch seconds), {@code CC-Nonce} (32 hex) and {@code CC-Signature}: Base64 SHA256withRSA with
 * our key over {@code POST\n/v1/{operation}\n{timestamp}\n{nonce}\n{body}}. The answer carries the biller's
 * {@code CC-Timestamp}, {@code CC-Nonce} and {@code CC-Signature} over
 * {@code {status}\n{our nonce}\n{timestamp}\n{nonce}\n{body}}: it is believed only when that verifies with the
 * biller's key, is within 5 minutes of our clock, and names our request's nonce (so an old answer cannot be played
 * back for a new request).
 */
final class StandardBillerConnector implements BillerConnector {

    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BillerEndpoint endpoint;
    private final HttpClient http;
    private final Clock clock;
    private final PrivateKey ours;
    private final PublicKey billers;
    private final SecureRandom random = new SecureRandom();

    StandardBillerConnector(BillerEndpoint endpoint, HttpClient http, Clock clock) {
        this.endpoint = endpoint;
        this.http = http;
        this.clock = clock;
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            this.ours = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(endpoint.privateKey())));
            this.billers = rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(endpoint.billerPublicKey())));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("the keys configured for biller " + endpoint.billerId()
                    + " are not Base64 DER RSA keys", e);
        }
    }

    @Override
    public AccountAnswer query(String accountNo) {
        JsonNode answer = call("query", Map.of("accountNo", accountNo));
        return switch (answer.path("result").asString("")) {
            case "OK" -> {
                List<Statement.Bill> bills = new ArrayList<>();
                for (JsonNode bill : answer.path("bills")) {
                    bills.add(new Statement.Bill(bill.path("billId").asString(), bill.path("period").asString(),
                            bill.path("amountFen").asLong(), bill.path("lateFeeFen").asLong(),
                            LocalDate.parse(bill.path("dueDate").asString())));
                }
                yield new AccountAnswer.Found(answer.path("holderName").asString(""),
                        answer.path("address").asString(""), answer.path("balanceFen").asLong(),
                        answer.path("arrearsFen").asLong(), List.copyOf(bills));
            }
            case "ACCOUNT_NOT_FOUND" -> new AccountAnswer.NotFound();
            case "ACCOUNT_CLOSED" -> new AccountAnswer.Closed();
            default -> throw unexpected("query", answer);
        };
    }

    @Override
    public WriteOffAnswer pay(String merchantOrderNo, String accountNo, long amountFen, String billId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchantOrderNo", merchantOrderNo);
        body.put("accountNo", accountNo);
        body.put("amountFen", amountFen);
        if (billId != null) {
            body.put("billId", billId);
        }
        return writeOff("pay", call("pay", body));
    }

    @Override
    public WriteOffAnswer status(String merchantOrderNo) {
        return writeOff("status", call("status", Map.of("merchantOrderNo", merchantOrderNo)));
    }

    @Override
    public WriteOffAnswer reverse(String merchantOrderNo) {
        return writeOff("reverse", call("reverse", Map.of("merchantOrderNo", merchantOrderNo)));
    }

    @Override
    public List<FileLine> dailyFile(LocalDate day) {
        JsonNode answer = call("daily-file", Map.of("date", day.toString()));
        if (!answer.path("result").asString("").equals("OK")) {
            throw unexpected("daily-file", answer);
        }
        List<FileLine> lines = new ArrayList<>();
        for (JsonNode line : answer.path("lines")) {
            lines.add(new FileLine(line.path("merchantOrderNo").asString(), line.path("writeOffRef").asString(),
                    line.path("accountNo").asString(), line.path("amountFen").asLong(),
                    Instant.parse(line.path("writtenOffAt").asString())));
        }
        return List.copyOf(lines);
    }

    private WriteOffAnswer writeOff(String operation, JsonNode answer) {
        return switch (answer.path("result").asString("")) {
            case "WRITTEN_OFF" -> new WriteOffAnswer.WrittenOff(answer.path("writeOffRef").asString(),
                    Instant.parse(answer.path("writtenOffAt").asString()));
            case "ACCEPTED" -> new WriteOffAnswer.Accepted();
            case "ALREADY_PAID", "NOTHING_DUE" -> new WriteOffAnswer.AlreadyPaid();
            case "NOT_FOUND" -> new WriteOffAnswer.NotFound();
            case "REVERSED" -> new WriteOffAnswer.Reversed();
            case "TIMEOUT" -> throw new BillerUnavailable(endpoint.billerId() + " timed out on " + operation, null);
            case "REFUSED", "ACCOUNT_CLOSED", "ACCOUNT_NOT_FOUND", "AMOUNT_MISMATCH", "BILL_NOT_FOUND", "ORDER_MISMATCH" ->
                    new WriteOffAnswer.Refused(answer.path("result").asString());
            default -> throw unexpected(operation, answer);
        };
    }

    private BillerUnavailable unexpected(String operation, JsonNode answer) {
        return new BillerUnavailable(endpoint.billerId() + " answered " + operation + " with "
                + answer.path("result").asString("nothing we know"), null);
    }

    private JsonNode call(String operation, Map<String, Object> request) {
        String path = "/v1/" + operation;
        String body = JSON.writeValueAsString(request);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonce();
        HttpRequest http;
        try {
            http = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path))
                    .timeout(endpoint.timeout())
                    .header("Content-Type", "application/json;charset=UTF-8")
                    .header("CC-Partner", endpoint.partnerId())
                    .header("CC-Timestamp", timestamp)
                    .header("CC-Nonce", nonce)
                    .header("CC-Signature", sign("POST\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        } catch (IllegalArgumentException e) {
            throw new BillerUnavailable("bad address for biller " + endpoint.billerId(), e);
        }
        HttpResponse<String> response;
        try {
            response = this.http.send(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BillerUnavailable(endpoint.billerId() + " did not answer " + operation + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BillerUnavailable("interrupted while asking " + endpoint.billerId(), e);
        }
        verify(operation, nonce, response);
        if (response.statusCode() != 200) {
            throw new BillerUnavailable(endpoint.billerId() + " refused " + operation + " with "
                    + response.statusCode(), null);
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new BillerUnavailable(endpoint.billerId() + " answered " + operation + " with no JSON", e);
        }
    }

    private void verify(String operation, String requestNonce, HttpResponse<String> response) {
        String timestamp = response.headers().firstValue("CC-Timestamp").orElse("");
        String nonce = response.headers().firstValue("CC-Nonce").orElse("");
        String signature = response.headers().firstValue("CC-Signature").orElse("");
        if (!timestamp.matches("\\d{1,12}") || nonce.isEmpty() || signature.isEmpty()) {
            throw new BillerUnavailable(endpoint.billerId() + " answered " + operation + " unsigned ("
                    + response.statusCode() + ")", null);
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(at, clock.instant()).abs().compareTo(WINDOW) > 0) {
            throw new BillerUnavailable(endpoint.billerId() + "'s answer to " + operation
                    + " is outside the 5-minute window", null);
        }
        String canonical = response.statusCode() + "\n" + requestNonce + "\n" + timestamp + "\n" + nonce + "\n"
                + response.body();
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(billers);
            verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(Base64.getDecoder().decode(signature))) {
                throw new BillerUnavailable(endpoint.billerId() + "'s answer to " + operation
                        + " does not verify", null);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BillerUnavailable(endpoint.billerId() + "'s answer to " + operation + " does not verify", e);
        }
    }

    private String sign(String canonical) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(ours);
            signer.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
