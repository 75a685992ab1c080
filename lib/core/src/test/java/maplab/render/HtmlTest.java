package maplab.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import maplab.conclude.Finding;
import maplab.conclude.Result;
import maplab.conclude.ResultBuilder;
import maplab.measure.Environment;
import maplab.plan.Params;
import maplab.plan.Profile;
import maplab.plan.Unit;
import maplab.run.Reference;
import org.junit.jupiter.api.Test;

/** A result's page shows the reference it is handed, or why it could not be read, and looks nothing up itself. */
class HtmlTest {

    private static Result result() {
        ResultBuilder b = new ResultBuilder();
        b.row().with("subject", "s").measure("m", 1.5, Unit.NS_PER_OP);
        b.finding(Finding.count("f", 2, "x", "two"));
        Params p = Params.resolve(maplab.lab.Experiments.byId("presize"), Profile.QUICK, Map.of());
        return new Result("presize", Profile.QUICK, p, b.table("presize"), b, Environment.capture(), Instant.now(), Instant.now(), null);
    }

    @Test
    void withoutAReferenceThePageHasNoReferenceColumn() {
        String html = Html.page(result(), Reference.Lookup.NONE);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>maplab presize</title>", "<code>f</code>", "two")
                .doesNotContain("against reference", "Reference unreadable");
    }

    @Test
    void anUnreadableReferenceIsSaidUnderTheFindings() {
        String html = Html.fragment(result(), new Reference.Lookup(null, "reference: 'x' is not a run folder"));
        assertThat(html.indexOf("Reference unreadable: reference: 'x' is not a run folder")).isGreaterThan(html.indexOf("<code>f</code>"));
    }
}
