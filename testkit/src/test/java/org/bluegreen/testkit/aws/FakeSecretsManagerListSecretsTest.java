package org.bluegreen.testkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidNextTokenException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** ListSecrets as the API reference describes it: prefix filters, pages and the metadata of each secret. */
class FakeSecretsManagerListSecretsTest {
    private final FakeSecretsManager sm = new FakeSecretsManager(new MutableClock(Instant.parse("2025-01-01T00:00:00Z")));

    private void secret(String name, String... tagKeys) {
        List<Tag> tags = new ArrayList<>();
        for (String key : tagKeys) {
            tags.add(Tag.builder().key(key).value("v-" + key).build());
        }
        sm.createSecret(r -> r.name(name).secretString("{}").tags(tags));
    }

    private List<String> names(Filter... filters) {
        return sm.listSecrets(r -> r.filters(filters)).secretList().stream().map(SecretListEntry::name).toList();
    }

    private static Filter filter(FilterNameStringType key, String... values) {
        return Filter.builder().key(key).values(values).build();
    }

    @Test
    void tagKeyIsACaseSensitivePrefixMatchAndValuesAreAlternatives() {
        secret("a", "bluegreen:slot");
        secret("b", "bluegreen:pointer-parameter", "team");
        secret("c", "BlueGreen:slot");
        secret("d", "team");
        assertEquals(List.of("a", "b"), names(filter(FilterNameStringType.TAG_KEY, "bluegreen:")));
        assertEquals(List.of("a", "b", "d"), names(filter(FilterNameStringType.TAG_KEY, "bluegreen:", "team")));
        assertEquals(List.of("c", "d"), names(filter(FilterNameStringType.TAG_KEY, "!bluegreen:")));
        assertEquals(List.of("b"), names(filter(FilterNameStringType.TAG_KEY, "bluegreen:"), filter(FilterNameStringType.NAME, "b")),
                "several filters must all match");
        assertEquals(List.of("a", "b", "c", "d"), names());
    }

    @Test
    void pagesUntilNoNextToken() {
        for (int i = 0; i < 7; i++) {
            secret("s" + i, "bluegreen:slot");
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListSecretsResponse page = sm.listSecrets(r -> r.maxResults(3).nextToken(t));
            page.secretList().forEach(e -> seen.add(e.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(3, pages);
        assertEquals(List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6"), seen);
        assertThrows(InvalidParameterException.class, () -> sm.listSecrets(r -> r.maxResults(101)));
        assertThrows(InvalidNextTokenException.class, () -> sm.listSecrets(r -> r.nextToken("nonsense")));
    }

    @Test
    void entriesCarryTagsRotationAndLabelsButNoValue() {
        secret("app-blue", "bluegreen:slot");
        sm.enableRotation("app-blue", "arn:aws:lambda:us-east-1:123456789012:function:rotator", "rate(30 days)");
        sm.stagePendingVersion("app-blue", "tok");
        SecretListEntry e = sm.listSecrets(r -> { }).secretList().get(0);
        assertEquals(Map.of("bluegreen:slot", "v-bluegreen:slot"), Map.of(e.tags().get(0).key(), e.tags().get(0).value()));
        assertEquals(Boolean.TRUE, e.rotationEnabled());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:rotator", e.rotationLambdaARN());
        assertEquals(Instant.parse("2025-01-31T00:00:00Z"), e.nextRotationDate());
        assertEquals(List.of("AWSPENDING"), e.secretVersionsToStages().get("tok"));
        assertNull(e.lastRotatedDate());
    }
}
