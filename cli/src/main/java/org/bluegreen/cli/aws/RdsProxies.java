package org.bluegreen.cli.aws;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBProxy;
import software.amazon.awssdk.services.rds.model.DBProxyEndpoint;
import software.amazon.awssdk.services.rds.model.DBProxyTarget;
import software.amazon.awssdk.services.rds.model.DescribeDbProxiesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbProxyEndpointsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbProxyTargetsResponse;
import software.amazon.awssdk.services.rds.model.UserAuthConfigInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The account's RDS proxies, read with three read-only calls and nothing else: {@code DescribeDBProxies} (each
 * proxy's endpoint and {@code Auth} list), {@code DescribeDBProxyTargets} (the databases of its default target
 * group) and {@code DescribeDBProxyEndpoints} (its additional endpoints). All pages ({@link Paging}).
 */
public final class RdsProxies {

    /**
     * @param endpoints   host names clients connect to (the default endpoint and any additional one), lower-case
     * @param targetHosts host names of the databases behind it, lower-case
     * @param secretArns  the secrets of its {@code Auth} list
     */
    public record Proxy(String name, Set<String> endpoints, Set<String> targetHosts, Set<String> secretArns) {
    }

    private final RdsClient client;

    public RdsProxies(RdsClient client) {
        this.client = client;
    }

    public List<Proxy> all() {
        Map<String, Set<String>> extraEndpoints = new HashMap<>();
        Paging.all(m -> client.describeDBProxyEndpoints(b -> b.marker(m)), (DescribeDbProxyEndpointsResponse r) -> {
            for (DBProxyEndpoint e : r.dbProxyEndpoints()) {
                extraEndpoints.computeIfAbsent(e.dbProxyName(), k -> new LinkedHashSet<>()).add(host(e.endpoint()));
            }
            return r.marker();
        });

        List<Proxy> proxies = new ArrayList<>();
        Paging.all(m -> client.describeDBProxies(b -> b.marker(m)), (DescribeDbProxiesResponse r) -> {
            for (DBProxy p : r.dbProxies()) {
                Set<String> endpoints = new LinkedHashSet<>();
                endpoints.add(host(p.endpoint()));
                endpoints.addAll(extraEndpoints.getOrDefault(p.dbProxyName(), Set.of()));
                Set<String> secrets = new LinkedHashSet<>();
                p.auth().stream().map(UserAuthConfigInfo::secretArn).filter(Objects::nonNull).forEach(secrets::add);
                proxies.add(new Proxy(p.dbProxyName(), endpoints, targets(p.dbProxyName()), secrets));
            }
            return r.marker();
        });
        return proxies;
    }

    private Set<String> targets(String proxyName) {
        Set<String> hosts = new LinkedHashSet<>();
        Paging.all(m -> client.describeDBProxyTargets(b -> b.dbProxyName(proxyName).marker(m)), (DescribeDbProxyTargetsResponse r) -> {
            for (DBProxyTarget t : r.targets()) {
                if (t.endpoint() != null) {
                    hosts.add(host(t.endpoint()));
                }
            }
            return r.marker();
        });
        return hosts;
    }

    /** DNS names compare without case. */
    public static String host(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }
}
