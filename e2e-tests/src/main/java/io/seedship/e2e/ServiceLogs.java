package io.seedship.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Each service's log in its own file, {@code <home>/logs/<service>.log}, its lines tagged with its name, although the
 * local run keeps every service in one JVM: a service is started on a thread that carries its name, and every thread
 * it creates (listeners, work pools, clients) inherits it. Spring Boot's own logging setup is switched off, since each
 * application would otherwise reconfigure the one shared logging context as if it were alone. Threads shared by all
 * (the JDK's common pool, Reactor's schedulers) carry the name of the service that first needed them.
 */
final class ServiceLogs {

  private static final InheritableThreadLocal<String> SERVICE = new InheritableThreadLocal<>();
  private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXX} %5level [%s] --- [%15.15thread] %logger{60} : %msg%n";

  private ServiceLogs() {
  }

  /**
   * Routes every log line to its service's file under {@code directory}; the console, which tells the seed's story,
   * shows errors only.
   */
  static void configure(Path directory) {
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    // Tomcat logs through java.util.logging: into the same files (Spring Boot's logging did this bridging)
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    context.getLogger("org.apache.kafka").setLevel(Level.WARN);
    context.getLogger("kafka").setLevel(Level.WARN);
    context.getLogger("org.apache.zookeeper").setLevel(Level.WARN);
    context.getLogger("com.azure").setLevel(Level.WARN);

    PerService files = new PerService(context, directory);
    files.setContext(context);
    files.start();
    root.addAppender(files);

    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setEncoder(encoder(context, "console"));
    ThresholdFilter errors = new ThresholdFilter();
    errors.setLevel("ERROR");
    errors.start();
    console.addFilter(errors);
    console.start();
    root.addAppender(console);
  }

  /** Runs {@code start} on a thread named for {@code service}, whose descendants log to that service's file. */
  static <T> T startAs(String service, Supplier<T> start) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread starter = new Thread(() -> {
      SERVICE.set(service);
      try {
        result.set(start.get());
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }, "start-" + service);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + service, e);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  private static PatternLayoutEncoder encoder(LoggerContext context, String service) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN.replace("%s", service));
    encoder.start();
    return encoder;
  }

  /** One file appender per service, made on its first line; lines of no service go to {@code seedship-local.log}. */
  private static final class PerService extends AppenderBase<ILoggingEvent> {

    private final LoggerContext context;
    private final Path directory;
    private final Map<String, FileAppender<ILoggingEvent>> files = new ConcurrentHashMap<>();

    PerService(LoggerContext context, Path directory) {
      this.context = context;
      this.directory = directory;
    }

    @Override
    protected void append(ILoggingEvent event) {
      String service = SERVICE.get() == null ? "seedship-local" : SERVICE.get();
      files.computeIfAbsent(service, this::open).doAppend(event);
    }

    private FileAppender<ILoggingEvent> open(String service) {
      FileAppender<ILoggingEvent> file = new FileAppender<>();
      file.setContext(context);
      file.setName(service);
      file.setFile(directory.resolve(service + ".log").toString());
      file.setEncoder(encoder(context, service));
      file.start();
      return file;
    }

    @Override
    public void stop() {
      files.values().forEach(FileAppender::stop);
      super.stop();
    }
  }
}
