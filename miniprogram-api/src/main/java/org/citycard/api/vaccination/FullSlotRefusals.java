package org.citycard.api.vaccination;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.citycard.api.ApiProblem;
import org.citycard.api.BufferedRequest;
import org.citycard.health.vaccination.Vaccination;
import org.citycard.health.vaccination.VaccinationProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An opening's late tries answered before anything else is done for them. When a scarce vaccine opens, nearly every
 * try comes after its slots are gone (Shaanxi's HPV booking: 4.8 million visits for about 5,080 doses), and each was
 * answered "full" only after its bearer token had been verified and Spring MVC had read it and written the problem:
 * about twice the work of the lightest request the node answers. Whether a slot is full is public (anyone may
 * {@code GET /api/mp/v1/vaccination/slots}), so that answer needs nobody's identity: a try for a slot this node heard
 * in the last second to be full ({@link Vaccination#knownFull}) is answered here, before the security filters, with
 * exactly the problem the booking endpoint gives for it ({@code 409 vaccination.full}).
 * <p>
 * Nothing else changes. Only a well-formed try is answered here: nothing Spring Security's firewall would refuse (an
 * unknown host, an odd path or header), {@code POST} with a bearer token (a caller without credentials still hears
 * 401 first, as on every API address), a JSON body in UTF-8 of at most {@value #MAX_BODY} bytes whose
 * {@code cardId} and {@code slotId} are both texts that name ids, and an {@code Accept} the endpoint can answer. The
 * token is not verified for this answer, because the answer is the same for every caller and changes nothing. Every
 * other try goes on, with its body, to the security filters and the booking endpoint as before, and the database
 * decides every place.
 */
public final class FullSlotRefusals extends OncePerRequestFilter {

    /** The booking endpoint, the only address this filter is registered for. */
    public static final String PATH = "/api/mp/v1/vaccination/bookings";

    /** A try is two ids in JSON, well under this; a larger body goes on to the endpoint. */
    static final int MAX_BODY = 1024;

    /** The most media types Spring MVC sorts in an {@code Accept}; more, and the endpoint answers 406. */
    static final int MAX_ACCEPTED = 50;

    private final Vaccination vaccination;
    private final JsonMapper json;
    private final HttpFirewall firewall;
    private final byte[] answer;
    private final int status;

    /** @param firewall the one Spring Security's filters use: what it would refuse is never answered here */
    public FullSlotRefusals(Vaccination vaccination, JsonMapper json, HttpFirewall firewall) {
        this.vaccination = vaccination;
        this.json = json;
        this.firewall = firewall;
        // the problem the endpoint answers, written as Spring MVC writes it (the path it was asked at as its instance)
        ApiProblem full = VaccinationController.problem(VaccinationProblem.FULL, null);
        this.status = full.status().value();
        ProblemDetail body = (ProblemDetail) full.answer().getBody();
        body.setInstance(URI.create(PATH));
        this.answer = json.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build()
                .writeValueAsBytes(body);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod()) || !(request.getContextPath() + PATH).equals(request.getRequestURI())
                || request.getContentLengthLong() < 1 || request.getContentLengthLong() > MAX_BODY
                || !wellFormed(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) request.getContentLengthLong());
        if (!vaccination.knownFull(slot(body))) {
            chain.doFilter(new BufferedRequest(request, body), response);
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(PATH));
        response.setStatus(status);
        response.setHeader("X-XSS-Protection", "0"); // as Spring Security's header writer adds to the endpoint's
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    /** The slot a well-formed try names (both ids texts that parse, as the endpoint reads them), or null. */
    private UUID slot(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            JsonNode card = node.get("cardId");
            JsonNode slot = node.get("slotId");
            if (!node.isObject() || card == null || slot == null || !card.isString() || !slot.isString()) {
                return null;
            }
            UUID.fromString(card.asString());
            return UUID.fromString(slot.asString());
        } catch (JacksonException | IllegalArgumentException e) {
            return null; // the endpoint says what is wrong with it
        }
    }

    /**
     * What the firewall lets through (host, path, header values), with a bearer token, a JSON body in UTF-8 as the
     * endpoint consumes it, and an {@code Accept} the endpoint can answer; anything else goes on to be answered there.
     */
    private boolean wellFormed(HttpServletRequest request) {
        try {
            HttpServletRequest checked = firewall.getFirewalledRequest(request);
            return bearer(checked.getHeader("Authorization")) && json(checked.getHeader("Content-Type"))
                    && acceptsJson(checked.getHeaders("Accept"));
        } catch (RequestRejectedException e) {
            return false;
        }
    }

    private static boolean bearer(String authorization) {
        return authorization != null && authorization.length() > 7 && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank();
    }

    /** {@code application/json} itself (no wildcard, as {@code consumes} reads it), in UTF-8 if a charset is named. */
    private static boolean json(String contentType) {
        try {
            MediaType type = contentType == null ? null : MediaType.parseMediaType(contentType);
            return type != null && MediaType.APPLICATION_JSON.includes(type)
                    && (type.getParameter("charset") == null || StandardCharsets.UTF_8.equals(type.getCharset()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * No {@code Accept}, or one that takes {@code application/json} (what the endpoint produces), refuses nothing, and
     * names no more types than Spring MVC sorts ({@value #MAX_ACCEPTED}; it answers 406 to more).
     */
    private static boolean acceptsJson(java.util.Enumeration<String> accepts) {
        if (accepts == null || !accepts.hasMoreElements()) {
            return true;
        }
        boolean json = false;
        int types = 0;
        try {
            while (accepts.hasMoreElements()) {
                for (MediaType type : MediaType.parseMediaTypes(accepts.nextElement())) {
                    if (type.getQualityValue() == 0 || ++types > MAX_ACCEPTED) {
                        return false;
                    }
                    json |= type.isCompatibleWith(MediaType.APPLICATION_JSON);
                }
            }
            return json;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
