package org.bluegreen.rotator.scenario;

import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ssm.model.Parameter;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What something that must change nothing has to leave as it was: each secret's versions, labels and AWSCURRENT
 * value, the pointer, each service's deployments, and which of the known passwords (by index) log in as whom.
 */
public record PairSnapshot(Map<String, List<String>> blueStages, Map<String, List<String>> greenStages, String blueValue,
                           String greenValue, Parameter pointer, Map<String, List<Deployment>> deployments,
                           List<String> logins) {

    public static PairSnapshot of(BlueGreenPair p) throws SQLException {
        Map<String, List<Deployment>> deployments = new LinkedHashMap<>();
        BlueGreenPair.SERVICES.forEach(s -> deployments.put(s, p.deployments(s)));
        List<String> known = p.leaks.known();
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < known.size(); i++) {
            if (p.db.logsIn(p.blueUser, known.get(i))) {
                logins.add("blue:" + i);
            }
            if (p.db.logsIn(p.greenUser, known.get(i))) {
                logins.add("green:" + i);
            }
        }
        return new PairSnapshot(p.stages(p.blueArn), p.stages(p.greenArn), p.secretString(p.blueArn, null, "AWSCURRENT"),
                p.secretString(p.greenArn, null, "AWSCURRENT"), p.pointer(), deployments, logins);
    }
}
