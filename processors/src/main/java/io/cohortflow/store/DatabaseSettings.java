package io.cohortflow.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where cohortflow keeps its data: an external MariaDB server given by a JDBC URL, or, when no URL
 * is given, an embedded MariaDB whose files live in a data directory. The password is held here only
 * to open connections; {@link #toString()} and {@link #describe()} never show it.
 */
public final class DatabaseSettings {
  /** Name of the schema the embedded server creates and uses. */
  public static final String EMBEDDED_DATABASE = "cohortflow";

  private static final Pattern URL_CREDENTIALS = Pattern.compile("//[^/@]*@");
  private static final Pattern URL_PASSWORD_PARAM =
      Pattern.compile("(?i)([?&;](password|pwd|user)=)[^&;]*");

  private final String url;
  private final String user;
  private final String password;
  private final Path embeddedDirectory;
  private final String embeddedDatabase;

  private DatabaseSettings(String url, String user, String password, Path embeddedDirectory,
      String embeddedDatabase) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.embeddedDirectory = embeddedDirectory;
    this.embeddedDatabase = embeddedDatabase;
  }

  /** An embedded MariaDB with its files under {@code directory}, using the default schema. */
  public static DatabaseSettings embedded(Path directory) {
    return embedded(directory, EMBEDDED_DATABASE);
  }

  /** An embedded MariaDB with its files under {@code directory}, using schema {@code database}. */
  public static DatabaseSettings embedded(Path directory, String database) {
    return new DatabaseSettings(null, null, null, Objects.requireNonNull(directory),
        Objects.requireNonNull(database));
  }

  /** An external server; {@code user} and {@code password} may be null when the URL carries them. */
  public static DatabaseSettings external(String jdbcUrl, String user, String password) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("not a JDBC URL: " + redact(String.valueOf(jdbcUrl)));
    }
    return new DatabaseSettings(jdbcUrl, user, password, null, null);
  }

  /** The default embedded data directory, {@code ~/.cohortflow/mariadb}. */
  public static Path defaultEmbeddedDirectory() {
    return Path.of(System.getProperty("user.home"), ".cohortflow", "mariadb");
  }

  public boolean isEmbedded() {
    return url == null;
  }

  String url() {
    return url;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  public Path embeddedDirectory() {
    return embeddedDirectory;
  }

  String embeddedDatabase() {
    return embeddedDatabase;
  }

  /** A description safe for logs: the URL without credentials, or the embedded directory. */
  public String describe() {
    return isEmbedded() ? "embedded MariaDB in " + embeddedDirectory : redact(url);
  }

  /** Removes user:password@ and user/password parameters from a JDBC URL. */
  static String redact(String jdbcUrl) {
    String noUserInfo = URL_CREDENTIALS.matcher(jdbcUrl).replaceFirst("//");
    return URL_PASSWORD_PARAM.matcher(noUserInfo).replaceAll("$1***");
  }

  @Override
  public String toString() {
    return describe();
  }
}
