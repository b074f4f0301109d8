package org.citycard.portal.parking;

import java.util.List;

import org.citycard.parking.GeoPoint;
import org.citycard.parking.ParkingLots;
import org.citycard.portal.shell.Svg;

import com.vaadin.flow.component.Html;

/**
 * The lots around a place as a picture (no map tiles: the city's tile service is not ours to call from here): the
 * place in the middle, north up, rings at two distances (on a square-root scale, so near lots spread out), and each
 * lot a numbered mark where it lies, coloured and shaped by how easy a space is (plenty, few, full, closed). The
 * numbers are those of the list below it, which says everything in words; the picture's label says what it is for a
 * screen reader.
 */
final class LotsMap {

    private static final int SIZE = 320;
    private static final int MIDDLE = SIZE / 2;
    private static final int REACH = MIDDLE - 22;
    /** The outer ring's distances to choose from: each a quarter of it (the inner ring) is a round figure too. */
    private static final int[] SCALES = {400, 800, 1_200, 2_000, 4_000, 6_000, 8_000, 12_000, 20_000};

    /** How easy a space is at a lot; each has its own colour, and its own shape so colour is not the only cue. */
    enum Ease {
        PLENTY, FEW, FULL, CLOSED
    }

    private LotsMap() {
    }

    static Ease ease(ParkingLots.Nearby n) {
        if (!n.openNow()) {
            return Ease.CLOSED;
        }
        if (n.freeSpaces() == 0) {
            return Ease.FULL;
        }
        return n.freeSpaces() * 10 < n.lot().offered() || n.freeSpaces() < 5 ? Ease.FEW : Ease.PLENTY;
    }

    /**
     * The picture's words, in the visitor's language.
     *
     * @param label    what the picture shows, for those who do not see it
     * @param legend   each {@link Ease}'s name, in the enum's order
     * @param distance a distance in words, given the metres
     * @param rings    the sentence naming the two rings' distances, given them in words
     */
    record Words(String label, List<String> legend, java.util.function.IntFunction<String> distance,
                 java.util.function.BinaryOperator<String> rings) {
    }

    static Html of(GeoPoint from, List<ParkingLots.Nearby> lots, Words words) {
        int farthest = lots.stream().mapToInt(ParkingLots.Nearby::distanceMetres).max().orElse(0);
        int ring = SCALES[SCALES.length - 1];
        for (int s : SCALES) {
            if (s >= farthest) {
                ring = s;
                break;
            }
        }
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cc-parking-map\" role=\"img\" viewBox=\"0 0 ")
                .append(SIZE).append(' ').append(SIZE + 52).append("\" aria-label=\"").append(Svg.escape(words.label())).append("\">");
        // distances on a square-root scale, so that the lots round the corner do not sit on one another: the inner
        // ring, halfway out, is a quarter of the outer one's distance
        svg.append(circle(MIDDLE, MIDDLE, REACH, "none", "cc-parking-map-ring"))
                .append(circle(MIDDLE, MIDDLE, REACH / 2, "none", "cc-parking-map-ring"))
                .append(text(SIZE - 14, 18, "N", "middle"))
                .append("<path d=\"M").append(SIZE - 14).append(" 22 l-6 14 h12 z\" fill=\"currentColor\"></path>")
                .append("<circle class=\"cc-parking-map-you\" cx=\"").append(MIDDLE).append("\" cy=\"").append(MIDDLE)
                .append("\" r=\"17\"></circle>");
        double cos = Math.cos(Math.toRadians(from.lat()));
        List<long[]> placed = new java.util.ArrayList<>();
        for (ParkingLots.Nearby n : lots) {
            double east = (n.lot().position().lng() - from.lng()) * 111_320 * cos;
            double north = (n.lot().position().lat() - from.lat()) * 110_574;
            double metres = Math.hypot(east, north);
            double angle = Math.atan2(north, east);
            double r = REACH * Math.sqrt(Math.min(1, metres / ring));
            long[] at = at(r, angle);
            // nudged outwards, then round, until it no longer covers a lot already drawn
            for (int tries = 0; tries < 24 && overlaps(at, placed); tries++) {
                r = Math.min(REACH, r + 4);
                angle += 0.35;
                at = at(r, angle);
            }
            placed.add(at);
        }
        for (int i = lots.size() - 1; i >= 0; i--) {
            ParkingLots.Nearby n = lots.get(i);
            long x = placed.get(i)[0];
            long y = placed.get(i)[1];
            String kind = "cc-parking-map-" + ease(n).name().toLowerCase(java.util.Locale.ROOT);
            svg.append("<g class=\"").append(kind).append("\">");
            if (ease(n) == Ease.FULL || ease(n) == Ease.CLOSED) {
                svg.append("<rect x=\"").append(x - 11).append("\" y=\"").append(y - 11)
                        .append("\" width=\"22\" height=\"22\" rx=\"3\"></rect>");
            } else {
                svg.append(circle(x, y, 12, null, null));
            }
            svg.append("<text x=\"").append(x).append("\" y=\"").append(y + 5)
                    .append("\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"600\">").append(i + 1).append("</text></g>");
        }
        int x = 6;
        for (Ease e : Ease.values()) {
            String kind = "cc-parking-map-" + e.name().toLowerCase(java.util.Locale.ROOT);
            svg.append("<g class=\"").append(kind).append("\">").append(e == Ease.FULL || e == Ease.CLOSED
                            ? "<rect x=\"" + x + "\" y=\"" + (SIZE + 10) + "\" width=\"14\" height=\"14\" rx=\"2\"></rect>"
                            : circle(x + 7, SIZE + 17, 7, null, null))
                    .append("</g>").append(text(x + 18, SIZE + 22, words.legend().get(e.ordinal()), "start"));
            x += 80;
        }
        svg.append(text(6, SIZE + 46, words.rings().apply(words.distance().apply(ring / 4),
                words.distance().apply(ring)), "start"));
        svg.append("</svg>");
        return new Html("<div class=\"cc-parking-map-box\">" + svg + "</div>");
    }

    private static long[] at(double r, double angle) {
        return new long[] {Math.round(MIDDLE + r * Math.cos(angle)), Math.round(MIDDLE - r * Math.sin(angle))};
    }

    private static boolean overlaps(long[] at, List<long[]> placed) {
        for (long[] other : placed) {
            if (Math.hypot(at[0] - other[0], at[1] - other[1]) < 24) {
                return true;
            }
        }
        return false;
    }

    private static String circle(long x, long y, int r, String fill, String cssClass) {
        return "<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"" + r + "\""
                + (fill == null ? "" : " fill=\"" + fill + "\"") + (cssClass == null ? "" : " class=\"" + cssClass + "\"")
                + "></circle>";
    }

    private static String text(int x, int y, String words, String anchor) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\" font-size=\"13\" fill=\"currentColor\">"
                + Svg.escape(words) + "</text>";
    }
}
