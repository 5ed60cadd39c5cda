package org.bluegreen.cli.doctor;

import java.util.List;

/**
 * One condition the next rotation depends on. A check reads what it needs from {@link Facts}; when a fact it
 * depends on could not be read, {@link NotChecked} propagates and the doctor reports the check as not checked.
 */
public interface Check {

    /** Short name for the report's first column, e.g. {@code pointer}. */
    String name();

    /** One or more results (some checks report per secret). */
    List<CheckResult> run(Facts facts);
}
