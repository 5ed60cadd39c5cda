package org.bluegreen.testkit.aws;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBProxy;
import software.amazon.awssdk.services.rds.model.DBProxyEndpoint;
import software.amazon.awssdk.services.rds.model.DBProxyTarget;
import software.amazon.awssdk.services.rds.model.DbProxyNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbProxiesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbProxiesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbProxyEndpointsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbProxyEndpointsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbProxyTargetsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbProxyTargetsResponse;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.UserAuthConfigInfo;

/**
 * In-memory RDS, only the read-only RDS Proxy operations the operator CLI uses, as the API reference describes
 * them: {@code DescribeDBProxies} (all proxies, or one by {@code DBProxyName}), {@code DescribeDBProxyTargets}
 * (a proxy's default target group) and {@code DescribeDBProxyEndpoints} (additional endpoints). Each pages with
 * {@code MaxRecords} (20 to 100, default 100) and {@code Marker}; an unknown proxy name is
 * {@code DBProxyNotFoundFault}. Not served by {@link LocalAwsEndpoint}: RDS speaks the query protocol.
 *
 * <pre>{@code
 * FakeRds rds = new FakeRds(clock);
 * rds.addProxy("app-proxy", "app-proxy.proxy-abc.us-east-1.rds.amazonaws.com",
 *         List.of("app.abc.us-east-1.rds.amazonaws.com"), List.of(blueArn));
 * }</pre>
 */
public final class FakeRds extends FakeAwsService implements RdsClient {

    private record Proxy(String name, String endpoint, List<String> targets, List<String> secretArns,
                         List<DBProxyEndpoint> extraEndpoints) {}

    private final Map<String, Proxy> proxies = new LinkedHashMap<>();

    public FakeRds(Clock clock) {
        super(clock, "Rds");
    }

    /**
     * A proxy with its default endpoint, the host names of its targets (instances or cluster writer endpoints,
     * port 5432) and the secrets of its {@code Auth} list ({@code AuthScheme SECRETS}, IAM auth disabled).
     */
    public synchronized void addProxy(String name, String endpoint, List<String> targetHosts, List<String> secretArns) {
        proxies.put(name, new Proxy(name, endpoint, List.copyOf(targetHosts), List.copyOf(secretArns), new ArrayList<>()));
    }

    /** An additional (reader or writer) endpoint of a proxy. */
    public synchronized void addProxyEndpoint(String proxyName, String endpointName, String host) {
        proxies.get(proxyName).extraEndpoints().add(DBProxyEndpoint.builder().dbProxyEndpointName(endpointName)
                .dbProxyName(proxyName).endpoint(host).status("available").isDefault(false).build());
    }

    @Override
    public DescribeDbProxiesResponse describeDBProxies(DescribeDbProxiesRequest request) {
        return call("DescribeDBProxies", () -> {
            List<Proxy> selected = request.dbProxyName() == null ? List.copyOf(proxies.values()) : List.of(proxy(request.dbProxyName()));
            Page<DBProxy> page = page(selected, request.maxRecords(), request.marker(), p -> DBProxy.builder()
                    .dbProxyName(p.name())
                    .dbProxyArn("arn:aws:rds:" + REGION + ":" + ACCOUNT_ID + ":db-proxy:prx-" + p.name())
                    .status("available")
                    .engineFamily("POSTGRESQL")
                    .endpoint(p.endpoint())
                    .auth(p.secretArns().stream().map(arn -> UserAuthConfigInfo.builder().authScheme("SECRETS")
                            .secretArn(arn).iamAuth("DISABLED").clientPasswordAuthType("POSTGRES_SCRAM_SHA_256").build()).toList())
                    .build());
            return DescribeDbProxiesResponse.builder().dbProxies(page.items()).marker(page.marker()).build();
        });
    }

    @Override
    public DescribeDbProxyTargetsResponse describeDBProxyTargets(DescribeDbProxyTargetsRequest request) {
        return call("DescribeDBProxyTargets", () -> {
            if (request.dbProxyName() == null) {
                throw invalidParameter("DBProxyName is required.");
            }
            Proxy p = proxy(request.dbProxyName());
            Page<DBProxyTarget> page = page(p.targets(), request.maxRecords(), request.marker(), host -> DBProxyTarget.builder()
                    .endpoint(host).port(5432).type("RDS_INSTANCE").role("READ_WRITE").build());
            return DescribeDbProxyTargetsResponse.builder().targets(page.items()).marker(page.marker()).build();
        });
    }

    @Override
    public DescribeDbProxyEndpointsResponse describeDBProxyEndpoints(DescribeDbProxyEndpointsRequest request) {
        return call("DescribeDBProxyEndpoints", () -> {
            List<DBProxyEndpoint> all = new ArrayList<>();
            for (Proxy p : request.dbProxyName() == null ? List.copyOf(proxies.values()) : List.of(proxy(request.dbProxyName()))) {
                all.addAll(p.extraEndpoints());
            }
            Page<DBProxyEndpoint> page = page(all, request.maxRecords(), request.marker(), e -> e);
            return DescribeDbProxyEndpointsResponse.builder().dbProxyEndpoints(page.items()).marker(page.marker()).build();
        });
    }

    private record Page<T>(List<T> items, String marker) {}

    private <S, T> Page<T> page(List<S> all, Integer maxRecords, String marker, Function<S, T> map) {
        int max = maxRecords == null ? 100 : maxRecords;
        if (max < 20 || max > 100) {
            throw invalidParameter("MaxRecords must be between 20 and 100.");
        }
        int from;
        try {
            from = marker == null ? 0 : Integer.parseInt(marker);
        } catch (NumberFormatException e) {
            throw invalidParameter("Invalid marker.");
        }
        if (from < 0 || from > all.size()) {
            throw invalidParameter("Invalid marker.");
        }
        int to = Math.min(all.size(), from + max);
        return new Page<>(all.subList(from, to).stream().map(map).toList(), to < all.size() ? String.valueOf(to) : null);
    }

    private Proxy proxy(String name) {
        Proxy p = proxies.get(name);
        if (p == null) {
            throw error(DbProxyNotFoundException.builder(), "DBProxyNotFoundFault", "The specified proxy name " + name
                    + " doesn't correspond to a proxy owned by your Amazon Web Services account in the specified Amazon Web Services Region.");
        }
        return p;
    }

    private RuntimeException invalidParameter(String message) {
        return error(RdsException.builder(), "InvalidParameterValue", message);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
