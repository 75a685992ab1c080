package maplab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import maplab.subject.concurrent.SharedMapType;
import maplab.subject.intmap.IntMapType;
import org.junit.jupiter.api.Test;

class EnumIdsTest {

    @Test
    void aUserStandInIsNoParameterValue() {
        assertThat(IntMapType.ids()).contains("hashmap", "koloboke").doesNotContain("user");
        assertThat(EnumIds.isUser(IntMapType.USER)).isTrue();
        assertThat(EnumIds.isUser(IntMapType.HASHMAP)).isFalse();
        assertThatThrownBy(() -> SharedMapType.parse("user"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("subject: unknown value 'user'; allowed: hashmap, ")
                .hasMessageNotContaining(", user");
    }

    @Test
    void constantsParseInAnyCase() {
        assertThat(EnumIds.parse(IntMapType.class, "subject", "HPPC")).isSameAs(IntMapType.HPPC);
        assertThat(EnumIds.parse(IntMapType.class, "subject", "hppc")).isSameAs(IntMapType.HPPC);
        assertThat(EnumIds.id(IntMapType.PROBEMAP_MIXED)).isEqualTo("probemap_mixed");
    }
}
