package maplab.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Real English words: Debian's {@code wamerican} list (SCOWL), shipped in
 * {@code data/words/} with its licence note and packaged as a class-path resource.
 */
public final class Words {
    private Words() { }

    static final String RESOURCE = "/maplab/words/american-english";
    private static volatile List<String> all;

    /** Every distinct word, in the corpus's (sorted) order. */
    public static List<String> all() {
        List<String> w = all;
        if (w == null) {
            try (InputStream in = Words.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("word corpus " + RESOURCE + " is not on the class path (rebuild lib/core)");
                Set<String> words = new LinkedHashSet<>();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) if (!line.isBlank()) words.add(line.strip());
                }
                w = List.copyOf(words);
                all = w;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return w;
    }

    /** {@code n} distinct words drawn at random (seeded), in random order. */
    public static String[] sample(int n, long seed) {
        List<String> words = all();
        if (n < 0 || n > words.size()) {
            throw new IllegalArgumentException("n: bad value '" + n + "'; allowed: a whole number from 0 to " + words.size() + " (the words in the corpus)");
        }
        String[] a = words.toArray(String[]::new);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {   // partial Fisher-Yates: the first n are a uniform sample
            int j = i + r.nextInt(a.length - i);
            String t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return java.util.Arrays.copyOf(a, n);
    }
}
