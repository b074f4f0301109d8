package org.citycard.portal.admin;

import org.citycard.catalog.AuditEntry;
import org.citycard.catalog.CatalogAdministration;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** The audit trail: who changed what, when, and each field before and after (click a row). */
@Route(value = "admin/audit", layout = AdminLayout.class)
@RolesAllowed({"CATALOG_EDITOR", "CATALOG_PUBLISHER", "ADMIN"})
public class AuditView extends Div implements HasDynamicTitle {

    public AuditView(CatalogAdministration administration) {
        Grid<AuditEntry> grid = new Grid<>();
        grid.addColumn(e -> AdminCatalogView.WHEN.format(e.at())).setHeader(getTranslation("admin.audit.when")).setAutoWidth(true);
        grid.addColumn(AuditEntry::actor).setHeader(getTranslation("admin.audit.actor"));
        grid.addColumn(e -> getTranslation("audit.action." + e.action())).setHeader(getTranslation("admin.audit.action"));
        grid.addColumn(e -> getTranslation("audit.target." + e.targetType()) + " " + e.targetId())
                .setHeader(getTranslation("admin.audit.target")).setAutoWidth(true);
        grid.addColumn(e -> e.reason() == null ? "" : e.reason()).setHeader(getTranslation("admin.reason"));
        grid.addColumn(e -> e.changes().size()).setHeader(getTranslation("admin.audit.changes"));
        grid.setItemDetailsRenderer(new ComponentRenderer<>(entry -> {
            UnorderedList list = new UnorderedList();
            entry.changes().stream().limit(100).forEach(c -> list.add(new ListItem(c.field() + ": "
                    + (c.before() == null ? "–" : c.before()) + " → " + (c.after() == null ? "–" : c.after()))));
            return list;
        }));
        grid.setHeight("70vh");
        grid.setId("audit-grid");
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        TextField target = new TextField();
        target.setLabel(getTranslation("admin.audit.filter"));
        target.setValueChangeMode(ValueChangeMode.LAZY);
        Runnable refresh = () -> {
            String id = target.getValue() == null || target.getValue().isBlank() ? null : target.getValue().strip();
            grid.setItems(q -> administration.audit(id, q.getOffset(), q.getLimit()).stream(), q -> administration.auditCount(id));
        };
        target.addValueChangeListener(e -> refresh.run());
        refresh.run();
        add(new H1(getTranslation("admin.nav.audit")), target, grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.nav.audit") + " · " + getTranslation("shell.brand");
    }
}
