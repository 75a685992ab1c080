package maplab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import maplab.claims.Claims;
import maplab.claims.Ledger;
import maplab.claims.RunSet;
import maplab.run.Reference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code maplab claims [ID...] [--from RUN...] [--profile P] [--json]}: the claims ledger ({@code data/claims.json})
 * with each claim's status computed from the references (full profile's by default), or from the given run folders.
 */
@Command(name = "claims", description = {"Show every claim maplab tests (data/claims.json) with its status computed from the",
        "references (data/reference), or from --from run folders: id, source, status, and the findings it rests on."})
final class ClaimsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", arity = "0..*", description = "claim ids (A1..A53, N05-1...); all when none is given")
    List<String> ids = new ArrayList<>();

    @Option(names = "--from", arity = "1..*", paramLabel = "RUN", description = "run folders to judge the claims against (paths or names under runs/)")
    List<String> from = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "P", description = "judge against the references of this profile (data/reference/<P>/ "
            + "for other than full); default: ${DEFAULT-VALUE}", defaultValue = "full")
    String profile;

    @Option(names = "--json", description = "one JSON object per claim: id, status, and the findings' ids, values and intervals")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Ledger ledger = Ledger.standard();
        java.nio.file.Path references = Reference.root(maplab.plan.Profile.parse(profile).label());
        RunSet runs = from.isEmpty() ? Claims.references(references)
                : Claims.runs("these runs", from.stream().map(maplab.lab.Runs::resolve).toList());
        Claims claims = Claims.of(ledger.select(ids), runs);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(claims.json());
        } else {
            out.print(claims.table());
            out.println(claims.summary());
            out.println("judged against: " + (from.isEmpty() ? references + " (" + profile + " profile)" : String.join(", ", from)));
        }
        out.flush();
        return Main.OK;
    }
}
