// maplab start-up, shared by the notebook kernel and ./maplab shell: imports only.
// (A compile error here kills the kernel at start: keep it to imports.)
import maplab.plan.*;
import maplab.lab.*;
import maplab.cluster.*;
import maplab.conclude.*;
import maplab.chart.*;
import maplab.measure.*;
import maplab.run.*;
import maplab.claims.Claims;
import maplab.stats.*;
import maplab.workload.*;
import maplab.subject.jdk.*;
import maplab.subject.intmap.LongMap;
import maplab.subject.user.*;
import tech.tablesaw.api.*;
import org.knowm.xchart.*;
