package org.citycard.portal.admin;

import java.util.ArrayList;
import java.util.List;

import org.citycard.catalog.Bundle;
import org.citycard.catalog.CatalogAdministration;
import org.citycard.catalog.LocalizedText;
import org.citycard.catalog.Outcome;
import org.citycard.catalog.ServiceCode;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/** "一件事" bundles: name, description and the services in order (one code a line). Publishers and admins. */
@Route(value = "admin/bundles", layout = AdminLayout.class)
@RolesAllowed({"CATALOG_PUBLISHER", "ADMIN"})
public class BundlesView extends Div implements HasDynamicTitle {

    private final CatalogAdministration administration;
    private final AuthenticationContext auth;
    private final Grid<Bundle> grid = new Grid<>();
    private final TextField code = new TextField();
    private final TextField zh = new TextField();
    private final TextField en = new TextField();
    private final TextArea descriptionZh = new TextArea();
    private final TextArea descriptionEn = new TextArea();
    private final TextField icon = new TextField();
    private final IntegerField sort = new IntegerField();
    private final TextArea services = new TextArea();
    private final Div problems = new Div();

    public BundlesView(CatalogAdministration administration, AuthenticationContext auth) {
        this.administration = administration;
        this.auth = auth;
        grid.addColumn(Bundle::code).setHeader(getTranslation("admin.category.code"));
        grid.addColumn(b -> b.name().in(getLocale())).setHeader(getTranslation("admin.bundle.name"));
        grid.addColumn(b -> b.services().size()).setHeader(getTranslation("admin.bundle.count"));
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));
        code.setLabel(getTranslation("admin.category.code"));
        zh.setLabel(getTranslation("admin.bundle.zh"));
        zh.setMaxLength(Bundle.NAME_MAX_LENGTH);
        en.setMaxLength(Bundle.NAME_MAX_LENGTH);
        descriptionZh.setMaxLength(Bundle.DESCRIPTION_MAX_LENGTH);
        descriptionEn.setMaxLength(Bundle.DESCRIPTION_MAX_LENGTH);
        en.setLabel(getTranslation("admin.bundle.en"));
        descriptionZh.setLabel(getTranslation("admin.bundle.description.zh"));
        descriptionEn.setLabel(getTranslation("admin.bundle.description.en"));
        icon.setLabel(getTranslation("admin.category.icon"));
        sort.setLabel(getTranslation("admin.field.sort"));
        services.setLabel(getTranslation("admin.bundle.services"));
        services.setHelperText(getTranslation("admin.field.lines.help"));
        Button save = new Button(getTranslation("admin.action.save"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button delete = new Button(getTranslation("admin.action.delete"), e -> delete());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        Button clear = new Button(getTranslation("admin.action.new"), e -> edit(null));
        Div buttons = new Div(save, delete, clear);
        buttons.addClassName("cc-admin-toolbar");
        add(new H1(getTranslation("admin.nav.bundles")), grid,
                new FormLayout(code, zh, en, descriptionZh, descriptionEn, icon, sort, services), problems, buttons);
        refresh();
        edit(null);
    }

    private void edit(Bundle b) {
        problems.removeAll();
        code.setValue(b == null ? "" : b.code());
        code.setReadOnly(b != null);
        zh.setValue(b == null ? "" : b.name().zh());
        en.setValue(b == null ? "" : b.name().en());
        descriptionZh.setValue(b == null ? "" : b.description().zh());
        descriptionEn.setValue(b == null ? "" : b.description().en());
        icon.setValue(b == null ? "FAMILY" : b.icon());
        sort.setValue(b == null ? 100 : b.sortOrder());
        services.setValue(b == null ? "" : String.join("\n", b.services().stream().map(ServiceCode::value).toList()));
    }

    private void save() {
        problems.removeAll();
        List<ServiceCode> codes = new ArrayList<>();
        for (String line : services.getValue().lines().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            var parsed = ServiceCode.parse(line);
            if (parsed.isEmpty()) {
                services.setErrorMessage(getTranslation("catalog.problem.code") + ": " + line);
                services.setInvalid(true);
                return;
            }
            codes.add(parsed.get());
        }
        services.setInvalid(false);
        Bundle b = new Bundle(code.getValue().strip(), LocalizedText.of(zh.getValue().strip(), en.getValue().strip()),
                LocalizedText.of(descriptionZh.getValue().strip(), descriptionEn.getValue().strip()),
                icon.getValue().strip(), sort.getValue() == null ? 0 : sort.getValue(), codes);
        Outcome outcome = administration.saveBundle(b, CurrentAdmin.of(auth));
        if (outcome instanceof Outcome.Rejected r) {
            Feedback.rejected(this, r);
            problems.add(Feedback.problems(this, r.problems()));
            return;
        }
        Feedback.success(this, "admin.done.saved");
        refresh();
    }

    private void delete() {
        if (code.getValue().isBlank()) {
            return;
        }
        Outcome outcome = administration.deleteBundle(code.getValue(), CurrentAdmin.of(auth));
        if (outcome instanceof Outcome.Rejected r) {
            Feedback.rejected(this, r);
            return;
        }
        Feedback.success(this, "admin.done.deleted");
        refresh();
        edit(null);
    }

    private void refresh() {
        grid.setItems(administration.allBundles());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.nav.bundles") + " · " + getTranslation("shell.brand");
    }
}
