package maplab.measure.race;

import java.util.List;
import java.util.SplittableRandom;
import maplab.subject.concurrent.SharedMapType;

/**
 * The numbered trials of a races run, shared by the experiment (parent) and {@link RaceWorker}
 * (child): first every subject's put trials, then every subject's iteration trials; within a
 * phase, subject by subject, {@code runs} trials each. Item {@code i} has its own seed.
 */
public record RacePlan(List<SharedMapType> subjects, int runs, long seed) {

    /** What a trial does. */
    public enum Phase { PUTS, ITERATION }

    /** One trial: which phase, subject and run, and its seed. */
    public record Trial(int index, Phase phase, SharedMapType subject, int run, long seed) {
        /** The block (phase and subject) this trial belongs to, numbered from 0. */
        public int block(int runs) { return index / runs; }
    }

    public RacePlan {
        if (subjects.isEmpty()) throw new IllegalArgumentException("subjects: must not be empty");
        if (runs < 1) throw new IllegalArgumentException("runs: bad value " + runs + "; allowed: a whole number from 1");
        subjects = List.copyOf(subjects);
    }

    /** All trials. */
    public int size() {
        return 2 * subjects.size() * runs;
    }

    public Trial trial(int index) {
        if (index < 0 || index >= size()) throw new IndexOutOfBoundsException("trial " + index + " of " + size());
        int perPhase = subjects.size() * runs;
        Phase phase = index < perPhase ? Phase.PUTS : Phase.ITERATION;
        int inPhase = index % perPhase;
        long trialSeed = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1))).nextLong();
        return new Trial(index, phase, subjects.get(inPhase / runs), inPhase % runs, trialSeed);
    }

    /** The first item after the block (phase and subject) of {@code index}. */
    public int nextBlock(int index) {
        return (index / runs + 1) * runs;
    }
}
