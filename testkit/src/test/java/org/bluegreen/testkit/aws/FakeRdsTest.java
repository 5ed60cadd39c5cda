package org.bluegreen.testkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.model.DBProxy;
import software.amazon.awssdk.services.rds.model.DbProxyNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbProxiesResponse;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.UserAuthConfigInfo;

/** The RDS Proxy reads as the API reference describes them: pages of 20 to 100, an unknown name is a fault. */
class FakeRdsTest {
    private final FakeRds rds = new FakeRds(new MutableClock(Instant.parse("2025-01-01T00:00:00Z")));

    @Test
    void proxiesComeWithTheirEndpointTargetsAndAuthSecrets() {
        rds.addProxy("app-proxy", "app-proxy.proxy-x.us-east-1.rds.amazonaws.com", List.of("db.x.us-east-1.rds.amazonaws.com"),
                List.of("arn:blue", "arn:green"));
        rds.addProxyEndpoint("app-proxy", "reader", "reader.endpoint.proxy-x.us-east-1.rds.amazonaws.com");
        DBProxy p = rds.describeDBProxies(r -> r.dbProxyName("app-proxy")).dbProxies().get(0);
        assertEquals("app-proxy.proxy-x.us-east-1.rds.amazonaws.com", p.endpoint());
        assertEquals(List.of("arn:blue", "arn:green"), p.auth().stream().map(UserAuthConfigInfo::secretArn).toList());
        assertEquals("db.x.us-east-1.rds.amazonaws.com",
                rds.describeDBProxyTargets(r -> r.dbProxyName("app-proxy")).targets().get(0).endpoint());
        assertEquals("reader.endpoint.proxy-x.us-east-1.rds.amazonaws.com",
                rds.describeDBProxyEndpoints(r -> r.dbProxyName("app-proxy")).dbProxyEndpoints().get(0).endpoint());
        assertThrows(DbProxyNotFoundException.class, () -> rds.describeDBProxies(r -> r.dbProxyName("other")));
        assertThrows(DbProxyNotFoundException.class, () -> rds.describeDBProxyTargets(r -> r.dbProxyName("other")));
    }

    @Test
    void pagesOfAtLeastTwenty() {
        for (int i = 0; i < 45; i++) {
            rds.addProxy("p" + i, "p" + i + ".proxy", List.of(), List.of());
        }
        List<String> names = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            DescribeDbProxiesResponse page = rds.describeDBProxies(r -> r.maxRecords(20).marker(m));
            page.dbProxies().forEach(p -> names.add(p.dbProxyName()));
            marker = page.marker();
            pages++;
        } while (marker != null);
        assertEquals(3, pages);
        assertEquals(45, names.size());
        assertNull(rds.describeDBProxies(r -> { }).marker(), "100 a page by default");
        assertThrows(RdsException.class, () -> rds.describeDBProxies(r -> r.maxRecords(10)));
    }
}
