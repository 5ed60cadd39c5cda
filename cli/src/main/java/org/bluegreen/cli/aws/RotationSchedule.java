package org.bluegreen.cli.aws;

import java.time.Instant;

/**
 * What DescribeSecret tells about a secret's rotation: whether it rotates, by which Lambda function, on what
 * schedule, and when it last rotated and next rotates. Read by the operator CLI; the rotation needs none of it.
 *
 * @param scheduleExpression     {@code rate(...)} or {@code cron(...)}, or null when the rule is in days
 * @param automaticallyAfterDays the older form of the schedule, or null
 * @param window                 the rotation window ({@code Duration}, e.g. {@code 3h}), or null
 * @param lastRotated            null when the secret never rotated successfully
 * @param nextRotation           null when rotation is off
 */
public record RotationSchedule(boolean enabled, String lambdaArn, String scheduleExpression,
                               Long automaticallyAfterDays, String window, Instant lastRotated, Instant nextRotation) {

    /** The schedule as one short text: the expression, {@code every N days}, or {@code none}. */
    public String schedule() {
        if (scheduleExpression != null) {
            return scheduleExpression;
        }
        return automaticallyAfterDays != null ? "every " + automaticallyAfterDays + " days" : "none";
    }
}
