package org.citycard.catalog.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.citycard.catalog.Actor;
import org.citycard.catalog.FieldProblem;
import org.citycard.catalog.Outcome;
import org.citycard.catalog.Rejection;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;
import org.citycard.catalog.ServiceRules;
import org.citycard.catalog.ServiceStatus;

/**
 * A service's lifecycle: draft → in review → published, with a draft beside the live version, archive,
 * restore and roll-back. Pure rules, no storage: the store loads it, a method decides, the store saves it
 * with a guarded update.
 */
final class ManagedService {

    enum DraftState { DRAFT, IN_REVIEW }

    private final ServiceCode code;
    private final int rowVersion;
    private Integer liveVersion;
    private ServiceDefinition live;
    private boolean archived;
    private ServiceDefinition draft;
    private DraftState draftState;
    private final Set<String> draftEditors;

    ManagedService(ServiceCode code, int rowVersion, Integer liveVersion, ServiceDefinition live, boolean archived,
                   ServiceDefinition draft, DraftState draftState, Set<String> draftEditors) {
        this.code = code;
        this.rowVersion = rowVersion;
        this.liveVersion = liveVersion;
        this.live = live;
        this.archived = archived;
        this.draft = draft;
        this.draftState = draftState;
        this.draftEditors = new LinkedHashSet<>(draftEditors);
    }

    static ManagedService create(ServiceDefinition definition, Actor actor) {
        return new ManagedService(definition.code(), 0, null, null, false, definition, DraftState.DRAFT,
                Set.of(actor.username()));
    }

    Outcome edit(ServiceDefinition definition, Actor actor) {
        if (!actor.canEdit()) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        if (archived) {
            return Outcome.rejected(Rejection.WRONG_STATE);
        }
        List<FieldProblem> problems = ServiceRules.structural(definition);
        if (!problems.isEmpty()) {
            return Outcome.rejected(Rejection.INVALID, problems);
        }
        draft = definition;
        // An edit during review sends the draft back: the reviewer must see what they approve.
        draftState = DraftState.DRAFT;
        draftEditors.add(actor.username());
        return Outcome.DONE;
    }

    Outcome submit(Actor actor) {
        if (!actor.canEdit()) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        if (draftState != DraftState.DRAFT) {
            return Outcome.rejected(Rejection.WRONG_STATE);
        }
        List<FieldProblem> problems = ServiceRules.completeness(draft);
        if (!problems.isEmpty()) {
            return Outcome.rejected(Rejection.INCOMPLETE_GUIDE, problems);
        }
        draftState = DraftState.IN_REVIEW;
        // Whoever puts a change up for review owns it, so they cannot approve it either.
        draftEditors.add(actor.username());
        return Outcome.DONE;
    }

    Outcome approve(Actor actor) {
        if (!actor.canPublish()) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        if (draftState != DraftState.IN_REVIEW) {
            return Outcome.rejected(Rejection.WRONG_STATE);
        }
        if (draftEditors.contains(actor.username())) {
            return Outcome.rejected(Rejection.SAME_EDITOR);
        }
        List<FieldProblem> problems = ServiceRules.completeness(draft);
        if (!problems.isEmpty()) {
            return Outcome.rejected(Rejection.INCOMPLETE_GUIDE, problems);
        }
        publish(draft);
        return Outcome.DONE;
    }

    /** Publishing without review: only the platform's own demo data loader does this. */
    Outcome publishDirectly(Actor actor) {
        if (actor != Actor.SYSTEM || draft == null) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        List<FieldProblem> problems = ServiceRules.completeness(draft);
        if (!problems.isEmpty()) {
            return Outcome.rejected(Rejection.INCOMPLETE_GUIDE, problems);
        }
        publish(draft);
        return Outcome.DONE;
    }

    Outcome reject(Actor actor) {
        if (!actor.canPublish()) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        if (draftState != DraftState.IN_REVIEW) {
            return Outcome.rejected(Rejection.WRONG_STATE);
        }
        draftState = DraftState.DRAFT;
        return Outcome.DONE;
    }

    Outcome discardDraft(Actor actor) {
        if (!actor.canEdit()) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        if (draft == null || liveVersion == null) {
            return Outcome.rejected(Rejection.WRONG_STATE);
        }
        clearDraft();
        return Outcome.DONE;
    }

    Outcome archive(Actor actor) {
        if (!actor.canPublish()) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        if (archived || liveVersion == null) {
            return Outcome.rejected(Rejection.WRONG_STATE);
        }
        archived = true;
        return Outcome.DONE;
    }

    Outcome restore(Actor actor) {
        if (!actor.canPublish()) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        if (!archived) {
            return Outcome.rejected(Rejection.WRONG_STATE);
        }
        archived = false;
        return Outcome.DONE;
    }

    /** Roll-back publishes an earlier content as a new version; history is never rewritten. */
    Outcome rollBack(int version, ServiceDefinition earlier, Actor actor) {
        if (!actor.canPublish()) {
            return Outcome.rejected(Rejection.NOT_PERMITTED);
        }
        if (archived || liveVersion == null || earlier == null || version == liveVersion) {
            return Outcome.rejected(Rejection.WRONG_STATE);
        }
        List<FieldProblem> problems = ServiceRules.completeness(earlier);
        if (!problems.isEmpty()) {
            return Outcome.rejected(Rejection.INCOMPLETE_GUIDE, problems);
        }
        liveVersion = liveVersion + 1;
        live = earlier;
        return Outcome.DONE;
    }

    private void publish(ServiceDefinition content) {
        liveVersion = liveVersion == null ? 1 : liveVersion + 1;
        live = content;
        clearDraft();
    }

    private void clearDraft() {
        draft = null;
        draftState = null;
        draftEditors.clear();
    }

    ServiceStatus status() {
        if (archived) {
            return ServiceStatus.ARCHIVED;
        }
        if (draftState == DraftState.IN_REVIEW) {
            return ServiceStatus.IN_REVIEW;
        }
        if (draft != null) {
            return liveVersion == null ? ServiceStatus.DRAFT : ServiceStatus.CHANGED;
        }
        return ServiceStatus.PUBLISHED;
    }

    /** The draft if there is one, else the live version. */
    ServiceDefinition working() {
        return draft != null ? draft : live;
    }

    ServiceCode code() {
        return code;
    }

    int rowVersion() {
        return rowVersion;
    }

    Integer liveVersion() {
        return liveVersion;
    }

    ServiceDefinition live() {
        return live;
    }

    boolean archived() {
        return archived;
    }

    ServiceDefinition draft() {
        return draft;
    }

    DraftState draftState() {
        return draftState;
    }

    Set<String> draftEditors() {
        return Set.copyOf(draftEditors);
    }
}
