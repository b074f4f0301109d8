package org.citycard.card.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.citycard.card.code.CodeKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CardKeysConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(CardKeysConfiguration.class);

    @Test
    void without_keys_the_platform_refuses_to_start() {
        context.run(started -> assertThat(started).hasFailed()
                .getFailure().rootCause().hasMessageContaining("citycard.card.keys.privacy-keyset"));
    }

    @Test
    void development_keys_are_created_once_and_kept_across_restarts(@TempDir Path data) {
        Path file = data.resolve("card-keys.properties");
        String[] settings = {"citycard.card.keys.development-keys=true", "citycard.card.keys.development-file=" + file};
        String[] first = new String[1];
        context.withPropertyValues(settings).run(started -> {
            assertThat(started).hasNotFailed();
            first[0] = started.getBean(CodeKeys.class).publicKeys().getFirst().get("x");
        });
        assertThat(Files.exists(file)).isTrue();
        context.withPropertyValues(settings).run(started ->
                assertThat(started.getBean(CodeKeys.class).publicKeys().getFirst().get("x")).isEqualTo(first[0]));
    }
}
