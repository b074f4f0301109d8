package org.citycard.portal.admin;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;

import org.citycard.catalog.CatalogAdministration;
import org.citycard.catalog.ImportReport;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * Export the catalog as JSON, and import a file: all of it or nothing, with per-entry errors. Imported
 * services arrive as drafts for review. Publishers and admins only.
 */
@Route(value = "admin/transfer", layout = AdminLayout.class)
@RolesAllowed({"CATALOG_PUBLISHER", "ADMIN"})
public class TransferView extends Div implements HasDynamicTitle {

    private final Div report = new Div();

    public TransferView(CatalogAdministration administration, AuthenticationContext auth) {
        var actor = CurrentAdmin.of(auth);
        Anchor export = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] json = administration.exportCatalog();
            return new DownloadResponse(new ByteArrayInputStream(json), "citycard-catalog-" + LocalDate.now() + ".json",
                    "application/json", json.length);
        }), getTranslation("admin.transfer.export"));
        export.setId("export-catalog");
        export.getElement().setAttribute("download", true);

        UI ui = UI.getCurrent();
        Upload upload = new Upload(UploadHandler.inMemory((metadata, data) -> {
            ImportReport result = administration.importCatalog(data, actor);
            ui.access(() -> show(result));
        }));
        upload.setAcceptedFileTypes("application/json", ".json");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(20 * 1024 * 1024);
        upload.setId("import-catalog");
        report.setId("import-report");
        report.getElement().setAttribute("role", "status");

        add(new H1(getTranslation("admin.nav.transfer")),
                new H2(getTranslation("admin.transfer.export.title")), new Paragraph(getTranslation("admin.transfer.export.help")), export,
                new H2(getTranslation("admin.transfer.import.title")), new Paragraph(getTranslation("admin.transfer.import.help")), upload,
                report);
    }

    private void show(ImportReport result) {
        report.removeAll();
        if (result.applied()) {
            report.add(new Paragraph(getTranslation("admin.transfer.imported", result.categories(), result.services(), result.bundles())));
            return;
        }
        report.add(new Paragraph(getTranslation("admin.transfer.failed", result.problems().size())));
        UnorderedList list = new UnorderedList();
        list.addClassName("cc-problems");
        result.problems().stream().limit(200).forEach(p -> list.add(new ListItem(p.entry()
                + (p.field().isEmpty() ? "" : " · " + p.field()) + ": " + getTranslation(p.messageKey())
                + (p.detail() == null ? "" : " (" + p.detail() + ")"))));
        report.add(list);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.nav.transfer") + " · " + getTranslation("shell.brand");
    }
}
