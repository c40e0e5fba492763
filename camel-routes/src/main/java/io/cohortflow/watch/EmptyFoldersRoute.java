package io.cohortflow.watch;

import org.apache.camel.builder.RouteBuilder;

/**
 * Sweeps the inbox folders that trickle files left empty ({@link EmptyFolders}) once per
 * {@code series-quiet-period}.
 */
final class EmptyFoldersRoute extends RouteBuilder {
  private final EmptyFolders folders;

  EmptyFoldersRoute(EmptyFolders folders) {
    this.folders = folders;
  }

  @Override
  public void configure() {
    String period = "{{" + WatchConfig.PREFIX + "series-quiet-period}}";
    from("timer:cohortflow-empty-folders?period=" + period + "&delay=" + period)
        .routeId("empty-folders")
        .process(exchange -> folders.sweep());
  }
}
