package org.citycard.portal.admin;

import org.citycard.catalog.CatalogAdministration;
import org.citycard.catalog.Category;
import org.citycard.catalog.LocalizedText;
import org.citycard.catalog.Outcome;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/** Categories: add, rename, re-icon, reorder, delete when empty. Publishers and admins only. */
@Route(value = "admin/categories", layout = AdminLayout.class)
@RolesAllowed({"CATALOG_PUBLISHER", "ADMIN"})
public class CategoriesView extends Div implements HasDynamicTitle {

    private final CatalogAdministration administration;
    private final AuthenticationContext auth;
    private final Grid<Category> grid = new Grid<>();
    private final TextField code = new TextField();
    private final TextField zh = new TextField();
    private final TextField en = new TextField();
    private final TextField icon = new TextField();
    private final IntegerField sort = new IntegerField();
    private final Div problems = new Div();

    public CategoriesView(CatalogAdministration administration, AuthenticationContext auth) {
        this.administration = administration;
        this.auth = auth;
        grid.addColumn(Category::code).setHeader(getTranslation("admin.category.code"));
        grid.addColumn(c -> c.name().zh()).setHeader(getTranslation("admin.category.zh"));
        grid.addColumn(c -> c.name().en()).setHeader(getTranslation("admin.category.en"));
        grid.addColumn(Category::icon).setHeader(getTranslation("admin.category.icon"));
        grid.addColumn(Category::sortOrder).setHeader(getTranslation("admin.field.sort"));
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));

        code.setLabel(getTranslation("admin.category.code"));
        code.setHelperText(getTranslation("admin.category.code.help"));
        zh.setLabel(getTranslation("admin.category.zh"));
        zh.setMaxLength(Category.NAME_MAX_LENGTH);
        en.setMaxLength(Category.NAME_MAX_LENGTH);
        en.setLabel(getTranslation("admin.category.en"));
        icon.setLabel(getTranslation("admin.category.icon"));
        icon.setHelperText(getTranslation("admin.category.icon.help"));
        sort.setLabel(getTranslation("admin.field.sort"));
        Button save = new Button(getTranslation("admin.action.save"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button delete = new Button(getTranslation("admin.action.delete"), e -> delete());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        Button clear = new Button(getTranslation("admin.action.new"), e -> edit(null));
        Div buttons = new Div(save, delete, clear);
        buttons.addClassName("cc-admin-toolbar");
        add(new H1(getTranslation("admin.nav.categories")), grid, new FormLayout(code, zh, en, icon, sort), problems, buttons);
        refresh();
        edit(null);
    }

    private void edit(Category c) {
        problems.removeAll();
        code.setValue(c == null ? "" : c.code());
        code.setReadOnly(c != null);
        zh.setValue(c == null ? "" : c.name().zh());
        en.setValue(c == null ? "" : c.name().en());
        icon.setValue(c == null ? "GRID_SMALL" : c.icon());
        sort.setValue(c == null ? 100 : c.sortOrder());
    }

    private void save() {
        problems.removeAll();
        Category c = new Category(code.getValue().strip(), LocalizedText.of(zh.getValue().strip(), en.getValue().strip()),
                icon.getValue().strip(), sort.getValue() == null ? 0 : sort.getValue());
        Outcome outcome = administration.saveCategory(c, CurrentAdmin.of(auth));
        done(outcome, "admin.done.saved");
    }

    private void delete() {
        if (code.getValue().isBlank()) {
            return;
        }
        done(administration.deleteCategory(code.getValue(), CurrentAdmin.of(auth)), "admin.done.deleted");
    }

    private void done(Outcome outcome, String key) {
        if (outcome instanceof Outcome.Rejected r) {
            Feedback.rejected(this, r);
            problems.add(Feedback.problems(this, r.problems()));
            return;
        }
        Feedback.success(this, key);
        refresh();
        edit(null);
    }

    private void refresh() {
        grid.setItems(administration.allCategories());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.nav.categories") + " · " + getTranslation("shell.brand");
    }
}
