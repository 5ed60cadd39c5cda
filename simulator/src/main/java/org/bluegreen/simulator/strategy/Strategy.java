package org.bluegreen.simulator.strategy;

import org.bluegreen.simulator.fleet.CredentialReader;
import org.bluegreen.simulator.time.RotationCalendar;
import org.bluegreen.simulator.time.RotationCalendar.Trigger;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A way of rotating the app's database password. Each strategy gets a world of its own (clock, AWS fakes, roles,
 * fleet); the calendar, the fleet's behaviour and the deployment timing are the same for all.
 */
public interface Strategy {

    StrategyKind kind();

    /** One line for the report: what this strategy does. */
    String description();

    /** The slots tasks can be on, in display order. */
    List<String> slots();

    /** Creates the database roles, secrets and pointer before the fleet starts. */
    void provision(World world) throws SQLException;

    /** How a task reads its credentials at start. */
    CredentialReader credentials(World world);

    /** When which slot's rotation is triggered. */
    List<Trigger> triggers(RotationCalendar calendar);

    /** The secret whose rotation a trigger for {@code slot} starts. */
    String secretFor(String slot);

    /** What Secrets Manager invokes for each step (the Lambda). */
    Consumer<Map<String, String>> rotationFunction(World world);

    /** The slot the app is told to use now (the pointer's value). */
    String activeSlot(World world);
}
