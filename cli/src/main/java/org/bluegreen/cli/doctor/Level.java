package org.bluegreen.cli.doctor;

/** How a check came out. Only FAIL makes the doctor exit non-zero. */
public enum Level {
    PASS, WARN, FAIL
}
