package io.cohortflow.watch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The in-progress repository of the service's consumers: the keys of the inputs a poll listed and
 * whose exchanges are not done yet, which a later poll must not take again. It replaces Camel
 * 4.14's default, a {@code MemoryIdempotentRepository} on {@code SimpleLRUCache}, whose
 * bookkeeping of changes became the trickle poller's whole work late in a 100,000-file drop (a
 * thread dump found it in {@code SimpleLRUCache.compressChangesIfNeeded}; the last 9,000 files
 * took minutes). Camel itself later moved to a {@code LinkedHashMap} (CAMEL-23267), as here.
 * Bounded like Camel's: past {@value #MAX_KEYS} keys the oldest is forgotten.
 */
class InputsInProgress extends ServiceSupport implements IdempotentRepository {
  static final String REGISTRY_NAME = "cohortflowInputsInProgress";
  static final int MAX_KEYS = 50_000;

  private final Map<String, Boolean> keys = new LinkedHashMap<>() {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_KEYS;
    }
  };

  @Override
  public synchronized boolean add(String key) {
    return keys.putIfAbsent(key, Boolean.TRUE) == null;
  }

  @Override
  public synchronized boolean contains(String key) {
    return keys.containsKey(key);
  }

  @Override
  public synchronized boolean remove(String key) {
    return keys.remove(key) != null;
  }

  @Override
  public boolean confirm(String key) {
    return true;
  }

  @Override
  public synchronized void clear() {
    keys.clear();
  }
}
