package io.keyward.server.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Per-node memories of bounded size: the least recently used entry goes first once the map is full. */
public final class LruMaps {

    private LruMaps() {
    }

    /** A thread-safe map of at most {@code capacity} entries, forgetting the least recently used first. */
    public static <K, V> Map<K, V> synchronizedLru(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }
}
