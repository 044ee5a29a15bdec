#!/usr/bin/env node
'use strict';
// Finds RethinkDB's polyglot test suite and prints its folder: the folder given when it exists
// (CI's ../shared/rql-tests), else a cached download of test/rql_test/src of rethinkdb/rethinkdb
// at a pinned commit, each file checked against the SHA-256 pinned in suite.sha256. When neither
// can be had (no network, say), prints instead one line saying why, and exits 3.
//
// usage: node conformance/suite.js PREFERRED_FOLDER

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const COMMIT = 'a6c7cbc345dac1eac86fe343a380cb14cd2a2980';
const SOURCE = process.env.REQLDB_SUITE_URL
  || `https://raw.githubusercontent.com/rethinkdb/rethinkdb/${COMMIT}/test/rql_test/src`;
const CACHE = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'reqldb', `rql-tests-${COMMIT}`);
const DOWNLOAD_TIMEOUT_MS = 30000;
const PARALLEL_DOWNLOADS = 8;

class Unavailable extends Error {}

/** [{ file, sha256 }] of suite.sha256. */
function pinnedFiles() {
  return fs.readFileSync(path.join(__dirname, 'suite.sha256'), 'utf8').split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [, sha256, file] = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
      return { file, sha256 };
    });
}

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Whether `dir` holds exactly the pinned files, unchanged. */
function holdsSuite(dir, files) {
  const found = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(d, entry.name));
      else found.push(path.relative(dir, path.join(d, entry.name)).split(path.sep).join('/'));
    }
  };
  try {
    walk(dir);
  } catch (e) {
    return false;
  }
  return found.length === files.length
    && files.every(({ file, sha256: pinned }) => found.includes(file) && sha256(fs.readFileSync(path.join(dir, file))) === pinned);
}

async function download(file, pinned, into) {
  const url = `${SOURCE}/${file}`;
  let bytes;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (e) {
    const cause = e.cause && e.cause.code ? `${e.message}: ${e.cause.code}` : e.message;
    throw new Unavailable(`cannot download ${url} (${cause})`);
  }
  if (sha256(bytes) !== pinned) throw new Unavailable(`${url} does not have the pinned SHA-256 (conformance/suite.sha256)`);
  fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
  fs.writeFileSync(path.join(into, file), bytes);
}

/** Downloads the pinned files into the cache, all of them or none. */
async function fill(files) {
  fs.mkdirSync(path.dirname(CACHE), { recursive: true });
  const staging = fs.mkdtempSync(`${CACHE}.part-`);
  try {
    const queue = files.slice();
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          await download(next.file, next.sha256, staging);
        } catch (e) {
          queue.length = 0; // the other workers stop after their current file
          throw e;
        }
      }
    };
    const outcomes = await Promise.allSettled(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
    fs.rmSync(CACHE, { recursive: true, force: true });
    fs.renameSync(staging, CACHE);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

async function main() {
  const preferred = process.argv[2];
  if (!preferred) {
    process.stderr.write('usage: node conformance/suite.js PREFERRED_FOLDER\n');
    return 2;
  }
  if (fs.existsSync(preferred)) {
    console.log(preferred);
    return 0;
  }
  const files = pinnedFiles();
  try {
    if (!holdsSuite(CACHE, files)) await fill(files);
  } catch (e) {
    if (!(e instanceof Unavailable)) throw e;
    console.log(`RethinkDB's test suite is neither at ${preferred} nor in ${CACHE}, and ${e.message}`);
    return 3;
  }
  console.log(CACHE);
  return 0;
}

main().then((code) => { process.exitCode = code; });
