package org.citycard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.citycard.testing.Samples;
import org.junit.jupiter.api.Test;

class ServiceRulesTest {

    private final ServiceDefinition complete = Samples.service("420200SW-GG-0001", "水费缴纳", "Water bill payment", "utilities");

    @Test
    void a_complete_bilingual_guide_can_be_published() {
        assertThat(ServiceRules.completeness(complete)).isEmpty();
    }

    @Test
    void a_draft_may_be_saved_with_its_guide_still_missing_but_not_published() {
        var draft = new ServiceDefinition(complete.code(), complete.name(), null, ServiceKind.GOVERNMENT, Set.of(),
                null, null, null, "utilities", List.of(), null, Set.of(), List.of(), false, 0, null);
        assertThat(ServiceRules.structural(draft)).isEmpty();
        assertThat(ServiceRules.completeness(draft)).extracting(FieldProblem::field)
                .contains("summary.zh", "competentDepartment.en", "legalBasis.zh", "channels", "guide");
    }

    @Test
    void an_in_person_service_needs_an_office_address_and_hours() {
        ServiceGuide g = complete.guide();
        var noOffice = new ServiceGuide(g.conditions(), g.materials(), g.fees(), g.payment(), g.statutoryLimit(),
                g.promisedLimit(), HandlingMode.IN_PERSON, null, null, g.contactPhone(), g.complaintPhone(), null);
        assertThat(ServiceRules.completeness(withGuide(noOffice))).extracting(FieldProblem::field)
                .contains("guide.officeAddress.zh", "guide.officeHours.en")
                .doesNotContain("guide.onlineUrl");
    }

    @Test
    void an_online_service_needs_an_https_address() {
        ServiceGuide g = complete.guide();
        var plainHttp = new ServiceGuide(g.conditions(), g.materials(), g.fees(), g.payment(), g.statutoryLimit(),
                g.promisedLimit(), HandlingMode.ONLINE, null, null, g.contactPhone(), g.complaintPhone(), "http://x.example");
        assertThat(ServiceRules.completeness(withGuide(plainHttp))).extracting(FieldProblem::field).contains("guide.onlineUrl");
    }

    @Test
    void the_promised_limit_may_not_exceed_the_statutory_one() {
        ServiceGuide g = complete.guide();
        var late = new ServiceGuide(g.conditions(), g.materials(), g.fees(), g.payment(),
                new TimeLimit(5, LimitUnit.WORKING_DAYS), new TimeLimit(10, LimitUnit.WORKING_DAYS), g.handlingMode(),
                g.officeAddress(), g.officeHours(), g.contactPhone(), g.complaintPhone(), g.onlineUrl());
        assertThat(ServiceRules.completeness(withGuide(late)))
                .contains(new FieldProblem("guide.promisedLimit", "catalog.problem.promised-exceeds-statutory"));
    }

    @Test
    void limits_in_hours_and_days_are_compared_in_one_unit() {
        ServiceGuide g = complete.guide();
        var hoursWithinDays = new ServiceGuide(g.conditions(), g.materials(), g.fees(), g.payment(),
                new TimeLimit(48, LimitUnit.HOURS), new TimeLimit(1, LimitUnit.WORKING_DAYS), g.handlingMode(),
                g.officeAddress(), g.officeHours(), g.contactPhone(), g.complaintPhone(), g.onlineUrl());
        assertThat(ServiceRules.completeness(withGuide(hoursWithinDays))).isEmpty();
        var hoursBeyondDay = new ServiceGuide(g.conditions(), g.materials(), g.fees(), g.payment(),
                new TimeLimit(1, LimitUnit.CALENDAR_DAYS), new TimeLimit(100, LimitUnit.HOURS), g.handlingMode(),
                g.officeAddress(), g.officeHours(), g.contactPhone(), g.complaintPhone(), g.onlineUrl());
        assertThat(ServiceRules.completeness(withGuide(hoursBeyondDay)))
                .contains(new FieldProblem("guide.promisedLimit", "catalog.problem.promised-exceeds-statutory"));
    }

    @Test
    void only_an_external_link_handler_carries_a_link() {
        var stray = new ServiceDefinition(complete.code(), complete.name(), complete.summary(), complete.kind(),
                complete.audiences(), complete.competentDepartment(), complete.implementingBody(), complete.legalBasis(),
                complete.categoryCode(), complete.keywords(), new ServiceHandler(HandlerType.BILL_PAYMENT, "https://pay.example"),
                complete.channels(), complete.regions(), false, 0, complete.guide());
        assertThat(ServiceRules.structural(stray)).contains(new FieldProblem("handler.url", "catalog.problem.url-not-used"));
    }

    @Test
    void a_citizen_card_handler_opens_one_of_the_cards_own_pages_or_the_card() {
        java.util.function.Function<String, ServiceDefinition> card = url -> new ServiceDefinition(complete.code(),
                complete.name(), complete.summary(), complete.kind(), complete.audiences(),
                complete.competentDepartment(), complete.implementingBody(), complete.legalBasis(),
                complete.categoryCode(), complete.keywords(), new ServiceHandler(HandlerType.CITIZEN_CARD, url),
                complete.channels(), complete.regions(), false, 0, complete.guide());
        assertThat(ServiceRules.structural(card.apply("/me/wallet/top-up"))).isEmpty();
        assertThat(card.apply(null).handler().cardPage()).isEqualTo("/me/card");
        assertThat(ServiceRules.structural(card.apply("https://evil.example/me/card")))
                .contains(new FieldProblem("handler.url", "catalog.problem.card-page"));
        assertThat(ServiceRules.structural(card.apply("/admin")))
                .contains(new FieldProblem("handler.url", "catalog.problem.card-page"));
    }

    @Test
    void fees_need_a_way_to_pay_and_free_services_do_not() {
        ServiceGuide g = complete.guide();
        var noPayment = new ServiceGuide(g.conditions(), g.materials(), g.fees(), null, g.statutoryLimit(),
                g.promisedLimit(), g.handlingMode(), g.officeAddress(), g.officeHours(), g.contactPhone(), g.complaintPhone(), g.onlineUrl());
        assertThat(ServiceRules.completeness(withGuide(noPayment))).extracting(FieldProblem::field).contains("guide.payment.zh");
        var free = new ServiceGuide(g.conditions(), g.materials(), List.of(), null, g.statutoryLimit(),
                g.promisedLimit(), g.handlingMode(), g.officeAddress(), g.officeHours(), g.contactPhone(), g.complaintPhone(), g.onlineUrl());
        assertThat(ServiceRules.completeness(withGuide(free))).isEmpty();
    }

    @Test
    void an_external_link_handler_needs_an_https_url() {
        var link = new ServiceDefinition(complete.code(), complete.name(), complete.summary(), complete.kind(),
                complete.audiences(), complete.competentDepartment(), complete.implementingBody(), complete.legalBasis(),
                complete.categoryCode(), complete.keywords(), new ServiceHandler(HandlerType.EXTERNAL_LINK, "javascript:alert(1)"),
                complete.channels(), complete.regions(), false, 0, complete.guide());
        assertThat(ServiceRules.structural(link)).contains(new FieldProblem("handler.url", "catalog.problem.url"));
    }

    private ServiceDefinition withGuide(ServiceGuide g) {
        return new ServiceDefinition(complete.code(), complete.name(), complete.summary(), complete.kind(),
                complete.audiences(), complete.competentDepartment(), complete.implementingBody(), complete.legalBasis(),
                complete.categoryCode(), complete.keywords(), complete.handler(), complete.channels(), complete.regions(),
                complete.featured(), complete.sortOrder(), g);
    }
}
