// maplab kernel start-up: run by JJava after the class path is set (JJAVA_STARTUP_SCRIPTS_PATH).
// A compile error here kills the kernel at start, so keep it to imports and one call.
import maplab.experiment.*;
import maplab.result.*;
import maplab.chart.*;
import maplab.measure.*;
import maplab.run.*;
import maplab.stats.*;
import maplab.workload.*;
import maplab.subject.jdk.*;
import tech.tablesaw.api.*;
import org.knowm.xchart.*;
maplab.progress.Progress.useNotebookDisplay(o -> display(o), (id, o) -> updateDisplay(id, o));
