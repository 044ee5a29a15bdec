package io.reqldb.query.terms.seq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RethinkDbStableSortTest {
    /** Pairs of (key, original position): stability shows in the positions of equal keys. */
    private record Item(int key, int position) {
    }

    @Test
    void sortsStablyForEveryLengthAcrossTheRunAndHalfBoundaries() {
        Random random = new Random(17);
        for (int n = 0; n <= 70; n++) {
            for (int trial = 0; trial < 20; trial++) {
                List<Item> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(new Item(random.nextInt(Math.max(1, n / 3)), i));
                }
                List<Item> expected = new ArrayList<>(items);
                expected.sort(Comparator.comparingInt(Item::key));
                RethinkDbStableSort.sort(items, (a, b) -> a.key() < b.key());
                assertThat(items).as("n=%d", n).isEqualTo(expected);
            }
        }
    }

    /** libstdc++'s first comparisons: the second element against the first; the halves merged from the back. */
    @Test
    void comparesInTheOrderOfStdStableSort() {
        List<String> asked = new ArrayList<>();
        RethinkDbStableSort.sort(new ArrayList<>(List.of(3, 1, 2)), (a, b) -> {
            asked.add(a + "<" + b);
            return a < b;
        });
        assertThat(asked).containsExactly("1<3", "2<3", "2<1");

        List<Integer> firstTouched = new ArrayList<>();
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(i);
        }
        RethinkDbStableSort.sort(items, (a, b) -> {
            for (int x : new int[] {a, b}) {
                if (!firstTouched.contains(x)) {
                    firstTouched.add(x);
                }
            }
            return a < b;
        });
        // runs of 7 within the first half [0, 10): [0, 7) then [7, 10); the second half starts at 10
        assertThat(firstTouched.subList(0, 12)).containsExactly(1, 0, 2, 3, 4, 5, 6, 8, 7, 9, 11, 10);
    }
}
