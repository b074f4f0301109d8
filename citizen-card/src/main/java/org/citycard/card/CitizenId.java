package org.citycard.card;

import java.util.Optional;
import java.util.UUID;

/** A citizen's identity in CityCard: opaque, never derived from personal data. */
public record CitizenId(UUID value) {

    public CitizenId {
        java.util.Objects.requireNonNull(value);
    }

    public static CitizenId random() {
        return new CitizenId(UUID.randomUUID());
    }

    /** Empty for anything that is not a UUID: an unknown id is "not found", never an error. */
    public static Optional<CitizenId> parse(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(new CitizenId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
