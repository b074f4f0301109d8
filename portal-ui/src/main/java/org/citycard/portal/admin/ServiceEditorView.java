package org.citycard.portal.admin;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.citycard.catalog.Actor;
import org.citycard.catalog.CatalogAdministration;
import org.citycard.catalog.FieldChange;
import org.citycard.catalog.FieldProblem;
import org.citycard.catalog.Outcome;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;
import org.citycard.catalog.ServiceRecord;
import org.citycard.catalog.ServiceStatus;
import org.citycard.catalog.VersionInfo;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import org.citycard.portal.shell.ToggleGroup;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * Edits one service and moves it through its lifecycle: save draft, submit, approve and publish (four
 * eyes), reject, discard, archive, restore; the history tab shows every version, a diff and roll-back.
 * {@code admin/service/new} creates one.
 */
@Route(value = "admin/service/:code", layout = AdminLayout.class)
@RolesAllowed({"CATALOG_EDITOR", "CATALOG_PUBLISHER", "ADMIN"})
public class ServiceEditorView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private final CatalogAdministration administration;
    private final AuthenticationContext auth;
    private final Div problems = new Div();
    private ServiceForm form;
    private ServiceRecord record;
    private String title = "";

    public ServiceEditorView(CatalogAdministration administration, AuthenticationContext auth) {
        this.administration = administration;
        this.auth = auth;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String code = event.getRouteParameters().get("code").orElse("new");
        if ("new".equals(code)) {
            record = null;
            render();
            return;
        }
        Optional<ServiceRecord> loaded = ServiceCode.parse(code).flatMap(administration::load);
        if (loaded.isEmpty()) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
            return;
        }
        record = loaded.get();
        render();
    }

    private void reload() {
        record = administration.load(record.code()).orElseThrow();
        render();
    }

    private void render() {
        removeAll();
        problems.removeAll();
        Actor actor = CurrentAdmin.of(auth);
        form = new ServiceForm(administration.allCategories());
        form.read(record == null ? null : record.working(), record == null);
        boolean editable = actor.canEdit() && (record == null || record.status() != ServiceStatus.ARCHIVED);
        form.setEnabled(editable);

        title = record == null ? getTranslation("admin.editor.new")
                : record.working().name().in(getLocale()) + " · " + record.code().value();
        Div status = new Div();
        status.addClassName("cc-admin-toolbar");
        if (record != null) {
            status.add(AdminCatalogView.statusBadge(this, record.status()));
            status.add(new Span(record.liveVersion() == null ? getTranslation("admin.editor.never-published")
                    : getTranslation("admin.editor.live", record.liveVersion())));
            if (!record.draftEditors().isEmpty()) {
                status.add(new Span(getTranslation("admin.editor.editors", String.join(", ", record.draftEditors()))));
            }
        }
        Div actions = actions(actor, editable);
        // the form and its history, one shown at a time (toggle buttons: vaadin-tabs fails axe-core)
        ToggleGroup sections = new ToggleGroup(getTranslation("admin.editor.sections"));
        add(new H1(title), status, actions, problems);
        if (record != null) {
            Component past = history(actor);
            past.setVisible(false);
            sections.add(getTranslation("admin.editor.tab.edit"), "editor-section-edit", () -> {
                form.setVisible(true);
                past.setVisible(false);
            });
            sections.add(getTranslation("admin.editor.tab.history"), "editor-section-history", () -> {
                form.setVisible(false);
                past.setVisible(true);
            });
            add(sections, form, past);
        } else {
            add(form);
        }
    }

    private Div actions(Actor actor, boolean editable) {
        Div bar = new Div();
        bar.addClassName("cc-admin-toolbar");
        if (editable) {
            Button save = button("admin.action.save", "action-save", ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(e -> save(actor));
            bar.add(save);
        }
        if (record == null) {
            return bar;
        }
        ServiceStatus s = record.status();
        ServiceCode code = record.code();
        // Every action names the revision this page shows: if someone changed the service since, it is refused.
        int revision = record.revision();
        if (actor.canEdit() && (s == ServiceStatus.DRAFT || s == ServiceStatus.CHANGED)) {
            bar.add(act("admin.action.submit", "action-submit", () -> administration.submit(code, revision, actor), "admin.done.submitted"));
        }
        if (actor.canPublish() && s == ServiceStatus.IN_REVIEW) {
            Button approve = act("admin.action.approve", "action-approve",
                    () -> administration.approveAndPublish(code, revision, actor), "admin.done.published");
            approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
            bar.add(approve);
            Button reject = button("admin.action.reject", "action-reject");
            reject.addClickListener(e -> Feedback.askReason(this, "admin.action.reject",
                    reason -> apply(administration.reject(code, revision, reason, actor), "admin.done.rejected")));
            bar.add(reject);
        }
        if (actor.canEdit() && record.hasDraft() && record.liveVersion() != null) {
            bar.add(act("admin.action.discard", "action-discard", () -> administration.discardDraft(code, revision, actor), "admin.done.discarded"));
        }
        if (actor.canPublish() && s != ServiceStatus.ARCHIVED && record.liveVersion() != null) {
            Button archive = button("admin.action.archive", "action-archive", ButtonVariant.LUMO_ERROR);
            archive.addClickListener(e -> Feedback.askReason(this, "admin.action.archive",
                    reason -> apply(administration.archive(code, revision, reason, actor), "admin.done.archived")));
            bar.add(archive);
        }
        if (actor.canPublish() && s == ServiceStatus.ARCHIVED) {
            bar.add(act("admin.action.restore", "action-restore", () -> administration.restore(code, revision, actor), "admin.done.restored"));
        }
        return bar;
    }

    private void save(Actor actor) {
        problems.removeAll();
        ServiceDefinition definition = form.write();
        if (definition == null) {
            return;
        }
        Outcome outcome = record == null ? administration.create(definition, actor)
                : administration.saveDraft(definition, record.revision(), actor);
        if (outcome instanceof Outcome.Rejected r) {
            showProblems(r);
            return;
        }
        Feedback.success(this, "admin.done.saved");
        if (record == null) {
            getUI().ifPresent(ui -> ui.navigate("admin/service/" + definition.code().value()));
        } else {
            reload();
        }
    }

    private void showProblems(Outcome.Rejected r) {
        Feedback.rejected(this, r);
        List<FieldProblem> unplaced = form.show(r.problems());
        if (!unplaced.isEmpty()) {
            problems.add(Feedback.problems(this, unplaced));
        }
    }

    private Button act(String key, String id, Supplier<Outcome> action, String doneKey) {
        Button button = button(key, id);
        button.addClickListener(e -> apply(action.get(), doneKey));
        return button;
    }

    private void apply(Outcome outcome, String doneKey) {
        if (outcome instanceof Outcome.Rejected r) {
            reload();
            showProblems(r);
            return;
        }
        Feedback.success(this, doneKey);
        reload();
    }

    private Button button(String key, String id, ButtonVariant... variants) {
        Button button = new Button(getTranslation(key));
        button.setId(id);
        button.addThemeVariants(variants);
        return button;
    }

    private Component history(Actor actor) {
        Div history = new Div();
        if (record.hasDraft() && record.liveVersion() != null) {
            history.add(new H3(getTranslation("admin.history.pending")));
            history.add(diffTable(administration.diff(
                    administration.version(record.code(), record.liveVersion()).orElse(null), record.working())));
        }
        Grid<VersionInfo> versions = new Grid<>();
        versions.setId("versions-grid");
        versions.addColumn(v -> "v" + v.version() + (v.live() ? " ★" : "")).setHeader(getTranslation("admin.history.version"));
        versions.addColumn(v -> AdminCatalogView.WHEN.format(v.publishedAt())).setHeader(getTranslation("admin.history.when"));
        versions.addColumn(VersionInfo::publishedBy).setHeader(getTranslation("admin.history.publisher"));
        versions.addColumn(v -> String.join(", ", v.editedBy())).setHeader(getTranslation("admin.history.editors"));
        versions.setItems(administration.versions(record.code()));
        versions.setAllRowsVisible(true);
        versions.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        Div detail = new Div();
        versions.asSingleSelect().addValueChangeListener(e -> {
            detail.removeAll();
            VersionInfo v = e.getValue();
            if (v == null) {
                return;
            }
            ServiceDefinition previous = v.version() == 1 ? null
                    : administration.version(record.code(), v.version() - 1).orElse(null);
            detail.add(new H3(getTranslation("admin.history.diff", v.version())),
                    diffTable(administration.diff(previous, administration.version(record.code(), v.version()).orElse(null))));
            if (actor.canPublish() && !v.live() && record.status() != ServiceStatus.ARCHIVED) {
                Button rollBack = button("admin.action.rollback", "action-rollback", ButtonVariant.LUMO_ERROR);
                rollBack.addClickListener(c -> Feedback.askReason(this, "admin.action.rollback",
                        reason -> apply(administration.rollBack(record.code(), record.revision(), v.version(), reason, actor), "admin.done.rolled-back")));
                detail.add(rollBack);
            }
        });
        history.add(new H3(getTranslation("admin.history.versions")), versions, detail);
        return history;
    }

    Component diffTable(List<FieldChange> changes) {
        if (changes.isEmpty()) {
            return new Paragraph(getTranslation("admin.history.no-changes"));
        }
        NativeTable table = new NativeTable();
        table.addClassName("cc-diff");
        NativeTableRow head = new NativeTableRow(new NativeTableHeaderCell(getTranslation("admin.diff.field")),
                new NativeTableHeaderCell(getTranslation("admin.diff.before")),
                new NativeTableHeaderCell(getTranslation("admin.diff.after")));
        NativeTableBody body = new NativeTableBody();
        for (FieldChange c : changes) {
            NativeTableCell field = new NativeTableCell(c.field());
            field.addClassName("cc-diff-field");
            NativeTableCell before = new NativeTableCell(c.before() == null ? "–" : c.before());
            before.addClassName("cc-diff-before");
            NativeTableCell after = new NativeTableCell(c.after() == null ? "–" : c.after());
            after.addClassName("cc-diff-after");
            body.add(new NativeTableRow(field, before, after));
        }
        table.add(head, body);
        Div wrap = new Div(table);
        wrap.addClassName("cc-table-wrap");
        return wrap;
    }

    @Override
    public String getPageTitle() {
        return title + " · " + getTranslation("shell.brand");
    }
}
