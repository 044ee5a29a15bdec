package io.reqldb.console;

import java.nio.file.Path;

/**
 * What the dashboard shows that no system table holds.
 *
 * @param directory     the data directory
 * @param formatVersion its data format (metadata.txt)
 * @param release       this ReqlDB release
 */
public record ServerFacts(Path directory, int formatVersion, String release) {
}
