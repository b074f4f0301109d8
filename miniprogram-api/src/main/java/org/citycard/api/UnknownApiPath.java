package org.citycard.api;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any /api or /sandbox path no controller serves: a problem+json 404 rather than the portal's page or the servlet
 * container's (the sandbox's own controllers exist only while it is on).
 */
@RestController
class UnknownApiPath {

    @RequestMapping("/api/**")
    void unknown() {
        throw ApiProblem.notFound("request.not-found", "There is nothing at this address.");
    }
}
