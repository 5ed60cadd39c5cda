package org.bluegreen.cli.status;

import org.bluegreen.cli.aws.LabelledVersion;
import org.bluegreen.cli.aws.RotationSchedule;
import org.bluegreen.cli.output.Json;
import org.bluegreen.cli.output.Table;
import org.bluegreen.cli.output.Times;
import org.bluegreen.cli.pair.Slot;
import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.ServiceState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** Renders a {@link PairStatus} as tables for people or as JSON for scripts. */
public final class StatusView {

    private StatusView() {
    }

    public static String text(PairStatus s) {
        StringBuilder out = new StringBuilder();
        PointerState p = s.pointer();
        if (p == null) {
            out.append("Pointer   unavailable: ").append(s.pointerError()).append('\n');
        } else {
            out.append("Pointer   ").append(p.name()).append(" = ").append(p.slot())
                    .append("  (version ").append(p.version()).append(", changed ")
                    .append(Times.atWithAge(p.lastModified(), s.readAt())).append(")\n");
            out.append("Live      ").append(s.live()
                    .map(slot -> "slot " + quote(slot.pointerValue()) + ": secret " + slot.name() + " (--" + slot.role() + ")")
                    .orElse("none: the pointer names neither slot (" + quote(s.pair().blue().pointerValue()) + ", "
                            + quote(s.pair().green().pointerValue()) + ")")).append('\n');
        }
        out.append('\n');

        Table secrets = new Table("SECRET", "ROLE", "SLOT", "LIVE", "ROTATION", "FUNCTION", "SCHEDULE", "LAST ROTATED", "NEXT ROTATION");
        Table versions = new Table("SECRET", "VERSION", "STAGES", "CREATED");
        for (PairStatus.SecretStatus secret : s.secrets()) {
            Slot slot = secret.slot();
            RotationSchedule r = secret.rotation();
            secrets.row(slot.name(), slot.role(), slot.pointerValue(), isLive(s, slot) ? "yes" : "no",
                    r.enabled() ? "enabled" : "disabled", functionName(r.lambdaArn()), r.schedule()
                            + (r.window() == null ? "" : " window " + r.window()),
                    Times.at(r.lastRotated()), Times.at(r.nextRotation()));
            for (LabelledVersion v : secret.versions()) {
                versions.row(slot.name(), v.versionId(), String.join(",", v.stages()), Times.at(v.createdDate()));
            }
        }
        out.append(secrets.render()).append('\n');
        out.append(versions.render()).append('\n');

        out.append("Services in cluster ").append(s.pair().cluster()).append('\n');
        if (s.servicesError() != null) {
            out.append("  unavailable: ").append(s.servicesError()).append('\n');
        } else {
            Table services = new Table("SERVICE", "DEPLOYMENT", "STATUS", "ROLLOUT", "RUNNING/DESIRED", "AGE");
            for (ServiceState svc : s.services()) {
                for (ServiceState.DeploymentState d : svc.deployments()) {
                    services.row(svc.name(), d.id(), d.status(), d.rolloutState() == null ? "-" : d.rolloutState(),
                            d.runningCount() + "/" + d.desiredCount(), Times.age(d.createdAt(), s.readAt()));
                }
            }
            out.append(services.render());
        }
        return out.toString();
    }

    public static String json(PairStatus s) {
        List<Object> secrets = new ArrayList<>();
        for (PairStatus.SecretStatus secret : s.secrets()) {
            Slot slot = secret.slot();
            RotationSchedule r = secret.rotation();
            List<Object> versions = secret.versions().stream()
                    .map(v -> (Object) Json.object("versionId", v.versionId(), "stages", v.stages(),
                            "created", v.createdDate(), "lastAccessed", v.lastAccessedDate()))
                    .toList();
            secrets.add(Json.object("role", slot.role().toString(), "name", slot.name(), "arn", slot.arn(),
                    "slot", slot.pointerValue(), "live", isLive(s, slot),
                    "rotation", Json.object("enabled", r.enabled(), "lambdaArn", r.lambdaArn(),
                            "schedule", r.schedule(), "window", r.window(),
                            "lastRotated", r.lastRotated(), "nextRotation", r.nextRotation()),
                    "versions", versions));
        }
        PointerState p = s.pointer();
        Map<String, Object> pointer = p == null
                ? Json.object("name", s.pair().pointerParameter(), "error", s.pointerError())
                : Json.object("name", p.name(), "value", p.slot(), "version", p.version(), "lastModified", p.lastModified(),
                        "liveSecret", s.live().map(Slot::name).orElse(null));
        List<Object> services = s.services().stream()
                .map(svc -> (Object) Json.object("name", svc.name(), "steady", svc.isSteady(),
                        "deployments", svc.deployments().stream()
                                .map(d -> (Object) Json.object("id", d.id(), "status", d.status(),
                                        "rolloutState", d.rolloutState(), "runningCount", d.runningCount(),
                                        "desiredCount", d.desiredCount(), "createdAt", d.createdAt()))
                                .toList()))
                .toList();
        return Json.write(Json.object("readAt", s.readAt(), "pointer", pointer, "secrets", secrets,
                "cluster", s.pair().cluster(), "services", services, "servicesError", s.servicesError()));
    }

    private static boolean isLive(PairStatus s, Slot slot) {
        return s.live().map(l -> l.role() == slot.role()).orElse(false);
    }

    /** {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME} → {@code NAME}; the JSON keeps the whole ARN. */
    public static String functionName(String arn) {
        if (arn == null) {
            return "-";
        }
        int i = arn.indexOf(":function:");
        return i < 0 ? arn : arn.substring(i + ":function:".length());
    }
}
