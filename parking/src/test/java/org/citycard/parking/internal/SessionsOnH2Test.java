package org.citycard.parking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.citycard.kernel.ChinaTime;
import org.citycard.parking.GateEvent;
import org.citycard.parking.GeoPoint;
import org.citycard.parking.Lot;
import org.citycard.parking.ParkingAdministration;
import org.citycard.parking.ParkingSession;
import org.citycard.parking.ParkingSessions;
import org.citycard.parking.ParkingSessions.Outcome;
import org.citycard.parking.ParkingTestApplication;
import org.citycard.parking.Plate;
import org.citycard.parking.fees.FeeRule;
import org.citycard.testing.PostgresSchema;
import org.citycard.testing.RequiredServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gate-event sessions on the embedded H2 (the platform's default database), with the same expectations. */
@SpringBootTest(classes = ParkingTestApplication.class, properties = "citycard.parking.decide-every=PT1H")
class SessionsOnH2Test extends GateEventSessionsTest {
}
