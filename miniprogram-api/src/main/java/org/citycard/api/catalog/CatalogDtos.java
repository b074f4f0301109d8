package org.citycard.api.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.citycard.catalog.Audience;
import org.citycard.catalog.Bundle;
import org.citycard.catalog.Category;
import org.citycard.catalog.Channel;
import org.citycard.catalog.Fee;
import org.citycard.catalog.HandlerType;
import org.citycard.catalog.HandlingMode;
import org.citycard.catalog.LocalizedText;
import org.citycard.catalog.Material;
import org.citycard.catalog.MaterialForm;
import org.citycard.catalog.PublishedService;
import org.citycard.catalog.ServiceDefinition;
import org.citycard.catalog.ServiceGuide;
import org.citycard.catalog.ServiceKind;
import org.citycard.catalog.TimeLimit;

/** The API's JSON shapes: catalog content in the one language the client asked for. */
final class CatalogDtos {

    private CatalogDtos() {
    }

    record CategoryDto(String code, String name, String icon, int serviceCount) {
        static CategoryDto of(Category c, int count, Locale locale) {
            return new CategoryDto(c.code(), c.name().in(locale), c.icon(), count);
        }
    }

    record ServiceSummaryDto(String code, String name, String summary, ServiceKind kind, String category,
                             Set<Channel> channels, HandlerType handler, boolean featured, boolean free,
                             boolean zeroMaterial) {
        static ServiceSummaryDto of(PublishedService s, Locale locale) {
            ServiceDefinition d = s.definition();
            return new ServiceSummaryDto(d.code().value(), d.name().in(locale), text(d.summary(), locale), d.kind(),
                    d.categoryCode(), d.channels(), d.handler().type(), d.featured(), d.guide().free(),
                    d.guide().zeroMaterial());
        }
    }

    record ServicePageDto(List<ServiceSummaryDto> items, int page, int size, long total) {
    }

    record HandlerDto(HandlerType type, String url) {
    }

    record MaterialDto(String name, MaterialForm form, int copies, boolean required, String notes) {
    }

    record FeeDto(String item, Long amountFen, String basis) {
    }

    record GuideDto(List<String> conditions, List<MaterialDto> materials, boolean free, List<FeeDto> fees,
                    String payment, TimeLimit statutoryLimit, TimeLimit promisedLimit, HandlingMode handlingMode,
                    String officeAddress, String officeHours, String contactPhone, String complaintPhone,
                    String onlineUrl) {
    }

    record ServiceDetailDto(String code, int version, Instant publishedAt, String name, String summary,
                            ServiceKind kind, Set<Audience> audiences, String competentDepartment,
                            String implementingBody, String legalBasis, String category, List<String> keywords,
                            HandlerDto handler, Set<Channel> channels, List<String> regions, boolean featured,
                            GuideDto guide) {
        static ServiceDetailDto of(PublishedService s, Locale locale) {
            ServiceDefinition d = s.definition();
            ServiceGuide g = d.guide();
            GuideDto guide = new GuideDto(
                    g.conditions().stream().map(c -> c.in(locale)).toList(),
                    g.materials().stream().map(m -> material(m, locale)).toList(),
                    g.free(),
                    g.fees().stream().map(f -> fee(f, locale)).toList(),
                    text(g.payment(), locale), g.statutoryLimit(), g.promisedLimit(), g.handlingMode(),
                    text(g.officeAddress(), locale), text(g.officeHours(), locale), g.contactPhone(),
                    g.complaintPhone(), g.onlineUrl());
            return new ServiceDetailDto(d.code().value(), s.version(), s.publishedAt(), d.name().in(locale),
                    text(d.summary(), locale), d.kind(), d.audiences(), text(d.competentDepartment(), locale),
                    text(d.implementingBody(), locale), text(d.legalBasis(), locale), d.categoryCode(),
                    d.keywords(), new HandlerDto(d.handler().type(), d.handler().url()), d.channels(), d.regions(),
                    d.featured(), guide);
        }
    }

    record BundleStepDto(String code, String name) {
    }

    record BundleDto(String code, String name, String description, String icon, List<BundleStepDto> services) {
        static BundleDto of(Bundle b, List<BundleStepDto> steps, Locale locale) {
            return new BundleDto(b.code(), b.name().in(locale), b.description().in(locale), b.icon(), steps);
        }
    }

    record SuggestionDto(String code, String name) {
    }

    private static MaterialDto material(Material m, Locale locale) {
        return new MaterialDto(m.name().in(locale), m.form(), m.copies(), m.required(), text(m.notes(), locale));
    }

    private static FeeDto fee(Fee f, Locale locale) {
        return new FeeDto(f.item().in(locale), f.amountFen(), text(f.basis(), locale));
    }

    static String text(LocalizedText t, Locale locale) {
        return t == null ? null : t.in(locale);
    }

}
