package org.citycard.catalog.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.citycard.catalog.Actor;
import org.citycard.catalog.AdminFilter;
import org.citycard.catalog.AdminServiceRow;
import org.citycard.catalog.AuditEntry;
import org.citycard.catalog.Bundle;
import org.citycard.catalog.CatalogAdministration;
import org.citycard.catalog.Category;
import org.citycard.catalog.CatalogRole;
import org.citycard.catalog.FieldChange;
import org.citycard.catalog.FieldProblem;
import org.citycard.catalog.ImportReport;
import org.citycard.catalog.Outcome;
import org.citycard.catalog.Rejection;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;
import org.citycard.catalog.ServiceRecord;
import org.citycard.catalog.ServiceRules;
import org.citycard.catalog.VersionInfo;
import org.citycard.kernel.FreeText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/** The catalog's administrative use cases: each one loads, decides through the rules, saves guarded, audits. */
@Service
@Transactional
class CatalogAdministrationService implements CatalogAdministration {

    private final ServiceStore services;
    private final StructureStore structure;
    private final AuditLog audit;
    private final CatalogTransfer transfer;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CatalogAdministrationService(ServiceStore services, StructureStore structure, AuditLog audit,
                                 ApplicationEventPublisher events, Clock clock) {
        this.services = services;
        this.structure = structure;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.transfer = new CatalogTransfer(services, structure);
    }

    @Override
    @Transactional(readOnly = true)
    public List<AdminServiceRow> find(AdminFilter filter, int offset, int limit) {
        return services.find(filter, Math.max(0, offset), Math.clamp(limit, 1, 500));
    }

