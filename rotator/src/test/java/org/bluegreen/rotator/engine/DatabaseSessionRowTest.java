package org.bluegreen.rotator.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A catalog row as the CLI's inspection reads it: 1-based like JDBC, SQL NULL kept, fixed once built. */
class DatabaseSessionRowTest {

    @Test
    void readsColumnsOneBasedWithNullAsNullTextAndFalse() {
        DatabaseSession.Row row = new DatabaseSession.Row(Arrays.asList("SELECT", true, 5, null));
        assertEquals("SELECT", row.text(1));
        assertTrue(row.flag(2));
        assertEquals(5, row.number(3));
        assertEquals("5", row.text(3));
        assertNull(row.text(4));
        assertFalse(row.flag(4));
        assertThrows(IndexOutOfBoundsException.class, () -> row.text(0));
    }

    @Test
    void isACopyTheCallerCannotChange() {
        List<Object> values = new ArrayList<>(Arrays.asList("a", null));
        DatabaseSession.Row row = new DatabaseSession.Row(values);
        values.set(0, "changed");
        assertEquals("a", row.text(1));
        assertThrows(UnsupportedOperationException.class, () -> row.values().set(0, "x"));
    }
}
