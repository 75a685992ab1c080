package maplab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import maplab.subject.concurrent.SharedMapType;
import org.junit.jupiter.api.Test;

class UserParamTest {

    @Test
    void theStandInNeedsAUserIdAndABuiltInSubjectNone() {
        assertThat(UserParam.isUser(SharedMapType.USER, "user:Mine")).isTrue();
        assertThat(UserParam.isUser(SharedMapType.SHARDED, "")).isFalse();
        assertThatThrownBy(() -> UserParam.isUser(SharedMapType.USER, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("user: bad value ''");
        assertThatThrownBy(() -> UserParam.isUser(SharedMapType.SHARDED, "user:Mine"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user: bad value 'user:Mine' for subject SHARDED");
    }
}
