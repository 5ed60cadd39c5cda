package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.doctor.Check;
import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.doctor.NotChecked;
import org.bluegreen.cli.aws.RdsProxies;
import org.bluegreen.cli.pair.Role;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * An RDS proxy in front of the pair's database authenticates each database user with that user's own secret, so
 * it must list both slots' secrets: with one, the other slot's tasks cannot log in through it once the pointer
 * moves there. And the secrets must name the database, not a proxy: the rotation logs in and counts live sessions
 * on the real server. Read-only RDS calls only; without RDS Proxy the check passes. Only WARNs: the doctor cannot
 * see whether the app connects through the proxy.
 */
public final class ProxyKnowsBothSecrets implements Check {

    @Override
    public String name() {
        return "proxy";
    }

    @Override
    public List<CheckResult> run(Facts facts) {
        Set<String> hosts = new LinkedHashSet<>();
        for (Role role : Role.values()) {
            hosts.add(RdsProxies.host(facts.current(role).host()));
        }
        String shownHosts = String.join(", ", hosts.stream().map(h -> quote(h)).toList());
        List<RdsProxies.Proxy> proxies;
        try {
            proxies = facts.proxies();
        } catch (NotChecked e) {
            return List.of(CheckResult.warn(name(), "not checked: " + e.getMessage(),
                    "only needed with RDS Proxy: allow rds:DescribeDBProxies, rds:DescribeDBProxyTargets and"
                            + " rds:DescribeDBProxyEndpoints for the role you run as"));
        }
        List<CheckResult> results = new ArrayList<>();
        for (RdsProxies.Proxy proxy : proxies) {
            if (proxy.endpoints().stream().anyMatch(hosts::contains)) {
                results.add(CheckResult.warn(name(), "the secrets' host " + shownHosts + " is an endpoint of RDS proxy "
                                + quote(proxy.name()) + ": the rotation must log in to the database itself, and counts the proxy's pooled"
                                + " connections as live sessions",
                        "put the database's endpoint in the secrets' host and give the app the proxy's endpoint"
                                + " (docs/deployment.md, RDS Proxy)"));
            }
            if (proxy.targetHosts().stream().noneMatch(hosts::contains)) {
                continue;
            }
            List<String> unknown = new ArrayList<>();
            for (Role role : Role.values()) {
                if (!proxy.secretArns().contains(facts.meta(role).arn())) {
                    unknown.add(facts.meta(role).name());
                }
            }
            if (unknown.isEmpty()) {
                results.add(CheckResult.pass(name(), "RDS proxy " + quote(proxy.name()) + " in front of " + shownHosts
                        + " authenticates with both secrets"));
            } else {
                results.add(CheckResult.warn(name(), "RDS proxy " + quote(proxy.name()) + " in front of " + shownHosts
                                + " does not list " + String.join(" and ", unknown) + " in its Auth: clients of "
                                + (unknown.size() == 1 ? "that slot" : "either slot") + " cannot log in through it",
                        "add each slot's secret to the proxy's Auth (one entry per secret, AuthScheme SECRETS) and allow the"
                                + " proxy's role secretsmanager:GetSecretValue on it"));
            }
        }
        if (results.isEmpty()) {
            results.add(CheckResult.pass(name(), "no RDS proxy in front of " + shownHosts));
        }
        return results;
    }
}
