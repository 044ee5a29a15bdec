// Starts a real `reqldb serve` from the built jar on free loopback ports, in a fresh data
// directory (or a copy of a given one), and stops it (removing the directory) when asked.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

export async function startServer(jar, password, copyOf = null) {
  const dir = mkdtempSync(join(tmpdir(), 'reqldb-console-e2e-'));
  if (copyOf) cpSync(copyOf, join(dir, 'data'), { recursive: true });
  const driverPort = await freePort();
  const httpPort = await freePort();
  const child = spawn('java', ['-jar', jar, 'serve', '--directory', join(dir, 'data'),
    '--driver-port', String(driverPort), '--http-port', String(httpPort), '--initial-password', password],
  { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const collect = (chunk) => { log += chunk; };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  // A loaded machine can take long to start a JVM: wait up to two minutes.
  await new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`server not ready after 120 s:\n${log}`)), 120000);
    const check = setInterval(() => {
      if (log.includes('Server ready')) { clearInterval(check); clearTimeout(deadline); resolve(); }
    }, 100);
    child.once('exit', (code) => { clearInterval(check); clearTimeout(deadline); reject(new Error(`server exited ${code}:\n${log}`)); });
  });
  return {
    url: `http://127.0.0.1:${httpPort}`,
    log: () => log,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => { if (child.exitCode !== null) resolve(); else child.once('exit', resolve); });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
