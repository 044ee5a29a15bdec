// End-to-end tests of the web console: a real `reqldb serve` (the built jar) and Debian's
// Chromium driven by playwright-core. Usage: node e2e/run.js [--screenshots DIR]
// (REQLDB_JAR overrides the jar, CHROMIUM the browser). Exits non-zero when a test fails.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.js';

const here = dirname(fileURLToPath(import.meta.url));
const jar = process.env.REQLDB_JAR || resolve(here, '../../../cli/target/reqldb.jar');
const shotsAt = process.argv.indexOf('--screenshots');
const shots = shotsAt > 0 ? resolve(process.argv[shotsAt + 1]) : null;
const PASSWORD = 'e2e-secret';
// The flags Chromium needs here: no sandbox as root, and no calls home on a closed network.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const tests = [];
const test = (name, fn) => tests.push([name, fn]);
// Tests against a server started on a copy of a data directory in ReqlDB's first format: serve
// migrates it, and its function indexes stay outdated until rebuilt.
const migratedTests = [];
const migratedTest = (name, fn) => migratedTests.push([name, fn]);
const V1_FIXTURE = resolve(here, '../../../storage/src/test/resources/fixtures/v1/reqldb_data');

async function signIn(page, url, user, password) {
  await page.goto(url);
  await page.getByLabel('User').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Replaces the explorer's query and runs it; returns the result line. */
async function runQuery(page, text) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  const before = await page.locator('#result-meta').textContent();
  await page.locator('#run').click();
  await page.waitForFunction((b) => {
    const t = document.querySelector('#result-meta').textContent;
    return t !== b && t !== 'Running…';
  }, before === 'Running…' ? '' : before);
  return page.locator('#result-meta').textContent();
}

async function shot(page, name) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

test('a wrong password is refused on the sign-in page', async ({ browser, url }) => {
  const page = await browser.newPage();
  await signIn(page, url, 'admin', 'wrong');
  await assert.doesNotReject(page.getByRole('alert').filter({ hasText: 'Wrong user name or password.' }).waitFor());
  assert.equal(await page.locator('nav').count(), 0);
  await shot(page, 'signin');
  await page.close();
});

test('the session cookie is HttpOnly and SameSite=Strict; the dashboard shows the server', async ({ context, url }) => {
  const page = await context.newPage();
  await signIn(page, url, 'admin', PASSWORD);
  await page.locator('#identity dd').first().waitFor();
  const cookie = (await context.cookies()).find((c) => c.name === 'reqldb_console');
  assert.ok(cookie, 'session cookie set');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  assert.equal(await page.evaluate(() => document.cookie), '', 'scripts cannot read the session cookie');
  // The data section fills from its own request, after the identity: wait for it.
  await page.locator('#data').filter({ hasText: /Data format\s*\d/ }).waitFor();
  assert.match(await page.locator('#identity').textContent(), /rethinkdb 2\.4\.4/);
  await page.locator('#issues').getByText('No issues.').waitFor();
  await page.waitForFunction(() => /reads\/s/.test(document.querySelector('#rates').textContent));
  await page.close();
});

test('create a database, a table and an index on the Tables page', async ({ context, url }) => {
  const page = await context.newPage();
  await page.goto(`${url}/#/tables`);
  await page.locator('#create-db input').fill('shop');
  await page.locator('#create-db button').click();
  await page.getByText('Database shop created.').waitFor();
  const shop = page.locator('[data-db="shop"]');
  await shop.locator('.create-table input[name="table-name"]').fill('items');
  await shop.locator('.create-table button').click();
  await page.getByText('Table shop.items created.').waitFor();
  const items = page.locator('[data-table="shop.items"]');
  await items.locator('input[name="index-name"]').fill('price');
  await items.locator('.create-index button').click();
  await page.getByText('Index price created.').waitFor();
  await page.locator('[data-table="shop.items"] [data-index="price"]').waitFor();
  assert.equal(await page.locator('[data-table="shop.items"] .count').textContent(), '0');
  await page.close();
});

