package org.citycard.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What administrators do to the catalog. Every change is audited with who, when and each field before and
 * after. Editing never touches what citizens see until a second administrator approves and publishes.
 */
public interface CatalogAdministration {

    List<AdminServiceRow> find(AdminFilter filter, int offset, int limit);

    int count(AdminFilter filter);

    Optional<ServiceRecord> load(ServiceCode code);

    /** Checks an entry the way {@link #saveDraft} and {@link #submit} would, for the editor to show. */
    List<FieldProblem> check(ServiceDefinition definition, boolean forPublication);

    /** Creates a new service as a draft. */
    Outcome create(ServiceDefinition definition, Actor actor);

    /**
     * Any revision: the lifecycle methods without a {@code revision} act on the service as it is now. An
     * administrator acting on what a page showed passes {@link ServiceRecord#revision()} instead, and gets
     * {@link Rejection#CONFLICT} if someone changed the service since, so nobody approves what they never saw.
     */
    int ANY_REVISION = -1;

    /** Saves the working draft; for a published service this opens a draft beside the live version. */
    default Outcome saveDraft(ServiceDefinition definition, Actor actor) {
        return saveDraft(definition, ANY_REVISION, actor);
    }

    Outcome saveDraft(ServiceDefinition definition, int revision, Actor actor);

    default Outcome submit(ServiceCode code, Actor actor) {
        return submit(code, ANY_REVISION, actor);
    }

    Outcome submit(ServiceCode code, int revision, Actor actor);

    /** Four eyes: nobody who edited the draft may approve it. */
    default Outcome approveAndPublish(ServiceCode code, Actor actor) {
        return approveAndPublish(code, ANY_REVISION, actor);
    }

    Outcome approveAndPublish(ServiceCode code, int revision, Actor actor);

    Outcome reject(ServiceCode code, int revision, String reason, Actor actor);

    Outcome discardDraft(ServiceCode code, int revision, Actor actor);

    Outcome archive(ServiceCode code, int revision, String reason, Actor actor);

    Outcome restore(ServiceCode code, int revision, Actor actor);

    /** Publishes, as a new version, the content of an earlier one. Publishers only. */
    Outcome rollBack(ServiceCode code, int revision, int version, String reason, Actor actor);

    List<VersionInfo> versions(ServiceCode code);

    Optional<ServiceDefinition> version(ServiceCode code, int version);

    /** Field by field, what differs between two contents. */
    List<FieldChange> diff(ServiceDefinition before, ServiceDefinition after);

    Outcome saveCategory(Category category, Actor actor);

    Outcome deleteCategory(String code, Actor actor);

    Outcome saveBundle(Bundle bundle, Actor actor);

    Outcome deleteBundle(String code, Actor actor);

    /** All categories and bundles, including bundles that are not yet shown. */
    List<Category> allCategories();

    List<Bundle> allBundles();

    /** Takes a whole catalog file, or nothing of it; services arrive as drafts for review. */
    ImportReport importCatalog(byte[] json, Actor actor);

    /** The working catalog (drafts included) in the import format. */
    byte[] exportCatalog();

    List<AuditEntry> audit(String targetId, int offset, int limit);

    int auditCount(String targetId);
}
