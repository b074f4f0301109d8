package org.citycard.api.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.citycard.api.ApiProblem;
import org.citycard.catalog.CatalogBrowsing;
import org.citycard.catalog.Category;
import org.citycard.catalog.Channel;
import org.citycard.catalog.PublishedService;
import org.citycard.catalog.SearchPage;
import org.citycard.catalog.SearchQuery;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceKind;
import org.citycard.kernel.FreeText;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The published catalog for the mini-programs. Public: no login. Responses carry an ETag and
 * {@code Cache-Control: no-cache}, so clients revalidate cheaply (304) and see a publish at once.
 */
@RestController
@RequestMapping(path = "/api/mp/v1/catalog", produces = "application/json")
@Tag(name = "catalog", description = "Service catalog (public)")
class CatalogController {

    private static final int MAX_PAGE = 10_000;

    private final CatalogBrowsing catalog;

    CatalogController(CatalogBrowsing catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/categories")
    @Operation(summary = "All categories with how many published services each holds")
    ResponseEntity<List<CatalogDtos.CategoryDto>> categories(
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        Locale locale = ApiLocale.of(language);
        Map<String, Integer> counts = catalog.serviceCounts();
        List<CatalogDtos.CategoryDto> body = catalog.categories().stream()
                .map(c -> CatalogDtos.CategoryDto.of(c, counts.getOrDefault(c.code(), 0), locale))
                .toList();
        return ok(body, locale);
    }

    @GetMapping("/services")
    @Operation(summary = "Search or list published services",
            description = "q: Chinese, English, full pinyin (shuifei) or initials (sf); channel: WEB, WECHAT or ALIPAY")
    ResponseEntity<CatalogDtos.ServicePageDto> services(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) ServiceKind kind,
            @RequestParam(required = false) Channel channel,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        Locale locale = ApiLocale.of(language);
        q = query(q);
        if (category != null && !category.isBlank() && !category.matches(Category.CODE_PATTERN)) {
            throw ApiProblem.badParameter("category", "category is not a category code.");
        }
        if (page < 0 || page > MAX_PAGE) {
            throw ApiProblem.badParameter("page", "page must be between 0 and " + MAX_PAGE + ".");
        }
        if (size < 1 || size > SearchQuery.MAX_SIZE) {
            throw ApiProblem.badParameter("size", "size must be between 1 and " + SearchQuery.MAX_SIZE + ".");
        }
        SearchPage result = catalog.search(new SearchQuery(q, category, kind, channel, page, size));
        var body = new CatalogDtos.ServicePageDto(
                result.items().stream().map(s -> CatalogDtos.ServiceSummaryDto.of(s, locale)).toList(),
                result.page(), result.size(), result.total());
        return ok(body, locale);
    }

    @GetMapping("/services/{code}")
    @Operation(summary = "One published service with its full guide (办事指南)")
    ResponseEntity<CatalogDtos.ServiceDetailDto> service(@PathVariable String code,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        Locale locale = ApiLocale.of(language);
        PublishedService service = ServiceCode.parse(code)
                .flatMap(catalog::service)
                .orElseThrow(() -> ApiProblem.notFound("catalog.service-not-found", "No published service has this code."));
        catalog.recordView(service.code());
        return ok(CatalogDtos.ServiceDetailDto.of(service, locale), locale);
    }

    @GetMapping("/bundles")
    @Operation(summary = "Life-event bundles (一件事), each with its services in order")
    ResponseEntity<List<CatalogDtos.BundleDto>> bundles(
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        Locale locale = ApiLocale.of(language);
        var body = catalog.bundles().stream()
                .map(b -> CatalogDtos.BundleDto.of(b, b.services().stream()
                        .map(catalog::service)
                        .flatMap(Optional::stream)
                        .map(s -> new CatalogDtos.BundleStepDto(s.code().value(), s.definition().name().in(locale)))
                        .toList(), locale))
                .toList();
        return ok(body, locale);
    }

    @GetMapping("/suggestions")
    @Operation(summary = "Service names proposed while typing")
    ResponseEntity<List<CatalogDtos.SuggestionDto>> suggestions(@RequestParam String q,
            @RequestParam(defaultValue = "8") int limit,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        Locale locale = ApiLocale.of(language);
        q = query(q);
        if (limit < 1 || limit > 20) {
            throw ApiProblem.badParameter("limit", "limit must be between 1 and 20.");
        }
        var body = catalog.suggest(q, limit).stream()
                .map(s -> new CatalogDtos.SuggestionDto(s.code().value(), s.name().in(locale)))
                .toList();
        return ok(body, locale);
    }

    private static <T> ResponseEntity<T> ok(T body, Locale locale) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache().cachePublic())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .body(body);
    }

    /** What was typed: readable text of at most {@value SearchQuery#MAX_TEXT_LENGTH} characters (the free-text rule). */
    private static String query(String q) {
        return switch (FreeText.line("q", q, SearchQuery.MAX_TEXT_LENGTH)) {
            case FreeText.Checked.Clean clean -> q == null ? null : clean.text();
            case FreeText.Checked.Refused refused -> throw ApiProblem.badParameter("q", refused.message(false));
        };
    }
}
