package org.bluegreen.cli.aws;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one paging loop: it ends on a missing, an empty or a repeated token, having read each page once. */
class PagingTest {

    /** Pages answered in order; each answer is the token the page gives for its successor. */
    private static List<String> requested(String... answers) {
        List<String> tokens = new ArrayList<>();
        List<String> next = new ArrayList<>(Arrays.asList(answers));
        Paging.all(token -> {
            tokens.add(token);
            return next.remove(0);
        }, answer -> answer);
        return tokens;
    }

    @Test
    void aMissingTokenEndsTheListing() {
        assertEquals(Arrays.asList(null, "2", "3"), requested("2", "3", null));
    }

    @Test
    void anEmptyTokenEndsTheListingAsMotoAnswersTheLastPage() {
        assertEquals(Arrays.asList(null, "2"), requested("2", ""));
    }

    @Test
    void aTokenSeenBeforeEndsTheListingInsteadOfLoopingForever() {
        assertEquals(Arrays.asList(null, "2", "3"), requested("2", "3", "2", "3"));
        assertEquals(Arrays.asList(null, "same"), requested("same", "same"));
    }
}