test('the explorer runs queries and shows them as a tree, a table, raw JSON and a profile', async ({ context, url }) => {
  const page = await context.newPage();
  await page.goto(`${url}/#/explorer`);
  let meta = await runQuery(page, "r.db('shop').table('items').insert([{id: 1, name: 'pen', price: 2}, {id: 2, name: 'ink', price: 5}])");
  assert.match(meta, /1 value/);
  assert.match(await page.locator('#results').textContent(), /inserted: 2/);
  meta = await runQuery(page, "r.db('shop').table('items').orderBy({index: 'price'})");
  assert.match(meta, /2 rows/);
  await page.locator('[data-view="table"]').click();
  const headers = await page.locator('#results th').allTextContents();
  assert.deepEqual(headers, ['#', 'id', 'name', 'price']);
  assert.equal(await page.locator('#results tbody tr').count(), 2);
  await shot(page, 'explorer');
  await page.locator('[data-view="raw"]').click();
  const raw = JSON.parse(await page.locator('#results pre').textContent());
  assert.deepEqual(raw.map((d) => d.name), ['pen', 'ink']);
  await page.locator('[data-view="tree"]').click();
  assert.match(await page.locator('#results').textContent(), /name: "pen"/);
  await page.locator('#profile').check();
  await runQuery(page, "r.db('shop').table('items').get(1)");
  await page.locator('[data-view="profile"]').click();
  // The profile is what the server answers in the response's "p" (ReqlDB's is an empty list).
  assert.ok(Array.isArray(JSON.parse(await page.locator('#results pre').textContent())));
  await page.locator('#profile').uncheck();
  // A ReQL error comes back with the driver's error name and RethinkDB's message.
  meta = await runQuery(page, "r.db('nowhere').table('x')");
  assert.match(meta, /ReqlOpFailedError: Database `nowhere` does not exist\./);
  // History keeps what was run.
  assert.match(await page.locator('#history').textContent(), /r\.db\('nowhere'\)/);
  await page.close();
});

test('the explorer completes terms and database names', async ({ context, url }) => {
  const page = await context.newPage();
  await page.goto(`${url}/#/explorer`);
  await page.waitForTimeout(300);   // the names load with the page
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type("r.db('sh");
  await page.locator('.cm-tooltip-autocomplete').getByText('shop').waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.type('.tableLi');
  await page.locator('.cm-tooltip-autocomplete').getByText('tableList').waitFor();
  await page.close();
});

test('the explorer pages through a cursor', async ({ context, url }) => {
  const page = await context.newPage();
  await page.goto(`${url}/#/explorer`);
  await runQuery(page, "r.db('shop').tableCreate('big')");
  await runQuery(page, "r.db('shop').table('big').insert(r.range(3000).map(i => ({id: i, pad: 'x'.repeat(500)})))");
  const meta = await runQuery(page, "r.db('shop').table('big')");
  const first = Number(meta.match(/(\d+) rows/)[1]);
  assert.ok(first < 3000, `the first batch is partial (${meta})`);
  let rows = first;
  while (await page.locator('#more').count()) {
    await page.locator('#more').click();
    await page.waitForFunction((n) => Number(document.querySelector('#result-meta').textContent.match(/(\d+) rows/)[1]) > n, rows);
    rows = Number((await page.locator('#result-meta').textContent()).match(/(\d+) rows/)[1]);
  }
  assert.equal(rows, 3000);
  await page.close();
});

test('a changefeed in the explorer updates live', async ({ context, url }) => {
  const feed = await context.newPage();
  await feed.goto(`${url}/#/explorer`);
  await runQuery(feed, "r.db('shop').table('items').changes()");
  await feed.locator('.live').waitFor();
  const writer = await context.newPage();
  await writer.goto(`${url}/#/explorer`);
  await runQuery(writer, "r.db('shop').table('items').insert({id: 3, name: 'nib', price: 1})");
  await feed.waitForFunction(() => /1 changes/.test(document.querySelector('#result-meta').textContent));
  assert.match(await feed.locator('#results').textContent(), /nib/);
  await runQuery(writer, "r.db('shop').table('items').get(3).update({price: 7})");
  await feed.waitForFunction(() => /2 changes/.test(document.querySelector('#result-meta').textContent));
  await feed.locator('#stop').click();
  await feed.locator('.live').waitFor({ state: 'detached' });
  await writer.close();
  await feed.close();
});

test('closing a tab stops its changefeed on the server', async ({ context, url }) => {
  const feed = await context.newPage();
  await feed.goto(`${url}/#/explorer`);
  await runQuery(feed, "r.db('shop').table('items').changes({includeTypes: true})");
  await feed.locator('.live').waitFor();
  const watcher = await context.newPage();
  await watcher.goto(`${url}/#/explorer`);
  // Running queries that are feeds, this one (which names rethinkdb) left out.
  const feeds = "r.db('rethinkdb').table('jobs').filter({type: 'query'})('info')('query')"
    + ".filter(q => q.match('changes').and(q.match('rethinkdb').not())).count()";
  assert.match(await runQuery(watcher, feeds), /1 value/);
  assert.equal(await watcher.locator('#results').textContent(), '1');
  await feed.close({ runBeforeUnload: true });
  for (let i = 0; i < 50; i++) {
    await runQuery(watcher, feeds);
    if (await watcher.locator('#results').textContent() === '0') break;
    await watcher.waitForTimeout(200);
  }
  assert.equal(await watcher.locator('#results').textContent(), '0');
  await watcher.close();
});

