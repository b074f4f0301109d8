package org.citycard.api;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Any /api or /sandbox path no controller serves: a problem+json 404 rather than the portal's page or the servlet
 * container's (the sandbox's own controllers exist only while it is on). Being a mapping of every path and method,
 * it is also what a known address asked the wrong way reaches: that is told apart here, as Spring would without a
 * catch-all: 405 with {@code Allow} for a method the address does not take, 415 for a body of a type it does not
 * read, 406 for an {@code Accept} it cannot answer.
 */
@RestController
class UnknownApiPath {

    private final RequestMappingHandlerMapping mappings;

    UnknownApiPath(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    @RequestMapping("/api/**")
    void unknown(HttpServletRequest request) throws Exception {
        if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        RequestMethod method = RequestMethod.resolve(request.getMethod());
        Set<RequestMethod> allowed = EnumSet.noneOf(RequestMethod.class);
        boolean unreadable = false;
        boolean unanswerable = false;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            if (e.getValue().getBeanType() == UnknownApiPath.class || info.getPathPatternsCondition() == null
                    || info.getPathPatternsCondition().getMatchingCondition(request) == null) {
                continue;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && (method == null || !methods.contains(method))) {
                allowed.addAll(methods);
            } else if (info.getConsumesCondition().getMatchingCondition(request) == null) {
                unreadable = true;
            } else if (info.getProducesCondition().getMatchingCondition(request) == null) {
                unanswerable = true;
            }
        }
        if (unreadable) {
            throw new HttpMediaTypeNotSupportedException("This address reads application/json.");
        }
        if (unanswerable) {
            throw new HttpMediaTypeNotAcceptableException(java.util.List.of(MediaType.APPLICATION_JSON));
        }
        if (!allowed.isEmpty()) {
            throw new HttpRequestMethodNotSupportedException(request.getMethod(),
                    allowed.stream().map(RequestMethod::name).toList());
        }
        throw ApiProblem.notFound("request.not-found", "There is nothing at this address.");
    }
}
