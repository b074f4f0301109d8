package org.citycard.api.parking;

import java.util.List;
import java.util.Map;

import org.citycard.api.ApiProblem;
import org.citycard.parking.OperatorFeeds;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where parking operators' systems send their gate events. No login: each request is believed only when signed with
 * the operator's registered key (docs/parking-feed-protocol.md); one that is not changes nothing.
 */
@RestController
@RequestMapping(path = "/api/parking/v1/operators", produces = "application/json")
@Tag(name = "parking operators", description = "Signed gate-event feeds from parking operators")
class OperatorFeedController {

    private final OperatorFeeds feeds;

    OperatorFeedController(OperatorFeeds feeds) {
        this.feeds = feeds;
    }

    @PostMapping(path = "/{operatorId}/events", consumes = "application/json")
    @Operation(summary = "Gate events, signed by the operator",
            description = "Headers CC-Timestamp (epoch seconds), CC-Nonce (32 hex), CC-Signature (Base64 SHA256withRSA over "
                    + "POST\\n{path}\\n{timestamp}\\n{nonce}\\n{body}); body {\"events\": [...]}, 1 to 500; answers each "
                    + "event's outcome")
    Map<String, List<OperatorFeeds.Result>> events(@PathVariable String operatorId, HttpServletRequest request,
                                                   @RequestHeader(value = "CC-Timestamp", required = false) String timestamp,
                                                   @RequestHeader(value = "CC-Nonce", required = false) String nonce,
                                                   @RequestHeader(value = "CC-Signature", required = false) String signature,
                                                   @RequestBody String body) {
        return switch (feeds.receive(operatorId, request.getRequestURI(), timestamp, nonce, signature, body)) {
            case OperatorFeeds.Answer.Accepted accepted -> Map.of("results", accepted.results());
            case OperatorFeeds.Answer.Refused refused -> throw refusal(refused);
            case OperatorFeeds.Answer.Filed filed -> throw new IllegalStateException("a feed is not a file");
        };
    }

    @PostMapping(path = "/{operatorId}/occupancy", consumes = "application/json")
    @Operation(summary = "Lots' full counts of taken spaces, signed like the feed, correcting drift",
            description = "{\"lots\": [{\"lotId\": \"...\", \"occupied\": 123}]}, 1 to 500; each lot answered SET, REFUSED "
                    + "(not this operator's) or INVALID")
    Map<String, List<OperatorFeeds.Result>> occupancy(@PathVariable String operatorId, HttpServletRequest request,
                                                      @RequestHeader(value = "CC-Timestamp", required = false) String timestamp,
                                                      @RequestHeader(value = "CC-Nonce", required = false) String nonce,
                                                      @RequestHeader(value = "CC-Signature", required = false) String signature,
                                                      @RequestBody String body) {
        return switch (feeds.receiveOccupancy(operatorId, request.getRequestURI(), timestamp, nonce, signature, body)) {
            case OperatorFeeds.Answer.Accepted accepted -> Map.of("results", accepted.results());
            case OperatorFeeds.Answer.Refused refused -> throw refusal(refused);
            case OperatorFeeds.Answer.Filed filed -> throw new IllegalStateException("a count is not a file");
        };
    }

    @PostMapping(path = "/{operatorId}/files/{day}", consumes = {"text/csv", "text/plain"})
    @Operation(summary = "The operator's daily session file, signed like the feed, reconciled against our stays",
            description = "CSV, a line per stay that left that day: lotId,plate,entryAt,exitAt,feeFen; at most 16 MB")
    org.citycard.parking.ParkingSettlements.Reconciliation file(@PathVariable String operatorId, @PathVariable String day,
                                                               HttpServletRequest request,
                                                               @RequestHeader(value = "CC-Timestamp", required = false) String timestamp,
                                                               @RequestHeader(value = "CC-Nonce", required = false) String nonce,
                                                               @RequestHeader(value = "CC-Signature", required = false) String signature,
                                                               @RequestBody String body) {
        return switch (feeds.receiveFile(operatorId, request.getRequestURI(), timestamp, nonce, signature, day, body)) {
            case OperatorFeeds.Answer.Filed filed -> filed.reconciliation();
            case OperatorFeeds.Answer.Refused refused -> throw refusal(refused);
            case OperatorFeeds.Answer.Accepted accepted -> throw new IllegalStateException("a file is not a feed");
        };
    }

    private static ApiProblem refusal(OperatorFeeds.Answer.Refused refused) {
        return new ApiProblem(HttpStatus.valueOf(refused.status()), refused.code(), refused.detail(), null);
    }
}
