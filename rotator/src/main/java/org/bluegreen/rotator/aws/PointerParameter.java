package org.bluegreen.rotator.aws;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.util.function.Supplier;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** The SSM parameter that names the active slot. */
public final class PointerParameter {

    private final Supplier<SsmClient> client;

    public PointerParameter(SsmClient client) {
        this(() -> client);
    }

    /** With a client built on first use: a step that never calls this service never pays for building its client. */
    public PointerParameter(Supplier<SsmClient> client) {
        this.client = client;
    }

    public PointerState read(String name) {
        try {
            Parameter p = client.get().getParameter(b -> b.name(name)).parameter();
            return new PointerState(p.name(), p.value().trim(), p.version(), p.lastModifiedDate());
        } catch (ParameterNotFoundException e) {
            throw new AwsStateException("pointer parameter " + quote(name) + " does not exist: create it with the slot the app uses now");
        }
    }

    public void write(String name, String slot) {
        client.get().putParameter(b -> b.name(name).value(slot).type(ParameterType.STRING).overwrite(true));
    }
}
