package org.citycard.api.parking;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import org.citycard.api.ApiProblem;
import org.citycard.parking.GeoPoint;
import org.citycard.parking.Lot;
import org.citycard.parking.ParkingLots;
import org.citycard.parking.fees.FeeEngine;
import org.citycard.parking.fees.FeeRule;
import org.citycard.parking.fees.Quote;
import org.citycard.parking.fees.Vehicle;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Finding parking, for anyone (no login): lots near a place with distance, free spaces and tariff, one lot, and what
 * a stay there would cost, line by line. Coordinates are GCJ-02 unless {@code coords=wgs84} (ADR 008).
 */
@RestController
@RequestMapping(path = "/api/mp/v1/parking", produces = "application/json")
@Tag(name = "parking", description = "Finding parking and checking its fees (public)")
class ParkingController {

    /** The longest stay a quote is made for: 31 days. */
    private static final long MAX_QUOTE_SECONDS = 31L * 24 * 3600;

    private final ParkingLots lots;

    ParkingController(ParkingLots lots) {
        this.lots = lots;
    }

    @GetMapping("/lots")
    @Operation(summary = "Lots near a place, nearest first",
            description = "lat, lng: where (GCJ-02 as wx.getLocation({type: 'gcj02'}) gives it, or WGS-84 with coords=wgs84); "
                    + "radius: metres, 100 to 20,000; limit: 1 to 50")
    List<LotView> nearby(@RequestParam double lat, @RequestParam double lng,
                         @RequestParam(defaultValue = "gcj02") String coords,
                         @RequestParam(defaultValue = "3000") int radius, @RequestParam(defaultValue = "20") int limit) {
        if (!GeoPoint.valid(lat, lng)) {
            throw ApiProblem.badParameter("lat", "lat must be -90 to 90 and lng -180 to 180.");
        }
        GeoPoint from = switch (coords) {
            case "gcj02" -> new GeoPoint(lat, lng);
            case "wgs84" -> GeoPoint.fromWgs84(lat, lng);
            default -> throw ApiProblem.badParameter("coords", "coords is gcj02 or wgs84.");
        };
        if (radius < 100 || radius > ParkingLots.MAX_RADIUS_METRES) {
            throw ApiProblem.badParameter("radius", "radius must be 100 to " + ParkingLots.MAX_RADIUS_METRES + " metres.");
        }
        if (limit < 1 || limit > ParkingLots.MAX_RESULTS) {
            throw ApiProblem.badParameter("limit", "limit must be 1 to " + ParkingLots.MAX_RESULTS + ".");
        }
        return lots.nearby(from, radius, limit).stream()
                .map(n -> LotView.of(n.lot(), n.operatorName(), n.distanceMetres(), n.freeSpaces(), n.openNow())).toList();
    }

    @GetMapping("/lots/{id}")
    @Operation(summary = "One lot with its free spaces and tariff")
    LotView lot(@PathVariable String id) {
        Lot lot = lots.lot(id).orElseThrow(() -> ApiProblem.notFound("parking.unknown-lot", "No such lot."));
        return LotView.of(lot, null, null, lots.free(id), lot.openAt(LocalTime.now(org.citycard.kernel.ChinaTime.ZONE)));
    }

    @GetMapping("/lots/{id}/quote")
    @Operation(summary = "What a stay would cost here, with every line of the reckoning",
            description = "entry, exit: ISO-8601 instants (2026-12-07T00:10:00Z); size: SMALL or LARGE; newEnergy: true for green plates")
    QuoteView quote(@PathVariable String id, @RequestParam String entry, @RequestParam String exit,
                    @RequestParam(defaultValue = "SMALL") String size, @RequestParam(defaultValue = "false") boolean newEnergy) {
        Lot lot = lots.lot(id).orElseThrow(() -> ApiProblem.notFound("parking.unknown-lot", "No such lot."));
        Instant from = org.citycard.api.TimeParams.instant("entry", entry);
        Instant to = org.citycard.api.TimeParams.instant("exit", exit);
        if (to.isBefore(from) || to.getEpochSecond() - from.getEpochSecond() > MAX_QUOTE_SECONDS) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "parking.bad-stay", "exit must be after entry, at most 31 days later.",
                    "exit");
        }
        Vehicle.Size vehicleSize = switch (size) {
            case "SMALL" -> Vehicle.Size.SMALL;
            case "LARGE" -> Vehicle.Size.LARGE;
            default -> throw ApiProblem.badParameter("size", "size is SMALL or LARGE.");
        };
        return QuoteView.of(FeeEngine.quote(lot.feeRule(), new Vehicle(vehicleSize, newEnergy), from, to));
    }

    /**
     * @param distanceMetres absent when not asked from a place
     * @param freeSpaces     the offered spaces not taken, as last counted
     */
    record LotView(String id, String name, String kind, String operatorName, String address, double lat, double lng,
                   Integer distanceMetres, int freeSpaces, int offered, boolean openNow, LocalTime opensAt,
                   LocalTime closesAt, FeeRule tariff) {
        static LotView of(Lot lot, String operatorName, Integer distance, int free, boolean openNow) {
            return new LotView(lot.id(), lot.name(), lot.kind().name(), operatorName, lot.address(), lot.position().lat(),
                    lot.position().lng(), distance, free, lot.offered(), openNow, lot.opensAt(), lot.closesAt(),
                    lot.feeRule());
        }
    }

    record QuoteView(Instant entry, Instant exit, long minutes, long totalFen, int windows, List<Quote.Line> lines) {
        static QuoteView of(Quote q) {
            return new QuoteView(q.entry(), q.exit(), q.minutes(), q.totalFen(), q.windows(), q.lines());
        }
    }
}
