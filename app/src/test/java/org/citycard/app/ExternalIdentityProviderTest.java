package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A city with its own identity provider: the embedded one is off and the portal signs in against theirs. */
@SpringBootTest(classes = CityCardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "citycard.identity.embedded=false",
                "citycard.catalog.demo-data=false",
                "spring.security.oauth2.client.registration.citycard.client-id=citycard-portal",
                "spring.security.oauth2.client.registration.citycard.client-secret=from-the-city",
                "spring.security.oauth2.client.registration.citycard.scope=openid,profile",
                "spring.security.oauth2.client.registration.citycard.authorization-grant-type=authorization_code",
                "spring.security.oauth2.client.registration.citycard.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
                "spring.security.oauth2.client.provider.citycard.authorization-uri=https://id.city.example/oauth2/authorize",
                "spring.security.oauth2.client.provider.citycard.token-uri=https://id.city.example/oauth2/token",
                "spring.security.oauth2.client.provider.citycard.jwk-set-uri=https://id.city.example/oauth2/jwks",
                "spring.security.oauth2.client.provider.citycard.user-name-attribute=sub"
        })
class ExternalIdentityProviderTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) throws Exception {
        Path data = Files.createTempDirectory("citycard-external-idp");
        registry.add("citycard.data-dir", data::toString);
    }

    @Test
    void citizen_pages_send_the_browser_to_the_citys_own_provider_and_the_embedded_one_is_gone() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        var me = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/authorization/citycard"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(me.statusCode()).isEqualTo(302);
        assertThat(me.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith("https://id.city.example/oauth2/authorize?").contains("client_id=citycard-portal"));

        var discovery = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.body()).doesNotContain("\"issuer\"");
    }
}
