package org.citycard.portal.parking;

import java.util.List;

import org.citycard.kernel.Fen;
import org.citycard.parking.GeoPoint;
import org.citycard.parking.ParkingLots;
import org.citycard.parking.fees.FeeRule;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * Finding parking, for anyone: lots near the city centre at first, near the visitor once the browser tells where
 * they are (asked only when they press the button), nearest first, each with its free spaces as a bar and in words,
 * whether it is open, and its tariff in a sentence.
 */
@Route(value = "parking", layout = org.citycard.portal.shell.PortalLayout.class)
@AnonymousAllowed
public class ParkingView extends Div implements HasDynamicTitle {

    /** 黄石广场, GCJ-02: where the list starts before the visitor shares a position. */
    static final GeoPoint CENTRE = new GeoPoint(30.2006, 115.0389);
    private static final int RADIUS = 5_000;

    private final ParkingLots lots;
    private final UnorderedList list = new UnorderedList();
    private final Paragraph where = new Paragraph();
    private final ProgressBar locating = new ProgressBar();
    private final Div map = new Div();

    public ParkingView(ParkingLots lots) {
        this.lots = lots;
        addClassName("cc-parking");
        Button near = new Button(getTranslation("parking.near-me"), e -> locate());
        near.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        near.setId("parking-near-me");
        locating.setIndeterminate(true);
        locating.setVisible(false);
        locating.getElement().setAttribute("aria-label", getTranslation("parking.locating"));
        where.setId("parking-where");
        where.getElement().setAttribute("aria-live", "polite");
        list.setId("parking-lots");
        list.addClassName("cc-parking-lots");
        add(new H1(getTranslation("parking.title")), new Paragraph(getTranslation("parking.intro")),
                new Paragraph(new com.vaadin.flow.component.html.Anchor("me/parking", getTranslation("parking.mine"))),
                near, locating, where, map,
                new H2(getTranslation("parking.lots")), list);
        map.setId("parking-map");
        show(CENTRE, getTranslation("parking.from-centre"));
    }

    /** Asks the browser for its position (WGS-84); refused or unavailable, the centre's list stays. */
    private void locate() {
        locating.setVisible(true);
        where.setText(getTranslation("parking.locating"));
        getElement().executeJs("""
                return new Promise(resolve => {
                  if (!navigator.geolocation) { resolve('unavailable'); return; }
                  navigator.geolocation.getCurrentPosition(
                    p => resolve(p.coords.latitude + ',' + p.coords.longitude),
                    e => resolve(e.code === 1 ? 'denied' : 'unavailable'),
                    {enableHighAccuracy: false, timeout: 10000, maximumAge: 60000});
                });""").then(String.class, this::located,
                error -> {
                    locating.setVisible(false);
                    where.setText(getTranslation("parking.location-unavailable"));
                });
    }

    /** "lat,lng" from the browser, or why there is none; anything else counts as unavailable. */
    private void located(String answer) {
        locating.setVisible(false);
        String[] parts = answer == null ? new String[0] : answer.split(",");
        double lat = Double.NaN;
        double lng = Double.NaN;
        if (parts.length == 2) {
            try {
                lat = Double.parseDouble(parts[0]);
                lng = Double.parseDouble(parts[1]);
            } catch (NumberFormatException e) {
                lat = Double.NaN;
            }
        }
        boolean denied = "denied".equals(answer);
        if (!GeoPoint.valid(lat, lng)) {
            where.setText(getTranslation(denied ? "parking.location-denied" : "parking.location-unavailable"));
            return;
        }
        show(GeoPoint.fromWgs84(lat, lng), getTranslation("parking.from-you"));
    }

