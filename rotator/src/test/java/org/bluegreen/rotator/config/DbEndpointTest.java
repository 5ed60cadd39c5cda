package org.bluegreen.rotator.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DB_ENDPOINTS: the databases the function may send passwords to. */
class DbEndpointTest {

    private static List<DbEndpoint> pins(String value) {
        return FunctionSettings.fromEnvironment(Map.of("DB_ENDPOINTS", value)).dbEndpoints();
    }

    @Test
    void entriesAreHostPortAndOptionallyADatabase() {
        List<DbEndpoint> pins = pins("app.cluster-x.eu-west-1.rds.amazonaws.com:5432/app, [::1]:3306");
        assertEquals(List.of(new DbEndpoint("app.cluster-x.eu-west-1.rds.amazonaws.com", 5432, "app"),
                new DbEndpoint("::1", 3306, null)), pins);
        assertTrue(pins.get(0).matches("APP.cluster-x.eu-west-1.rds.amazonaws.com", 5432, "app"), "host names ignore case");
        assertFalse(pins.get(0).matches("app.cluster-x.eu-west-1.rds.amazonaws.com", 5432, "other"));
        assertFalse(pins.get(0).matches("app.cluster-x.eu-west-1.rds.amazonaws.com", 5433, "app"));
        assertTrue(pins.get(1).matches("::1", 3306, null), "no database in the entry: any database on that server");
        assertEquals("[::1]:3306", pins.get(1).toString());
        assertEquals(List.of(), FunctionSettings.fromEnvironment(Map.of()).dbEndpoints());
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.internal", "db.internal:0/app", "db.internal:70000", "db.internal:54x2/app", "user@db:5432/app"})
    void aMalformedEntryIsAConfigurationError(String entry) {
        assertEquals("DB_ENDPOINTS: '" + entry + "' is not host:port or host:port/dbname",
                assertThrows(ConfigurationException.class, () -> pins(entry)).getMessage());
    }
}
