package org.citycard.api;

import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/**
 * The API's cross-cutting parts: ETags on catalog reads, an opening's tries for a full slot answered early
 * ({@link org.citycard.api.vaccination.FullSlotRefusals}), and the OpenAPI description at /v3/api-docs.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> catalogEtags() {
        var registration = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.setUrlPatterns(List.of("/api/mp/v1/catalog/*"));
        registration.setName("catalogEtags");
        return registration;
    }

    /**
     * Tries for a slot known to be full, answered just before Spring Security's filter (order -100,
     * {@code SecurityProperties.DEFAULT_FILTER_ORDER}) and after the edge's and the request's observation.
     */
    @Bean
    FilterRegistrationBean<org.citycard.api.vaccination.FullSlotRefusals> fullSlotRefusals(
            org.citycard.health.vaccination.Vaccination vaccination, tools.jackson.databind.json.JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new org.citycard.api.vaccination.FullSlotRefusals(vaccination, json));
        registration.setUrlPatterns(List.of(org.citycard.api.vaccination.FullSlotRefusals.PATH));
        registration.setOrder(-101);
        registration.setName("fullSlotRefusals");
        return registration;
    }

    @Bean
    OpenAPI cityCardOpenApi() {
        return new OpenAPI().info(new Info()
                .title("CityCard mini-program API")
                .version("v1")
                .description("Public catalog of city services for the WeChat and Alipay mini-programs. "
                        + "Send Accept-Language: zh or en. Errors are application/problem+json with a stable code."));
    }
}
