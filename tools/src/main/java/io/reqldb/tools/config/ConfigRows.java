package io.reqldb.tools.config;

import java.util.List;
import java.util.Map;

/**
 * What {@code --include-config} carries, as the system tables show it: {@code table_config}
 * rows, {@code users} rows (never with passwords: servers do not reveal them) and
 * {@code permissions} rows.
 */
public record ConfigRows(List<Map<String, Object>> tableConfigs, List<Map<String, Object>> users,
        List<Map<String, Object>> permissions) {}