    private void show(GeoPoint from, String whence) {
        List<ParkingLots.Nearby> found = lots.nearby(from, RADIUS, 20);
        where.setText(whence + (found.isEmpty() ? " " + getTranslation("parking.none") : ""));
        list.removeAll();
        map.removeAll();
        if (!found.isEmpty()) {
            map.add(LotsMap.of(from, found, new LotsMap.Words(getTranslation("parking.map", found.size()),
                    java.util.Arrays.stream(LotsMap.Ease.values())
                            .map(e -> getTranslation("parking.map." + e.name())).toList(), this::distance,
                    (inner, outer) -> getTranslation("parking.map.rings", inner, outer))));
        }
        int number = 0;
        for (ParkingLots.Nearby n : found) {
            ListItem item = new ListItem();
            item.addClassName("cc-parking-lot");
            item.setId("parking-lot-" + n.lot().id());
            Span badge = new Span(String.valueOf(++number));
            badge.addClassName("cc-parking-number");
            badge.addClassName("cc-parking-map-" + LotsMap.ease(n).name().toLowerCase(java.util.Locale.ROOT));
            Div head = new Div(new Span(badge, new Span(" " + n.lot().name())), new Span(distance(n.distanceMetres())));
            head.addClassName("cc-parking-lot-head");
            int offered = n.lot().offered();
            Paragraph free = new Paragraph(getTranslation("parking.free", n.freeSpaces(), offered));
            free.addClassName(n.freeSpaces() == 0 ? "cc-problem" : "cc-parking-free");
            item.add(head, bar(n.freeSpaces(), offered), free,
                    new Paragraph(getTranslation(n.lot().kind() == org.citycard.parking.Lot.Kind.ON_STREET
                            ? "parking.kind.ON_STREET" : "parking.kind.OFF_STREET") + " · " + n.operatorName() + " · "
                            + n.lot().address()),
                    new Paragraph(n.openNow() ? hours(n) : getTranslation("parking.closed", hours(n))),
                    new Paragraph(tariff(n.lot().feeRule())));
            list.add(item);
        }
    }

    private String hours(ParkingLots.Nearby n) {
        return n.lot().opensAt().equals(n.lot().closesAt()) ? getTranslation("parking.all-day")
                : getTranslation("parking.hours", n.lot().opensAt(), n.lot().closesAt());
    }

    private String distance(int metres) {
        return metres < 1_000 ? getTranslation("parking.metres", metres)
                : getTranslation("parking.kilometres", String.format(java.util.Locale.ROOT, "%.1f", metres / 1000.0));
    }

    /** The tariff in a sentence a driver reads at a glance. */
    String tariff(FeeRule r) {
        StringBuilder text = new StringBuilder();
        if (r.freeMinutes() > 0) {
            text.append(getTranslation("parking.tariff.free", r.freeMinutes())).append(' ');
        }
        if (r.dayStart().equals(r.dayEnd())) {
            text.append(getTranslation("parking.tariff.all-day")).append(' ');
        } else {
            text.append(getTranslation("parking.tariff.day", r.dayStart(), r.dayEnd())).append(' ');
        }
        if (r.firstMinutes() > 0) {
            text.append(getTranslation("parking.tariff.first", r.firstMinutes(), Fen.of(r.firstFen()).display())).append(' ');
        }
        text.append(getTranslation("parking.tariff.unit", r.dayUnitMinutes(), Fen.of(r.dayUnitFen()).display()));
        if (!r.dayStart().equals(r.dayEnd())) {
            text.append(' ').append(getTranslation("parking.tariff.night", r.nightUnitMinutes(),
                    Fen.of(r.nightUnitFen()).display()));
            if (r.nightCapFen() > 0) {
                text.append(' ').append(getTranslation("parking.tariff.night-cap", Fen.of(r.nightCapFen()).display()));
            }
        }
        if (r.capFen() > 0) {
            text.append(' ').append(getTranslation("parking.tariff.cap", Fen.of(r.capFen()).display()));
        }
        return text.toString();
    }

    /** Free spaces as a bar: how full the lot is, at a glance (the numbers are in the text beside it). */
    private Div bar(int free, int offered) {
        Div bar = new Div();
        bar.addClassName("cc-parking-bar");
        bar.getElement().setAttribute("aria-hidden", "true");
        Div filled = new Div();
        filled.addClassName("cc-parking-bar-free");
        filled.getStyle().set("width", (offered == 0 ? 0 : Math.round(100.0 * free / offered)) + "%");
        bar.add(filled);
        return bar;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("parking.title") + " · " + getTranslation("shell.brand");
    }
}
