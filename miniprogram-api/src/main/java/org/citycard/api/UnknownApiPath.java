package org.citycard.api;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Any /api path no controller serves: a problem+json 404 rather than the servlet container's page. */
@RestController
class UnknownApiPath {

    @RequestMapping("/api/**")
    void unknown() {
        throw ApiProblem.notFound("request.not-found", "There is nothing at this address.");
    }
}
