package io.cohortflow.e2e;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that can be made unreachable: while it is down every new connection fails as it
 * does when the server is stopped, so the service sees a real database outage. The outage can
 * also be set to start after a number of connections, to cut a run short at a given point.
 */
final class OutageDataSource implements DataSource {
  private final DataSource delegate;
  private volatile boolean down;
  /** Connections still given before the outage starts by itself; negative: no such outage. */
  private final AtomicInteger connectionsBeforeOutage = new AtomicInteger(-1);

  OutageDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  void down() {
    down = true;
  }

  void up() {
    connectionsBeforeOutage.set(-1);
    down = false;
  }

  /** Goes down by itself once {@code connections} more connections were given. */
  void downAfter(int connections) {
    connectionsBeforeOutage.set(connections);
  }

  private void requireUp() throws SQLException {
    if (connectionsBeforeOutage.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
      down = true;
    }
    if (down) {
      throw new SQLTransientConnectionException("database unreachable (outage simulated by the"
          + " test)");
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    requireUp();
    return delegate.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    requireUp();
    return delegate.getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return delegate.isWrapperFor(type);
  }
}
