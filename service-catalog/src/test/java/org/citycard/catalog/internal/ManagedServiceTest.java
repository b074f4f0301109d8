package org.citycard.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.citycard.catalog.Actor;
import org.citycard.catalog.CatalogRole;
import org.citycard.catalog.LocalizedText;
import org.citycard.catalog.Outcome;
import org.citycard.catalog.Rejection;
import org.citycard.catalog.ServiceDefinition;
import org.citycard.catalog.ServiceStatus;
import org.citycard.testing.Samples;
import org.junit.jupiter.api.Test;

class ManagedServiceTest {

    private final Actor editor = new Actor("lee", Set.of(CatalogRole.CATALOG_EDITOR));
    private final Actor publisher = new Actor("wang", Set.of(CatalogRole.CATALOG_PUBLISHER, CatalogRole.CATALOG_EDITOR));
    private final ServiceDefinition water = Samples.service("420200SW-GG-0001", "水费缴纳", "Water bill payment", "utilities");

    @Test
    void a_draft_goes_to_review_and_a_second_administrator_publishes_it() {
        ManagedService s = ManagedService.create(water, editor);
        assertThat(s.status()).isEqualTo(ServiceStatus.DRAFT);
        assertThat(s.submit(editor).isDone()).isTrue();
        assertThat(s.status()).isEqualTo(ServiceStatus.IN_REVIEW);
        assertThat(s.approve(publisher).isDone()).isTrue();
        assertThat(s.status()).isEqualTo(ServiceStatus.PUBLISHED);
        assertThat(s.liveVersion()).isEqualTo(1);
        assertThat(s.live()).isEqualTo(water);
    }

    @Test
    void whoever_edited_a_draft_cannot_approve_it_even_as_a_publisher() {
        ManagedService s = ManagedService.create(water, publisher);
        s.submit(publisher);
        assertThat(s.approve(publisher)).isEqualTo(Outcome.rejected(Rejection.SAME_EDITOR));
        assertThat(s.status()).isEqualTo(ServiceStatus.IN_REVIEW);
    }

    @Test
    void an_editor_without_the_publisher_role_cannot_approve() {
        ManagedService s = ManagedService.create(water, publisher);
        s.submit(publisher);
        assertThat(s.approve(editor)).isEqualTo(Outcome.rejected(Rejection.NOT_PERMITTED));
    }

    @Test
    void editing_a_published_service_keeps_the_live_version_until_the_change_is_approved() {
        ManagedService s = published();
        ServiceDefinition changed = rename(water, "水费缴纳(新)");
        assertThat(s.edit(changed, editor).isDone()).isTrue();
        assertThat(s.status()).isEqualTo(ServiceStatus.CHANGED);
        assertThat(s.live()).isEqualTo(water);
        s.submit(editor);
        s.approve(publisher);
        assertThat(s.liveVersion()).isEqualTo(2);
        assertThat(s.live().name().zh()).isEqualTo("水费缴纳(新)");
    }

    @Test
    void an_edit_during_review_sends_the_draft_back() {
        ManagedService s = ManagedService.create(water, editor);
        s.submit(editor);
        s.edit(rename(water, "水费"), editor);
        assertThat(s.status()).isEqualTo(ServiceStatus.DRAFT);
        assertThat(s.approve(publisher)).isEqualTo(Outcome.rejected(Rejection.WRONG_STATE));
    }

    @Test
    void an_incomplete_guide_cannot_be_submitted() {
        var incomplete = new ServiceDefinition(water.code(), water.name(), null, water.kind(), water.audiences(),
                null, null, null, water.categoryCode(), water.keywords(), water.handler(), water.channels(),
                water.regions(), false, 0, null);
        ManagedService s = ManagedService.create(incomplete, editor);
        Outcome outcome = s.submit(editor);
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) outcome).reason()).isEqualTo(Rejection.INCOMPLETE_GUIDE);
        assertThat(((Outcome.Rejected) outcome).problems()).isNotEmpty();
    }

    @Test
    void archive_hides_and_restore_brings_back_the_same_version() {
        ManagedService s = published();
        assertThat(s.archive(publisher).isDone()).isTrue();
        assertThat(s.status()).isEqualTo(ServiceStatus.ARCHIVED);
        assertThat(s.edit(water, editor)).isEqualTo(Outcome.rejected(Rejection.WRONG_STATE));
        assertThat(s.restore(publisher).isDone()).isTrue();
        assertThat(s.status()).isEqualTo(ServiceStatus.PUBLISHED);
        assertThat(s.liveVersion()).isEqualTo(1);
    }

    @Test
    void rolling_back_publishes_the_earlier_content_as_a_new_version() {
        ManagedService s = published();
        s.edit(rename(water, "水费 v2"), editor);
        s.submit(editor);
        s.approve(publisher);
        assertThat(s.rollBack(1, water, publisher).isDone()).isTrue();
        assertThat(s.liveVersion()).isEqualTo(3);
        assertThat(s.live()).isEqualTo(water);
        assertThat(s.rollBack(3, water, publisher)).isEqualTo(Outcome.rejected(Rejection.WRONG_STATE));
    }

    private ManagedService published() {
        ManagedService s = ManagedService.create(water, editor);
        s.submit(editor);
        s.approve(publisher);
        return new ManagedService(s.code(), 1, s.liveVersion(), s.live(), false, null, null, Set.of());
    }

    static ServiceDefinition rename(ServiceDefinition d, String zh) {
        return new ServiceDefinition(d.code(), LocalizedText.of(zh, d.name().en()), d.summary(), d.kind(), d.audiences(),
                d.competentDepartment(), d.implementingBody(), d.legalBasis(), d.categoryCode(), d.keywords(), d.handler(),
                d.channels(), d.regions(), d.featured(), d.sortOrder(), d.guide());
    }
}
