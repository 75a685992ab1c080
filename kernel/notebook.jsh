// Notebook only: progress of long runs as one display updated in place (JJava's display/updateDisplay).
maplab.progress.Progress.useNotebookDisplay(o -> display(o), (id, o) -> updateDisplay(id, o));
