package maplab.experiments.iteration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IterationFramesTest {

    @Test
    void iteratorFramesAreTheIteratorClassesOfEveryMap() {
        assertThat(IterationMeasure.isIteratorFrame("java.util.HashMap$HashIterator.nextNode")).isTrue();
        assertThat(IterationMeasure.isIteratorFrame("java.util.TreeMap$PrivateEntryIterator.nextEntry")).isTrue();
        assertThat(IterationMeasure.isIteratorFrame("it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap$MapIterator.nextEntry")).isTrue();
        assertThat(IterationMeasure.isIteratorFrame("java.util.HashMap.get")).isFalse();
        assertThat(IterationMeasure.isIteratorFrame("maplab.subject.iteration.JdkIterationMap.sumEntrySet")).isFalse();
        assertThat(IterationMeasure.category("java.util.HashMap$Node.getValue")).isEqualTo("map");
        assertThat(IterationMeasure.category("maplab.subject.iteration.JdkIterationMap.sumEntrySet")).isEqualTo("user");
        assertThat(IterationMeasure.category("java.lang.Integer.intValue")).isEqualTo("jdk");
    }
}
