package io.cohortflow.e2e;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that can be made unreachable: while it is down every new connection fails as it
 * does when the server is stopped, so the service sees a real database outage.
 */
final class OutageDataSource implements DataSource {
  private final DataSource delegate;
  private volatile boolean down;

  OutageDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  void down() {
    down = true;
  }

  void up() {
    down = false;
  }

  private void requireUp() throws SQLException {
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