    @Override
    @Transactional(readOnly = true)
    public int count(AdminFilter filter) {
        return services.count(filter);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ServiceRecord> load(ServiceCode code) {
        return services.find(code).map(s -> new ServiceRecord(s.code(), s.rowVersion(), s.status(), s.working(), s.liveVersion(),
                s.draft() != null, s.draftEditors(), services.updatedAt(code).orElse(null)));
    }

    @Override
    @Transactional(readOnly = true)
    public List<FieldProblem> check(ServiceDefinition definition, boolean forPublication) {
        List<FieldProblem> problems = new ArrayList<>(forPublication
                ? ServiceRules.completeness(definition) : ServiceRules.structural(definition));
        if (definition.categoryCode() != null && !definition.categoryCode().isBlank()
                && structure.category(definition.categoryCode()).isEmpty()) {
            problems.add(new FieldProblem("categoryCode", "catalog.problem.unknown-category"));
        }
        return problems;
    }

    @Override
    public Outcome create(ServiceDefinition definition, Actor actor) {
        if (!actor.canEdit()) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        List<FieldProblem> problems = check(definition, false);
        if (!problems.isEmpty()) {
            return Outcome.rejected(Rejection.INVALID, problems);
        }
        if (services.exists(definition.code())) {
            return Outcome.rejected(Rejection.ALREADY_EXISTS, List.of(new FieldProblem("code", "catalog.problem.code-taken")));
        }
        Instant now = clock.instant();
        try {
            services.insert(ManagedService.create(definition, actor), now);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // created a moment ago by someone else
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return Outcome.rejected(Rejection.ALREADY_EXISTS, List.of(new FieldProblem("code", "catalog.problem.code-taken")));
        }
        audit.record(now, actor.username(), "CREATE", "SERVICE", definition.code().value(), null,
                AuditLog.diff(null, definition));
        return Outcome.DONE;
    }

    // The revision-less variants are declared here too, so that the class's @Transactional covers them.
    @Override
    public Outcome saveDraft(ServiceDefinition definition, Actor actor) {
        return saveDraft(definition, ANY_REVISION, actor);
    }

    @Override
    public Outcome submit(ServiceCode code, Actor actor) {
        return submit(code, ANY_REVISION, actor);
    }

    @Override
    public Outcome approveAndPublish(ServiceCode code, Actor actor) {
        return approveAndPublish(code, ANY_REVISION, actor);
    }

    @Override
    public Outcome saveDraft(ServiceDefinition definition, int revision, Actor actor) {
        List<FieldProblem> problems = check(definition, false);
        if (!problems.isEmpty()) {
            return Outcome.rejected(Rejection.INVALID, problems);
        }
        return change(definition.code(), revision, actor, "EDIT", null, s -> {
            ServiceDefinition before = s.working();
            Outcome outcome = s.edit(definition, actor);
            return new Decision(outcome, AuditLog.diff(before, definition), false);
        });
    }

    @Override
    public Outcome submit(ServiceCode code, int revision, Actor actor) {
        return change(code, revision, actor, "SUBMIT", null, s -> new Decision(s.submit(actor), List.of(), false));
    }

    @Override
    public Outcome approveAndPublish(ServiceCode code, int revision, Actor actor) {
        return change(code, revision, actor, "PUBLISH", null, s -> {
            ServiceDefinition before = s.live();
            var editors = s.draftEditors();
            Outcome outcome = s.approve(actor);
            return new Decision(outcome, AuditLog.diff(before, s.live()), true,
                    () -> services.insertVersion(code, s.liveVersion(), s.live(), editors, actor.username(),
                            clock.instant()));
        });
    }

    /** Demo data only: publishes a freshly imported draft without review. */
    Outcome publishDirectly(ServiceCode code) {
        return change(code, ANY_REVISION, Actor.SYSTEM, "PUBLISH", "演示数据 · demo data", s -> {
            Outcome outcome = s.publishDirectly(Actor.SYSTEM);
            return new Decision(outcome, List.of(), true,
                    () -> services.insertVersion(code, s.liveVersion(), s.live(), Set.of(Actor.SYSTEM.username()),
                            Actor.SYSTEM.username(), clock.instant()));
        });
    }

    @Override
    public Outcome reject(ServiceCode code, int revision, String reason, Actor actor) {
        return change(code, revision, actor, "REJECT", reason, s -> new Decision(s.reject(actor), List.of(), false));
    }

    @Override
    public Outcome discardDraft(ServiceCode code, int revision, Actor actor) {
        return change(code, revision, actor, "DISCARD", null, s -> {
            ServiceDefinition before = s.working();
            Outcome outcome = s.discardDraft(actor);
            return new Decision(outcome, AuditLog.diff(before, s.working()), false);
        });
    }

    @Override
    public Outcome archive(ServiceCode code, int revision, String reason, Actor actor) {
        return change(code, revision, actor, "ARCHIVE", reason, s -> new Decision(s.archive(actor), List.of(), true));
    }

    @Override
    public Outcome restore(ServiceCode code, int revision, Actor actor) {
        return change(code, revision, actor, "RESTORE", null, s -> new Decision(s.restore(actor), List.of(), true));
    }

    @Override
    public Outcome rollBack(ServiceCode code, int revision, int version, String reason, Actor actor) {
        Optional<ServiceDefinition> earlier = services.version(code, version);
        return change(code, revision, actor, "ROLLBACK", reason, s -> {
            ServiceDefinition before = s.live();
            Outcome outcome = s.rollBack(version, earlier.orElse(null), actor);
            return new Decision(outcome, AuditLog.diff(before, s.live()), true,
                    () -> services.insertVersion(code, s.liveVersion(), s.live(), Set.of(actor.username()),
                            actor.username(), clock.instant()));
        });
    }

    @Override
    @Transactional(readOnly = true)
    public List<VersionInfo> versions(ServiceCode code) {
        return services.versions(code);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ServiceDefinition> version(ServiceCode code, int version) {
        return services.version(code, version);
    }

    @Override
    public List<FieldChange> diff(ServiceDefinition before, ServiceDefinition after) {
        return AuditLog.diff(before, after);
    }

    @Override
    public Outcome saveCategory(Category category, Actor actor) {
        if (!actor.canPublish()) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        List<FieldProblem> problems = new ArrayList<>(CatalogTransfer.checkCategory(category));
        problems.addAll(org.citycard.catalog.ServiceRules.unreadable(category));
        if (!problems.isEmpty()) {
            return Outcome.rejected(Rejection.INVALID, problems);
        }
        Category before = structure.category(category.code()).orElse(null);
        structure.saveCategory(category);
        audit.record(clock.instant(), actor.username(), before == null ? "CREATE" : "EDIT", "CATEGORY",
                category.code(), null, AuditLog.diff(before, category));
        events.publishEvent(CatalogChanged.structural());
        return Outcome.DONE;
    }

    @Override
    public Outcome deleteCategory(String code, Actor actor) {
        if (!actor.canPublish()) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        Optional<Category> before = structure.category(code);
        if (before.isEmpty()) {
            return Outcome.rejected(Rejection.NOT_FOUND);
        }
        if (services.categoryInUse(code)) {
            return Outcome.rejected(Rejection.IN_USE);
        }
        structure.deleteCategory(code);
        audit.record(clock.instant(), actor.username(), "DELETE", "CATEGORY", code, null,
                AuditLog.diff(before.get(), null));
        events.publishEvent(CatalogChanged.structural());
        return Outcome.DONE;
    }

    @Override
    public Outcome saveBundle(Bundle bundle, Actor actor) {
        if (!actor.canPublish()) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        List<FieldProblem> problems = new ArrayList<>(transfer.checkBundle(bundle, Set.of()));
        problems.addAll(org.citycard.catalog.ServiceRules.unreadable(bundle));
        if (!problems.isEmpty()) {
            return Outcome.rejected(Rejection.INVALID, problems);
        }
        Bundle before = structure.bundle(bundle.code()).orElse(null);
        structure.saveBundle(bundle);
        audit.record(clock.instant(), actor.username(), before == null ? "CREATE" : "EDIT", "BUNDLE",
                bundle.code(), null, AuditLog.diff(before, bundle));
        events.publishEvent(CatalogChanged.structural());
        return Outcome.DONE;
    }

    @Override
    public Outcome deleteBundle(String code, Actor actor) {
        if (!actor.canPublish()) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        Optional<Bundle> before = structure.bundle(code);
        if (before.isEmpty()) {
            return Outcome.rejected(Rejection.NOT_FOUND);
        }
        structure.deleteBundle(code);
        audit.record(clock.instant(), actor.username(), "DELETE", "BUNDLE", code, null,
                AuditLog.diff(before.get(), null));
        events.publishEvent(CatalogChanged.structural());
        return Outcome.DONE;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Category> allCategories() {
        return structure.categories();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Bundle> allBundles() {
        return structure.bundles();
    }

    @Override
    public ImportReport importCatalog(byte[] json, Actor actor) {
        if (!actor.canPublish()) {
            return new ImportReport(false, 0, 0, 0,
                    List.of(new ImportReport.Problem("file", "", Rejection.NOT_PERMITTED.messageKey(), null)));
        }
        CatalogTransfer.Parsed parsed = transfer.parse(json);
        if (!parsed.problems().isEmpty()) {
            return new ImportReport(false, 0, 0, 0, parsed.problems());
        }
        Instant now = clock.instant();
        for (Category c : parsed.document().categories()) {
            Category before = structure.category(c.code()).orElse(null);
            structure.saveCategory(c);
            audit.record(now, actor.username(), "IMPORT", "CATEGORY", c.code(), null, AuditLog.diff(before, c));
        }
        // Importing is a publisher's right; the services it brings are drafts written in the importer's name,
        // so somebody else still has to approve them.
        Set<CatalogRole> roles = java.util.EnumSet.of(CatalogRole.CATALOG_EDITOR);
        roles.addAll(actor.roles());
        Actor importer = new Actor(actor.username(), roles);
        List<ImportReport.Problem> problems = new ArrayList<>();
        int index = 0;
        for (ServiceDefinition s : parsed.document().services()) {
            Optional<ManagedService> existing = services.find(s.code());
            if (existing.isPresent() && s.equals(existing.get().working())) {
                index++;
                continue; // unchanged (e.g. a file exported from here): nothing to review
            }
            Outcome outcome = existing.isPresent() ? saveDraft(s, importer) : create(s, importer);
            if (outcome instanceof Outcome.Rejected r) {
                String entry = "services[" + index + "] " + s.code();
                problems.add(new ImportReport.Problem(entry, "", r.reason().messageKey(), null));
                r.problems().forEach(p -> problems.add(new ImportReport.Problem(entry, p.field(), p.messageKey(), null)));
            }
            index++;
        }
        for (Bundle b : parsed.document().bundles()) {
            Bundle before = structure.bundle(b.code()).orElse(null);
            structure.saveBundle(b);
            audit.record(now, actor.username(), "IMPORT", "BUNDLE", b.code(), null, AuditLog.diff(before, b));
        }
        if (!problems.isEmpty()) {
            // Whole file or nothing: undo what the entries before the bad one wrote.
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return new ImportReport(false, 0, 0, 0, problems);
        }
        events.publishEvent(CatalogChanged.structural());
        return new ImportReport(true, parsed.document().categories().size(), parsed.document().services().size(),
                parsed.document().bundles().size(), List.of());
    }

    @Override
    @Transactional(readOnly = true)
    public byte[] exportCatalog() {
        return transfer.export();
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEntry> audit(String targetId, int offset, int limit) {
        return audit.find(targetId, Math.max(0, offset), Math.clamp(limit, 1, 500));
    }

    @Override
    @Transactional(readOnly = true)
    public int auditCount(String targetId) {
        return audit.count(targetId);
    }

    /** What a use case decided; {@code afterSave} runs only once the guarded update has won. */
    private record Decision(Outcome outcome, List<FieldChange> changes, boolean citizensSeeIt, Runnable afterSave) {
        Decision(Outcome outcome, List<FieldChange> changes, boolean citizensSeeIt) {
            this(outcome, changes, citizensSeeIt, () -> { });
        }
    }

    private Outcome change(ServiceCode code, int revision, Actor actor, String action, String reason,
                           Function<ManagedService, Decision> decide) {
        // the reason goes into the audit trail: readable text, of a length people write
        if (FreeText.lines("reason", reason, 500) instanceof FreeText.Checked.Refused refused) {
            return Outcome.rejected(Rejection.INVALID, List.of(new FieldProblem("reason",
                    refused.problem() == FreeText.Problem.TOO_LONG ? "catalog.problem.too-long" : "catalog.problem.unreadable")));
        }
        Optional<ManagedService> loaded = services.find(code);
        if (loaded.isEmpty()) {
            return Outcome.rejected(Rejection.NOT_FOUND);
        }
        ManagedService service = loaded.get();
        if (revision != ANY_REVISION && revision != service.rowVersion()) {
            return Outcome.rejected(Rejection.CONFLICT);
        }
        Decision decision = decide.apply(service);
        if (!decision.outcome().isDone()) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return decision.outcome();
        }
        Instant now = clock.instant();
        if (!services.update(service, now)) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return Outcome.rejected(Rejection.CONFLICT);
        }
        decision.afterSave().run();
        audit.record(now, actor.username(), action, "SERVICE", code.value(), reason, decision.changes());
        if (decision.citizensSeeIt()) {
            events.publishEvent(CatalogChanged.service(code));
        }
        return Outcome.DONE;
    }
}
