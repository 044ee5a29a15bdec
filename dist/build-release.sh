#!/usr/bin/env bash
# Makes the release archive TARGET/reqldb-VERSION-linux-x64.tar.gz from the runnable jar:
#   reqldb-VERSION/bin/reqldb    the launcher (runs the bundled runtime; no Java needed on the machine)
#   reqldb-VERSION/lib/reqldb.jar
#   reqldb-VERSION/runtime/      a Java runtime trimmed by jlink to the modules the jar uses
#   reqldb-VERSION/share/        RethinkDB-style configuration sample, systemd unit
# Usage: build-release.sh VERSION JAR TARGET JAVA_HOME (the JDK that built the jar, whose jlink
# and modules make the runtime). Does nothing when the archive is newer than the jar and these
# sources (bin/test packages twice).
set -euo pipefail
version="$1" jar="$2" target="$3" jdk="$4"
here="$(cd "$(dirname "$0")" && pwd)"
archive="$target/reqldb-$version-linux-x64.tar.gz"

if [[ -f "$archive" && -z "$(find "$jar" "$here/build-release.sh" "$here/src" -newer "$archive" -print -quit)" ]]; then
  exit 0
fi

# The modules `jdeps --print-module-deps --ignore-missing-deps` finds in the jar, and two it
# cannot see: jdk.crypto.ec (TLS's elliptic-curve key exchange, RethinkDB's default cipher list)
# and jdk.management (the operating system's figures for server status and metrics).
modules=java.base,java.compiler,java.desktop,java.management,java.naming,java.sql,jdk.unsupported
# jdk.httpserver: the web console's HTTP server (console/).
modules+=,jdk.httpserver
modules+=,jdk.crypto.ec,jdk.management

name="reqldb-$version"
stage="$target/release-stage"
rm -rf "$stage"
mkdir -p "$stage/$name/bin" "$stage/$name/lib" "$stage/$name/share"
"$jdk/bin/jlink" --add-modules "$modules" --output "$stage/$name/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive
cp "$jar" "$stage/$name/lib/reqldb.jar"
install -m 755 "$here/src/bin/reqldb" "$stage/$name/bin/reqldb"
cp -r "$here/src/share/." "$stage/$name/share/" 2>/dev/null || true
tar -C "$stage" -czf "$archive.tmp" "$name"
mv -f "$archive.tmp" "$archive"
rm -rf "$stage"
echo "release: $archive ($(du -h "$archive" | cut -f1))"
