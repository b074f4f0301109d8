package org.citycard.parking.fees;

/** What the tariff needs to know of a car: its size and whether it is new-energy (green plates). */
public record Vehicle(Size size, boolean newEnergy) {

    public static final Vehicle SMALL = new Vehicle(Size.SMALL, false);

    public enum Size {
        SMALL, LARGE
    }

    public Vehicle {
        if (size == null) {
            throw new IllegalArgumentException("a vehicle has a size");
        }
    }
}
