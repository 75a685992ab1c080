package maplab.measure.race;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import maplab.subject.concurrent.SharedMapType;

/**
 * The numbered trials of a races run, shared by the experiment (parent) and {@link RaceWorker}
 * (child): first every subject's put trials, then every subject's iteration trials; within a
 * phase, subject by subject, {@code runs} trials each. Then the {@link Extra} trials, each kind
 * {@code extraRuns} times, in declaration order. Item {@code i} has its own seed.
 */
public record RacePlan(List<SharedMapType> subjects, int runs, long seed, int extraRuns) {

    /** What a trial does. */
    public enum Phase { PUTS, ITERATION }

    /**
     * The trials that test one source claim each, on a fixed map: a plain {@code get} racing
     * {@code put} on {@code HashMap}; puts into a presized {@code HashMap} (no resize during the
     * race); puts by a crowd of threads into the single-writer map; puts into maplab's
     * incrementally resizing map. {@link #id()} is the rows' {@code phase}, {@link #subject()} their {@code subject}.
     */
    public enum Extra {
        GETS_DURING_PUTS("hashmap"),
        PRESIZED_PUTS("hashmap_presized"),
        CROWD_PUTS("single_writer"),
        /** Last: its trials often hang (a corrupted table probed for ever), and a hang ends its block. */
        INCREMENTAL_PUTS("incremental_probe_map");

        private final String subject;

        Extra(String subject) { this.subject = subject; }

        /** The rows' {@code phase} value, e.g. {@code "gets_during_puts"}. */
        public String id() { return name().toLowerCase(Locale.ROOT); }

        /** The rows' {@code subject} value: which map the trials race. */
        public String subject() { return subject; }

        /** The kind with this phase id, or null for a main phase ("puts", "iteration"). */
        public static Extra ofPhase(String phase) {
            for (Extra e : values()) if (e.id().equals(phase)) return e;
            return null;
        }
    }

    /** One trial: which phase, subject and run, and its seed. */
    public record Trial(int index, Phase phase, SharedMapType subject, int run, long seed) {
        /** The block (phase and subject) this trial belongs to, numbered from 0. */
        public int block(int runs) { return index / runs; }
    }

    /** One extra trial: its kind, run and seed, and its block (numbered after the main trials' blocks). */
    public record ExtraTrial(int index, Extra extra, int run, long seed, int block) { }

    public RacePlan {
        if (subjects.isEmpty()) throw new IllegalArgumentException("subjects: must not be empty");
        if (runs < 1) throw new IllegalArgumentException("runs: bad value " + runs + "; allowed: a whole number from 1");
        if (extraRuns < 0) throw new IllegalArgumentException("extra_runs: bad value " + extraRuns + "; allowed: a whole number from 0");
        subjects = List.copyOf(subjects);
    }

    /** A plan without extra trials. */
    public RacePlan(List<SharedMapType> subjects, int runs, long seed) {
        this(subjects, runs, seed, 0);
    }

    /** All trials. */
    public int size() {
        return mainSize() + Extra.values().length * extraRuns;
    }

    /** Blocks of trials (a phase of one subject, or one extra kind): the progress steps. */
    public int blocks() {
        return 2 * subjects.size() + (extraRuns > 0 ? Extra.values().length : 0);
    }

    private int mainSize() {
        return 2 * subjects.size() * runs;
    }

    /** Whether item {@code index} is an {@link Extra} trial. */
    public boolean isExtra(int index) {
        return index >= mainSize() && index < size();
    }

    public Trial trial(int index) {
        if (index < 0 || index >= mainSize()) throw new IndexOutOfBoundsException("trial " + index + " of " + mainSize());
        int perPhase = subjects.size() * runs;
        Phase phase = index < perPhase ? Phase.PUTS : Phase.ITERATION;
        int inPhase = index % perPhase;
        return new Trial(index, phase, subjects.get(inPhase / runs), inPhase % runs, trialSeed(index));
    }

    public ExtraTrial extraTrial(int index) {
        if (!isExtra(index)) throw new IndexOutOfBoundsException("extra trial " + index + ": extra trials are " + mainSize() + " to " + (size() - 1));
        int inExtras = index - mainSize();
        return new ExtraTrial(index, Extra.values()[inExtras / extraRuns], inExtras % extraRuns, trialSeed(index),
                2 * subjects.size() + inExtras / extraRuns);
    }

    private long trialSeed(int index) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1))).nextLong();
    }

    /** The first item after the block (phase and subject, or extra kind) of {@code index}. */
    public int nextBlock(int index) {
        if (isExtra(index)) return mainSize() + ((index - mainSize()) / extraRuns + 1) * extraRuns;
        return (index / runs + 1) * runs;
    }
}
