package org.bluegreen.cli.aws;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The one paging loop of the CLI: asks for pages until the token runs out. A token that is missing, empty (moto
 * answers {@code "NextToken": ""} on a last page) or one already seen (a service that would loop) ends the listing.
 */
final class Paging {

    private Paging() {
    }

    /**
     * @param page      fetches the page for a token (null for the first page) and consumes its items
     * @param nextToken the token of that page's successor, as the response gives it
     */
    static <R> void all(Function<String, R> page, Function<R, String> nextToken) {
        Set<String> seen = new HashSet<>();
        String token = null;
        while (true) {
            String next = nextToken.apply(page.apply(token));
            if (next == null || next.isEmpty() || !seen.add(next)) {
                return;
            }
            token = next;
        }
    }
}
