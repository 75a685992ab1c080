package maplab.subject.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many seeded runs per thread-safe subject: threads put and remove their own keys (and read
 * everyone's) at the same time; afterwards the map must hold exactly what each thread's own
 * model says, whatever the interleaving.
 */
class SharedMapStressTest {

    static final int THREADS = 4;
    static final int RUNS = 25;
    static final int KEYS_PER_THREAD = 200;
    static final int OPS_PER_THREAD = 1_000;

    static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(value = SharedMapType.class, names = {"HASHMAP", "USER"}, mode = EnumSource.Mode.EXCLUDE)
    void finalContentsMatchTheExpectedSet(SharedMapType type) throws Exception {
        for (int run = 0; run < RUNS; run++) {
            long seed = 1000L * type.ordinal() + run;
            try (SharedMap<Integer, Integer> map = type.create()) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Map<Integer, Integer>>> models = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    models.add(pool.submit(() -> {
                        SplittableRandom random = new SplittableRandom(seed * 31 + thread);
                        Map<Integer, Integer> mine = new HashMap<>();
                        start.await();
                        for (int i = 0; i < OPS_PER_THREAD; i++) {
                            Integer own = thread * KEYS_PER_THREAD + random.nextInt(KEYS_PER_THREAD);
                            switch (random.nextInt(4)) {
                                case 0, 1 -> {
                                    Integer v = random.nextInt();
                                    assertThat(map.put(own, v)).isEqualTo(mine.put(own, v));
                                }
                                case 2 -> assertThat(map.remove(own)).isEqualTo(mine.remove(own));
                                default -> {
                                    assertThat(map.get(own)).isEqualTo(mine.get(own));  // read your own writes
                                    map.get(random.nextInt(THREADS * KEYS_PER_THREAD));  // and anyone's
                                }
                            }
                        }
                        return mine;
                    }));
                }
                start.countDown();
                Map<Integer, Integer> expected = new HashMap<>();
                for (Future<Map<Integer, Integer>> f : models) expected.putAll(f.get(60, TimeUnit.SECONDS));
                assertThat(map.copy()).as("%s run %d (seed %d)", type, run, seed).isEqualTo(expected);
                assertThat(map.size()).isEqualTo(expected.size());
            }
        }
    }
}
