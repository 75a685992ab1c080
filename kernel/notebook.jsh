// Notebook only: progress of long runs as one display updated in place (JJava's display/updateDisplay).
// maplab's kernel extension (MaplabExtension.progressDisplay) installs a display that also shows an
// interrupted run's last state; this line is the fallback when the extension could not.
if (!maplab.progress.Progress.hasNotebookDisplay()) maplab.progress.Progress.useNotebookDisplay(o -> display(o), (id, o) -> updateDisplay(id, o));
