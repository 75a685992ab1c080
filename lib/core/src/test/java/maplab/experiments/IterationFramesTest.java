package maplab.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IterationFramesTest {

    @Test
    void iteratorFramesAreTheIteratorClassesOfEveryMap() {
        assertThat(Iteration.isIteratorFrame("java.util.HashMap$HashIterator.nextNode")).isTrue();
        assertThat(Iteration.isIteratorFrame("java.util.TreeMap$PrivateEntryIterator.nextEntry")).isTrue();
        assertThat(Iteration.isIteratorFrame("it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap$MapIterator.nextEntry")).isTrue();
        assertThat(Iteration.isIteratorFrame("java.util.HashMap.get")).isFalse();
        assertThat(Iteration.isIteratorFrame("maplab.subject.iteration.JdkIterationMap.sumEntrySet")).isFalse();
        assertThat(Iteration.category("java.util.HashMap$Node.getValue")).isEqualTo("map");
        assertThat(Iteration.category("maplab.subject.iteration.JdkIterationMap.sumEntrySet")).isEqualTo("user");
        assertThat(Iteration.category("java.lang.Integer.intValue")).isEqualTo("jdk");
    }
}
