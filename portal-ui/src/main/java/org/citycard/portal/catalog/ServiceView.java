package org.citycard.portal.catalog;

import java.util.Locale;

import org.citycard.catalog.CatalogBrowsing;
import org.citycard.catalog.Fee;
import org.citycard.catalog.LimitUnit;
import org.citycard.catalog.LocalizedText;
import org.citycard.catalog.Material;
import org.citycard.catalog.PublishedService;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;
import org.citycard.catalog.ServiceGuide;
import org.citycard.catalog.TimeLimit;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * A service's guide (办事指南) in clear sections: conditions, materials, fees, time limits, how and where to
 * apply, contacts; channel badges and the start button. Public.
 */
@Route(value = "service/:code", layout = PortalLayout.class)
@AnonymousAllowed
public class ServiceView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private final CatalogBrowsing catalog;
    private final org.citycard.card.Favourites favourites;
    private final com.vaadin.flow.spring.security.AuthenticationContext auth;
    private String title = "";

    public ServiceView(CatalogBrowsing catalog, org.citycard.card.Favourites favourites,
                       com.vaadin.flow.spring.security.AuthenticationContext auth) {
        this.catalog = catalog;
        this.favourites = favourites;
        this.auth = auth;
    }

    /** The signed-in citizen, if any (visitors and staff have none). */
    private java.util.Optional<org.citycard.card.CitizenId> citizen() {
        return auth.getPrincipalName().flatMap(org.citycard.card.CitizenId::parse);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        PublishedService service = event.getRouteParameters().get("code")
                .flatMap(ServiceCode::parse)
                .flatMap(catalog::service)
                .orElse(null);
        if (service == null) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        catalog.recordView(service.code());
        citizen().ifPresent(c -> favourites.viewed(c, service.code().value()));
        render(service);
    }

    /** 收藏: a pressed/not-pressed toggle, so the state is told in words and not by colour alone. */
    private com.vaadin.flow.component.button.Button favouriteToggle(org.citycard.card.CitizenId citizen, String code) {
        var button = new com.vaadin.flow.component.button.Button();
        button.setId("favourite-toggle");
        Runnable show = () -> {
            boolean on = favourites.favourites(citizen).contains(code);
            button.setText(getTranslation(on ? "service.favourite.on" : "service.favourite.off"));
            button.getElement().setAttribute("aria-pressed", Boolean.toString(on));
        };
        button.addClickListener(e -> {
            if (favourites.favourites(citizen).contains(code)) {
                favourites.remove(citizen, code);
            } else if (!favourites.add(citizen, code)) {
                com.vaadin.flow.component.notification.Notification.show(getTranslation("service.favourite.full"));
            }
            show.run();
        });
        show.run();
        return button;
    }

    private void render(PublishedService service) {
        removeAll();
        Locale locale = getLocale();
        ServiceDefinition d = service.definition();
        ServiceGuide g = d.guide();
        title = d.name().in(locale);

        Nav crumbs = new Nav(new Anchor("/", getTranslation("shell.nav.home")), new Span(" / "),
                new Anchor("category/" + d.categoryCode(), catalog.category(d.categoryCode())
                        .map(c -> c.name().in(locale)).orElse(d.categoryCode())));
        crumbs.addClassName("cc-breadcrumb");

        Span code = new Span(d.code().value());
        code.addClassName("cc-code");
        Div header = new Div(new H1(title), code, new Paragraph(text(d.summary())), Widgets.badges(this, d));
        header.addClassName("cc-detail-header");
        citizen().ifPresent(c -> header.add(favouriteToggle(c, d.code().value())));
        add(crumbs, header, start(d));

        OrderedList conditions = new OrderedList();
        conditions.addClassName("cc-conditions");
        g.conditions().forEach(c -> conditions.add(new ListItem(c.in(locale))));
        add(section("guide.conditions", conditions));

        if (g.zeroMaterial()) {
            Paragraph zero = new Paragraph(getTranslation("guide.materials.none"));
            zero.addClassName("cc-notice");
            add(section("guide.materials", zero));
        } else {
            add(section("guide.materials", materials(g)));
        }

        DescriptionList fees = new DescriptionList();
        fees.addClassName("cc-facts");
        if (g.free()) {
            fees.add(new DescriptionList.Term(getTranslation("guide.fees")),
                    new DescriptionList.Description(getTranslation("guide.free")));
        } else {
            for (Fee fee : g.fees()) {
                String amount = fee.amountFen() == null ? getTranslation("guide.fee.varies")
                        : getTranslation("guide.fee.yuan", org.citycard.kernel.Fen.of(fee.amountFen()).yuan());
                fees.add(new DescriptionList.Term(fee.item().in(locale)),
                        new DescriptionList.Description(amount + (fee.basis() == null ? "" : " · " + fee.basis().in(locale))));
            }
            fees.add(new DescriptionList.Term(getTranslation("guide.payment")),
                    new DescriptionList.Description(text(g.payment())));
        }
        add(section("guide.fees", fees));

        DescriptionList limits = facts(
                "guide.limit.statutory", g.statutoryLimit() == null ? getTranslation("guide.limit.none") : limit(g.statutoryLimit()),
                "guide.limit.promised", limit(g.promisedLimit()));
        add(section("guide.limits", limits));

        DescriptionList how = facts("guide.mode", getTranslation("mode." + g.handlingMode().name()),
                "guide.department", text(d.competentDepartment()),
                "guide.body", text(d.implementingBody()),
                "guide.legal", text(d.legalBasis()));
        if (g.handlingMode().inPerson()) {
            how.add(new DescriptionList.Term(getTranslation("guide.address")), new DescriptionList.Description(text(g.officeAddress())));
            how.add(new DescriptionList.Term(getTranslation("guide.hours")), new DescriptionList.Description(text(g.officeHours())));
        }
        if (g.onlineUrl() != null && !g.onlineUrl().isBlank()) {
            Anchor online = new Anchor(g.onlineUrl(), g.onlineUrl(), AnchorTarget.BLANK);
            online.getElement().setAttribute("rel", "noopener noreferrer");
            how.add(new DescriptionList.Term(getTranslation("guide.online")), new DescriptionList.Description(online));
        }
        add(section("guide.how", how));

        add(section("guide.contacts", facts("guide.contact", g.contactPhone(), "guide.complaint", g.complaintPhone())));
        Paragraph version = new Paragraph(getTranslation("guide.version", service.version()));
        version.addClassNames("cc-empty", "cc-elder-hide");
        add(version);
    }

    /** "立即办理" leading to one of the platform's own pages, with the sentence that says what happens there. */
    private void builtIn(Div start, Paragraph note, String page, String noteKey) {
        Anchor link = new Anchor(page.substring(1), getTranslation("service.start"));
        link.addClassNames("cc-start-button", "cc-start-link");
        link.setId("start-service");
        note.setText(getTranslation(noteKey));
        start.add(link, note);
    }

    private Component start(ServiceDefinition d) {
        Div start = new Div();
        start.addClassName("cc-start");
        Paragraph note = new Paragraph();
        note.addClassName("cc-start-note");
        switch (d.handler().type()) {
            case EXTERNAL_LINK -> {
                Anchor link = new Anchor(d.handler().url(), getTranslation("service.start.external"), AnchorTarget.BLANK);
                link.getElement().setAttribute("rel", "noopener noreferrer");
                link.addClassNames("cc-start-button", "cc-start-link");
                link.setId("start-service");
                note.setText(getTranslation("service.start.external.note"));
                start.add(link, note);
            }
            // the built-in services' own pages: signing in comes first where they need it
            case CITIZEN_CARD -> builtIn(start, note, d.handler().cardPage(), "service.start.card.note");
            case BILL_PAYMENT -> builtIn(start, note, "/me/bills", "service.start.bills.note");
            // finding parking is for anyone; plates and sessions ask to sign in on their own pages
            case PARKING -> builtIn(start, note, "/parking", "service.start.parking.note");
            // slots are for anyone to see; booking and certificates ask to sign in
            case VACCINATION_BOOKING -> builtIn(start, note, d.handler().page(), "service.start.vaccination.note");
            case EHEALTH_CARD -> builtIn(start, note, "/me/health", "service.start.health.note");
            case INFO_ONLY -> {
                note.setText(getTranslation("service.start.info-only"));
                note.addClassName("cc-notice");
                start.add(note);
            }
            default -> {
                // Built-in capabilities (bill payment, parking, ...) arrive with their own issues.
                Button button = new Button(getTranslation("service.start"));
                button.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
                button.addClassName("cc-start-button");
                button.setId("start-service");
                button.setEnabled(false);
                note.setText(getTranslation("service.start.coming", getTranslation("handler." + d.handler().type().name())));
                start.add(button, note);
            }
        }
        return start;
    }

    private Component materials(ServiceGuide g) {
        Locale locale = getLocale();
        NativeTable table = new NativeTable();
        table.addClassName("cc-materials");
        NativeTableHeader head = new NativeTableHeader();
        NativeTableRow headRow = new NativeTableRow();
        for (String key : new String[] {"guide.material.name", "guide.material.form", "guide.material.copies",
                "guide.material.required", "guide.material.notes"}) {
            NativeTableHeaderCell cell = new NativeTableHeaderCell(getTranslation(key));
            cell.getElement().setAttribute("scope", "col");
            headRow.add(cell);
        }
        head.add(headRow);
        NativeTableBody body = new NativeTableBody();
        for (Material m : g.materials()) {
            NativeTableRow row = new NativeTableRow();
            row.add(new NativeTableCell(m.name().in(locale)),
                    new NativeTableCell(getTranslation("form." + m.form().name())),
                    new NativeTableCell(String.valueOf(m.copies())),
                    new NativeTableCell(getTranslation(m.required() ? "guide.material.yes" : "guide.material.no")),
                    new NativeTableCell(m.notes() == null ? "" : m.notes().in(locale)));
            body.add(row);
        }
        table.add(head, body);
        Div wrap = new Div(table);
        wrap.addClassName("cc-table-wrap");
        return wrap;
    }

    private DescriptionList facts(String... keysAndValues) {
        DescriptionList list = new DescriptionList();
        list.addClassName("cc-facts");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            list.add(new DescriptionList.Term(getTranslation(keysAndValues[i])),
                    new DescriptionList.Description(keysAndValues[i + 1] == null ? "" : keysAndValues[i + 1]));
        }
        return list;
    }

    private Section section(String key, Component content) {
        Section section = new Section(new H2(getTranslation(key)), content);
        section.addClassName("cc-guide-section");
        return section;
    }

    private String limit(TimeLimit limit) {
        if (limit.unit() == LimitUnit.IMMEDIATE) {
            return getTranslation("unit.IMMEDIATE");
        }
        return getTranslation("unit." + limit.unit().name(), limit.value());
    }

    private String text(LocalizedText t) {
        return t == null ? "" : t.in(getLocale());
    }

    @Override
    public String getPageTitle() {
        return title + " · " + getTranslation("shell.brand");
    }
}