test('dump a table to a download, drop it, restore it from the upload, rebuild indexes', async ({ context, url }) => {
  const page = await context.newPage();
  await page.goto(`${url}/#/backups`);
  await page.locator('#dump-selection input[value="shop.items"]').check();
  await page.locator('#dump').click();
  await page.locator('#dump-job .job-state.done').waitFor({ timeout: 120000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#dump-job a.download').click()]);
  const archive = join(tmpdir(), `reqldb-console-e2e-${process.pid}.tar.gz`);
  await download.saveAs(archive);
  const tar = gunzipSync(readFileSync(archive)).toString('latin1');
  assert.match(tar, /\/shop\/items\.json/);
  assert.match(tar, /\/shop\/items\.info/);
  assert.doesNotMatch(tar, /\/shop\/big\.json/, 'only the chosen table');

  await page.goto(`${url}/#/explorer`);
  await runQuery(page, "r.db('shop').tableDrop('items')");
  await page.goto(`${url}/#/backups`);
  await page.locator('input[name="archive"]').setInputFiles(archive);
  await page.locator('#restore').click();
  await page.locator('#restore-job .job-state.done').waitFor({ timeout: 120000 });
  // Without --force, restoring into the table that now exists again is refused by the tool.
  await page.locator('#restore').click();
  await page.locator('#restore-job .job-state.failed').waitFor({ timeout: 120000 });
  assert.match(await page.locator('#restore-job .job-output').textContent(), /exist/);
  await page.locator('input[name="force"]').check();
  await page.locator('#restore').click();
  await page.locator('#restore-job .job-state.done').waitFor({ timeout: 120000 });
  await page.locator('input[name="rebuild-all"]').check();
  await page.locator('#index-rebuild').click();
  await page.locator('#rebuild-job .job-state.done').waitFor({ timeout: 120000 });
  await page.locator('#outdated').getByText('No outdated indexes.').waitFor();
  await shot(page, 'backups');

  await page.goto(`${url}/#/explorer`);
  assert.match(await runQuery(page, "r.db('shop').table('items').orderBy({index: 'price'}).map(r.row('name'))"), /3 rows/);
  await page.locator('[data-view="raw"]').click();
  // The rows and the index came back (nib's price was updated to 7 by the changefeed test).
  assert.deepEqual(JSON.parse(await page.locator('#results pre').textContent()), ['pen', 'ink', 'nib']);
  await page.locator('[data-view="tree"]').click();
  rmSync(archive, { force: true });
  await page.close();
});

test('screenshots of the dashboard and tables pages', async ({ context, url }) => {
  if (!shots) return;
  const page = await context.newPage();
  await page.goto(`${url}/#/dashboard`);
  await page.locator('#identity dd').first().waitFor();
  await page.waitForTimeout(3000);   // a few points on the chart
  await shot(page, 'dashboard');
  await page.goto(`${url}/#/tables`);
  await page.locator('[data-table="shop.items"]').waitFor();
  await shot(page, 'tables');
  await page.close();
});

test('the Servers and logs page shows the server and filters its log', async ({ context, url }) => {
  const page = await context.newPage();
  await page.goto(`${url}/#/servers`);
  await page.locator('#server-status .server h3').waitFor();
  assert.match(await page.locator('#server-status').textContent(), /rethinkdb 2\.4\.4/);
  await page.locator('#logs table.log').waitFor();
  await page.locator('input[name="filter"]').fill('driver address');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('#logs tbody tr')];
    return rows.length > 0 && rows.every((tr) => /driver address/i.test(tr.textContent));
  });
  await page.locator('input[name="filter"]').fill('');
  await page.locator('select[name="level"]').selectOption('error');
  await page.waitForFunction(() => [...document.querySelectorAll('#logs tbody tr')].every((tr) => tr.className === 'level-error'));
  await page.locator('select[name="level"]').selectOption('');
  await page.locator('#logs tbody tr').first().waitFor();
  await shot(page, 'servers');
  await page.close();
});

