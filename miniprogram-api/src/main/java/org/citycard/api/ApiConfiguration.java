package org.citycard.api;

import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/** The API's cross-cutting parts: ETags on catalog reads and the OpenAPI description at /v3/api-docs. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> catalogEtags() {
        var registration = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.setUrlPatterns(List.of("/api/mp/v1/catalog/*"));
        registration.setName("catalogEtags");
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
