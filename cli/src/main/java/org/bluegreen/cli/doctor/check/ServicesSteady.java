package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.doctor.Check;
import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.pair.Pair;
import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.ServiceState;
import org.bluegreen.rotator.rotation.DrainCheck;

import java.util.ArrayList;
import java.util.List;

/**
 * Every service is steady and was redeployed after the pointer last changed, so no task still runs with the
 * inactive slot: the rotation's own drain rule ({@link DrainCheck}), applied before the rotation does.
 */
public final class ServicesSteady implements Check {

    @Override
    public String name() {
        return "services";
    }

    @Override
    public List<CheckResult> run(Facts facts) {
        Pair pair = facts.pair();
        PointerState pointer = facts.pointer();
        List<ServiceState> services = facts.services();
        List<CheckResult> results = new ArrayList<>();
        for (ServiceState service : services) {
            for (String problem : DrainCheck.servicesProblems(List.of(service), pointer)) {
                String fix = service.isSteady()
                        ? "run `bluegreen recover` for this pair, or: aws ecs update-service --cluster " + pair.cluster()
                        + " --service " + service.name() + " --force-new-deployment"
                        : "wait for the rollout to finish: aws ecs wait services-stable --cluster " + pair.cluster()
                        + " --services " + service.name();
                results.add(CheckResult.fail(name(), problem, fix));
            }
        }
        if (results.isEmpty()) {
            results.add(CheckResult.pass(name(), services.size() + " service(s) in " + pair.cluster() + " steady and redeployed"
                    + " since the pointer last changed: " + String.join(", ", services.stream().map(ServiceState::name).toList())));
        }
        return results;
    }
}
