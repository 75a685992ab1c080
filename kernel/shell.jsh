// ./maplab shell only: JShell runs snippets in a child VM whose java.class.path lacks maplab's
// jars; JMH forks and child JVMs read java.class.path, so give it the launcher's class path.
System.setProperty("java.class.path", System.getenv("MAPLAB_CLASSPATH") + java.io.File.pathSeparator + System.getProperty("java.class.path"));
