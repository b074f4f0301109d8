package org.citycard.portal.admin;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.citycard.catalog.AdminFilter;
import org.citycard.catalog.AdminServiceRow;
import org.citycard.catalog.CatalogAdministration;
import org.citycard.catalog.ServiceStatus;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** The catalog as administrators see it: a lazy grid with filters by text, category and status. */
@Route(value = "admin", layout = AdminLayout.class)
@RolesAllowed({"CATALOG_EDITOR", "CATALOG_PUBLISHER", "CARD_OPERATOR", "FINANCE", "BILLING", "PARKING_ADMIN",
        "PARKING_OPERATOR", "HEALTH_ADMIN", "CLINIC_STAFF", "ADMIN"})
public class AdminCatalogView extends Div implements HasDynamicTitle, com.vaadin.flow.router.BeforeEnterObserver {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final CatalogAdministration administration;
    private final Grid<AdminServiceRow> grid = new Grid<>();
    private final TextField text = new TextField();
    private final Select<String> category = new Select<>();
    private final Select<String> status = new Select<>();

    private final com.vaadin.flow.spring.security.AuthenticationContext auth;

    /**
     * {@code /admin} is every administrator's entry: those without a catalog role go on to the first part of the
     * console their roles open, instead of a page they may not see.
     */
    @Override
    public void beforeEnter(com.vaadin.flow.router.BeforeEnterEvent event) {
        if (!auth.hasAnyRole("CATALOG_EDITOR", "CATALOG_PUBLISHER", "ADMIN")) {
            event.forwardTo(auth.hasRole("CARD_OPERATOR") ? AdminCitizensView.class
                    : auth.hasRole("FINANCE") ? AdminAdjustmentsView.class
                    : auth.hasAnyRole("PARKING_ADMIN", "PARKING_OPERATOR") ? AdminParkingView.class
                    : auth.hasAnyRole("HEALTH_ADMIN", "CLINIC_STAFF") ? AdminVaccinationView.class : AdminBillsView.class);
        }
    }

    public AdminCatalogView(CatalogAdministration administration, com.vaadin.flow.spring.security.AuthenticationContext auth) {
        this.auth = auth;
        this.administration = administration;
        text.setLabel(getTranslation("admin.catalog.filter.search"));
        text.setPlaceholder(getTranslation("admin.catalog.filter.text"));
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setId("admin-filter-text");
        text.addValueChangeListener(e -> refresh());

        List<String> categories = new ArrayList<>(List.of(""));
        administration.allCategories().forEach(c -> categories.add(c.code()));
        category.setItems(categories);
        category.setLabel(getTranslation("admin.catalog.filter.category"));
        category.setItemLabelGenerator(code -> code.isEmpty() ? getTranslation("search.filter.any")
                : administration.allCategories().stream().filter(c -> c.code().equals(code)).findFirst()
                .map(c -> c.name().in(getLocale())).orElse(code));
        category.setValue("");
        category.addValueChangeListener(e -> refresh());

        List<String> statuses = new ArrayList<>(List.of(""));
        for (ServiceStatus s : ServiceStatus.values()) {
            statuses.add(s.name());
        }
        status.setItems(statuses);
        status.setLabel(getTranslation("admin.catalog.filter.status"));
        status.setItemLabelGenerator(s -> s.isEmpty() ? getTranslation("search.filter.any") : getTranslation("status." + s));
        status.setValue("");
        status.addValueChangeListener(e -> refresh());

        Button create = new Button(getTranslation("admin.catalog.new"),
                e -> getUI().ifPresent(ui -> ui.navigate("admin/service/new")));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-service");

        Div toolbar = new Div(text, category, status, create);
        toolbar.addClassName("cc-admin-toolbar");

        grid.addColumn(r -> r.code().value()).setHeader(getTranslation("admin.catalog.code")).setAutoWidth(true);
        grid.addColumn(r -> r.name().in(getLocale())).setHeader(getTranslation("admin.catalog.name")).setFlexGrow(2);
        var categoryNames = new java.util.HashMap<String, String>();
        administration.allCategories().forEach(c -> categoryNames.put(c.code(), c.name().in(getLocale())));
        grid.addColumn(r -> categoryNames.getOrDefault(r.categoryCode(), r.categoryCode()))
                .setHeader(getTranslation("admin.catalog.category")).setAutoWidth(true);
        grid.addComponentColumn(r -> statusBadge(this, r.status())).setHeader(getTranslation("admin.catalog.status"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.liveVersion() == null ? "–" : "v" + r.liveVersion())
                .setHeader(getTranslation("admin.catalog.version"));
        grid.addColumn(r -> WHEN.format(r.updatedAt())).setHeader(getTranslation("admin.catalog.updated")).setAutoWidth(true);
        grid.setId("admin-catalog-grid");
        // long names and large text (长辈版) wrap instead of being cut off
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("admin/service/" + e.getItem().code().value())));
        grid.setAllRowsVisible(false);
        grid.setHeight("70vh");
        refresh();
        add(new H1(getTranslation("admin.catalog.title")), toolbar, grid);
    }

    static Span statusBadge(com.vaadin.flow.component.Component owner, ServiceStatus status) {
        Span badge = new Span(owner.getTranslation("status." + status.name()));
        badge.addClassNames("cc-status", "cc-status-" + status.name().toLowerCase(java.util.Locale.ROOT));
        return badge;
    }

    private void refresh() {
        AdminFilter filter = new AdminFilter(text.getValue(), category.getValue() == null || category.getValue().isEmpty()
                ? null : category.getValue(),
                status.getValue() == null || status.getValue().isEmpty() ? null : ServiceStatus.valueOf(status.getValue()));
        grid.setItems(query -> administration.find(filter, query.getOffset(), query.getLimit()).stream(),
                query -> administration.count(filter));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.catalog.title") + " · " + getTranslation("shell.brand");
    }
}