test('a user without permission is refused by the server, in the console too', async ({ browser, context, url }) => {
  const admin = await context.newPage();
  await admin.goto(`${url}/#/explorer`);
  await runQuery(admin, "r.db('rethinkdb').table('users').insert({id: 'viewer', password: 'viewer-pw'})");
  await admin.close();
  const other = await browser.newContext();
  const page = await other.newPage();
  await signIn(page, url, 'viewer', 'viewer-pw');
  await page.locator('nav .user').getByText('viewer').waitFor();
  await page.goto(`${url}/#/explorer`);
  const meta = await runQuery(page, "r.db('shop').table('items').count()");
  assert.match(meta, /ReqlPermissionError: User `viewer` does not have the required `read` permission\./);
  await page.goto(`${url}/#/tables`);
  await page.locator('#create-db input').fill('mine');
  await page.locator('#create-db button').click();
  await page.locator('#tables-status').getByRole('alert').filter({ hasText: 'ReqlPermissionError' }).waitFor();
  await other.close();
});

test('a change without the CSRF token is refused, and so is a request from another origin', async ({ context, url }) => {
  const page = await context.newPage();
  await page.goto(`${url}/#/dashboard`);
  const status = await page.evaluate(async () => (await fetch('/api/query', {
    method: 'POST', body: JSON.stringify([1, [57, [[14, ['forged']]]], {}]),
  })).status);
  assert.equal(status, 403);
  const cookie = (await context.cookies()).find((c) => c.name === 'reqldb_console');
  const session = await (await fetch(`${url}/api/session`, { headers: { Cookie: `reqldb_console=${cookie.value}` } })).json();
  const forged = await fetch(`${url}/api/query`, {
    method: 'POST', body: JSON.stringify([1, [57, [[14, ['forged']]]], {}]),
    headers: { Cookie: `reqldb_console=${cookie.value}`, 'X-CSRF-Token': session.csrf, Origin: 'http://evil.example' },
  });
  assert.equal(forged.status, 403);
  await page.goto(`${url}/#/explorer`);
  assert.match(await runQuery(page, 'r.dbList()'), /1 value/);
  assert.doesNotMatch(await page.locator('#results').textContent(), /forged/);
  await page.close();
});

test('signing out ends the session', async ({ context, url }) => {
  const page = await context.newPage();
  await page.goto(`${url}/#/dashboard`);
  const cookie = (await context.cookies()).find((c) => c.name === 'reqldb_console');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  const after = await fetch(`${url}/api/session`, { headers: { Cookie: `reqldb_console=${cookie.value}` } });
  assert.equal(after.status, 401);
  await page.close();
});

migratedTest('an outdated index after a migration is shown, and rebuilt from the dashboard', async ({ context, url }) => {
  const page = await context.newPage();
  await signIn(page, url, 'admin', PASSWORD);
  await page.locator('#issues').getByText('outdated_index').waitFor();
  await page.goto(`${url}/#/tables`);
  await page.locator('[data-table="test.people"] [data-index="tags"] td.outdated').waitFor();
  await shot(page, 'tables-outdated');
  await page.goto(`${url}/#/dashboard`);
  await page.locator('#rebuild-outdated').click();
  await page.locator('#rebuild-job .job-state.done').waitFor({ timeout: 120000 });
  assert.match(await page.locator('#rebuild-job .job-output').textContent(), /test\.people:tags/);
  await page.locator('#issues').getByText('No issues.').waitFor();
  await page.goto(`${url}/#/tables`);
  await page.locator('[data-table="test.people"] [data-index="tags"]').waitFor();
  assert.equal(await page.locator('td.outdated').count(), 0);
  await page.close();
});

/** Runs tests against a server of their own; returns how many failed. */
async function runGroup(browser, list, copyOf) {
  const server = await startServer(jar, PASSWORD, copyOf);
  let failed = 0;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    context.setDefaultTimeout(20000);
    // Drops ask first; the tests say yes.
    context.on('page', (p) => p.on('dialog', (d) => d.accept()));
    for (const [name, fn] of list) {
      const began = Date.now();
      try {
        await fn({ browser, context, url: server.url });
        console.log(`ok   ${name} (${Date.now() - began} ms)`);
      } catch (e) {
        failed++;
        console.log(`FAIL ${name}\n${e.stack}`);
      }
    }
  } finally {
    await context.close();
    await server.stop();
  }
  if (failed) console.log(`server log:\n${server.log()}`);
  return failed;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS });
let failed = 0;
try {
  failed += await runGroup(browser, tests, null);
  failed += await runGroup(browser, migratedTests, V1_FIXTURE);
} finally {
  await browser.close();
}
const total = tests.length + migratedTests.length;
if (failed) {
  console.log(`${failed} of ${total} console tests failed`);
  process.exit(1);
}
console.log(`${total} console tests passed`);
