package org.citycard.parking;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.parking.fees.Vehicle;
import org.junit.jupiter.api.Test;

/** Plates as drivers type them, checked against the standard's shapes and colours. */
class PlateTest {

    @Test
    void ordinary_and_new_energy_plates_are_read_as_typed_and_checked_against_their_colour() {
        assertThat(Plate.parse("鄂b·12345", Plate.Colour.BLUE)).hasValue(new Plate("鄂B12345", Plate.Colour.BLUE));
        assertThat(Plate.parse("鄂B D12345", Plate.Colour.GREEN)).hasValue(new Plate("鄂BD12345", Plate.Colour.GREEN));
        assertThat(Plate.parse("鄂B12345D", Plate.Colour.YELLOW_GREEN)).hasValueSatisfying(p ->
                assertThat(p.vehicle()).isEqualTo(new Vehicle(Vehicle.Size.LARGE, true)));
        assertThat(Plate.parse("鄂B1234学", Plate.Colour.YELLOW)).isPresent();
        assertThat(Plate.parse("鄂B1234警", Plate.Colour.WHITE)).isPresent();
        assertThat(Plate.parse("粤Z1234港", Plate.Colour.BLACK)).isPresent();
        assertThat(Plate.parse("鄂B12345", Plate.Colour.YELLOW).orElseThrow().vehicle().size()).isEqualTo(Vehicle.Size.LARGE);
    }

    @Test
    void wrong_shapes_provinces_letters_and_colours_are_refused() {
        assertThat(Plate.parse("鄂BD12345", Plate.Colour.BLUE)).as("eight characters on blue").isEmpty();
        assertThat(Plate.parse("鄂B12345", Plate.Colour.GREEN)).as("seven on green").isEmpty();
        assertThat(Plate.parse("XB12345", Plate.Colour.BLUE)).as("no province").isEmpty();
        assertThat(Plate.parse("鄂B1234O", Plate.Colour.BLUE)).as("O is never a serial letter").isEmpty();
        assertThat(Plate.parse("鄂I12345", Plate.Colour.BLUE)).as("I is no authority").isEmpty();
        assertThat(Plate.parse("鄂B1234警", Plate.Colour.BLUE)).isEmpty();
        assertThat(Plate.parse("鄂BA12345", Plate.Colour.GREEN)).as("new energy is D or F").isEmpty();
        assertThat(Plate.parse("鄂B\u000012345", Plate.Colour.BLUE)).isEmpty();
        assertThat(Plate.parse(null, Plate.Colour.BLUE)).isEmpty();
        assertThat(Plate.parse("鄂B12345".repeat(5), Plate.Colour.BLUE)).isEmpty();
    }

    @Test
    void others_see_a_plate_masked() {
        assertThat(new Plate("鄂B12345", Plate.Colour.BLUE).masked()).isEqualTo("鄂B·1234*");
    }
}
