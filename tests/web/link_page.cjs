// Drives the resource-link landing page (assets/web/) in headless Debian Chromium with
// playwright-core. Run by tests/it/link_web.rs, which prepares the page folders and the
// case list; this script installs nothing.
//
// argv[2] = JSON config: { playwright, chromium, pages: { name: dir }, cases: [ { name, page,
//           fragment, state, problem?, organisation?, tel?, sms? } ] }
// Prints "ok - …" / "not ok - …" per check and closes with "N passed, M failed".
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const { chromium } = require(config.playwright);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json' };

// A tiny static server on 127.0.0.1 for the page folders: /<page>/<file>.
function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const parts = url.pathname.split('/').filter(Boolean);
    const dir = parts.length === 2 ? config.pages[parts[0]] : undefined;
    const file = dir && /^[a-z]+\.(html|js|css|json)$/.test(parts[1]) ? path.join(dir, parts[1]) : null;
    if (req.method !== 'GET' || !file || !fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)], 'cache-control': 'no-store' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail ? ': ' + detail : ''}`);
  }
}

async function main() {
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const userDataDir = fs.mkdtempSync(path.join(config.tmp, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: config.chromium,
    headless: true,
    chromiumSandbox: false,
    serviceWorkers: 'block',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--no-default-browser-check'],
  });
  const page = context.pages()[0] || (await context.newPage());
  let requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  // A page published without revocations.json gets a 404 for it (Chromium logs that as an
  // error): that is allowed, the page then revokes nothing.
  const missingList = (m) => /^Failed to load resource: .* 404/.test(m.text()) &&
    /\/revocations\.json$/.test((m.location() || {}).url || '');
  page.on('console', (m) => { if (m.type() === 'error' && !missingList(m)) errors.push(m.text()); });

  const allowed = (pageName) => new Set(['index.html', 'strings.js', 'link.js', 'style.css', 'revocations.json']
    .map((f) => `${origin}/${pageName}/${f}`));

  async function state() {
    await page.waitForFunction(() => document.body.getAttribute('data-state') !== 'loading',
      null, { timeout: 15000 });
    return page.evaluate(() => ({
      state: document.body.getAttribute('data-state'),
      problem: document.body.getAttribute('data-problem'),
      title: document.getElementById('status-title').textContent,
      resources: document.querySelectorAll('#resources > li').length,
      hrefs: Array.from(document.querySelectorAll('#resources a')).map((a) => a.getAttribute('href')),
      location: window.location.href,
    }));
  }

  function expectOutcome(c, got, label) {
    const name = `${label || c.name} [${c.page}]`;
    check(`${name}: state ${c.state}`, got.state === c.state, `got ${got.state} (${got.problem}): ${got.title}`);
    if (c.state === 'verified') {
      check(`${name}: says who verified it`, got.title === `Verified: ${c.organisation}`, got.title);
    }
    if (c.state === 'unsigned') {
      check(`${name}: says not verified`, got.title.startsWith('Not verified'), got.title);
    }
    if (c.state === 'error') {
      check(`${name}: problem ${c.problem}`, got.problem === c.problem, `got ${got.problem}`);
      check(`${name}: shows no resources`, got.resources === 0, `${got.resources} shown`);
    } else {
      check(`${name}: shows ${c.count} resources`, got.resources === c.count, `${got.resources} shown`);
      for (const h of c.hrefs || []) {
        check(`${name}: has link ${h}`, got.hrefs.includes(h), got.hrefs.join(' '));
      }
      check(`${name}: only tel/sms/https/mailto links`,
        got.hrefs.every((h) => /^(tel:|sms:|https:\/\/|mailto:)/.test(h)), got.hrefs.join(' '));
    }
    check(`${name}: fragment removed from the address bar`, !got.location.includes('#'), got.location);
  }

  for (const c of config.cases) {
    await page.goto('about:blank');
    requests = [];
    await page.goto(`${origin}/${c.page}/index.html#${c.fragment}`);
    const got = await state();
    expectOutcome(c, got);
    const extra = requests.filter((u) => !allowed(c.page).has(u));
    check(`${c.name} [${c.page}]: no network request of its own`, extra.length === 0, extra.join(' '));
  }

  // Offline once loaded: new links opened in the same tab work with the network off and
  // cause no request at all.
  const offline = config.cases.filter((c) => c.page === 'test' && c.offline);
  if (offline.length > 0) {
    await page.goto(`${origin}/test/index.html#${offline[0].fragment}`);
    await state();
    await context.setOffline(true);
    requests = [];
    for (const c of offline) {
      await page.evaluate(() => document.body.setAttribute('data-state', 'loading'));
      await page.evaluate((f) => { window.location.hash = f; }, c.fragment);
      expectOutcome(c, await state(), `offline ${c.name}`);
    }
    check('offline: zero requests while switching links', requests.length === 0, requests.join(' '));
    await context.setOffline(false);
  }

  // Issue 14: trust marks, English and Spanish, quick exit.
  const uns = config.cases.find((c) => c.page === 'test' && c.state === 'unsigned');
  const ver = config.cases.find((c) => c.page === 'test' && c.state === 'verified');
  await page.goto(`${origin}/test/index.html#${uns.fragment}`);
  await state();
  const allMarked = await page.evaluate(() => Array.from(
    document.querySelectorAll('#resources .contacts li')).every((li) => li.querySelector('.badge')));
  check('unsigned: every contact is marked not verified', allMarked);
  await page.click('#lang-switch');
  const es = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.getElementById('status-title').textContent,
    h1: document.getElementById('page-title').textContent,
    exit: document.getElementById('quick-exit').textContent,
    count: document.querySelectorAll('#resources > li').length,
    badge: (document.querySelector('#resources .badge') || {}).textContent,
  }));
  check('switch: the page repaints in Spanish', es.lang === 'es' && es.title.startsWith('Sin verificar')
    && es.h1 === 'Recursos compartidos' && es.exit === 'Salida rápida' && es.count === uns.count
    && es.badge === 'sin verificar', JSON.stringify(es));
  await page.click('#lang-switch');
  const en = await page.evaluate(() => ({ lang: document.documentElement.lang,
    title: document.getElementById('status-title').textContent }));
  check('switch: and back to English', en.lang === 'en' && en.title.startsWith('Not verified'), JSON.stringify(en));

  // Quick exit: a neutral site replaces the page and its history entry.
  const exitTo = 'https://www.wikipedia.org/';
  await context.route(`${exitTo}**`, (r) => r.fulfill({ status: 200, contentType: 'text/html',
    body: '<!doctype html><link rel="icon" href="data:,"><title>Wikipedia</title><p>neutral</p>' }));
  const before = await page.evaluate(() => history.length);
  await page.click('#quick-exit');
  await page.waitForURL(`${exitTo}**`, { timeout: 15000 });
  const after = await page.evaluate(() => history.length);
  check('quick exit: a neutral site replaces the page', page.url().startsWith(exitTo), page.url());
  check('quick exit: no new history entry (location.replace)', after === before, `${before} -> ${after}`);

  // Browser language: a Spanish browser gets the Spanish page without a tap.
  const browser = await chromium.launch({ executablePath: config.chromium, headless: true,
    chromiumSandbox: false, args: ['--no-sandbox', '--headless', '--disable-gpu'] });
  const esContext = await browser.newContext({ locale: 'es-MX' });
  const esPage = await esContext.newPage();
  esPage.on('pageerror', (e) => errors.push(String(e)));
  for (const c of [uns, ver]) {
    await esPage.goto(`${origin}/test/index.html#${c.fragment}`);
    await esPage.waitForFunction(() => document.body.getAttribute('data-state') !== 'loading',
      null, { timeout: 15000 });
    const got = await esPage.evaluate(() => ({ lang: document.documentElement.lang,
      state: document.body.getAttribute('data-state'),
      title: document.getElementById('status-title').textContent,
      checked: Array.from(document.querySelectorAll('#resources .checked')).map((p) => p.textContent) }));
    const want = c.state === 'verified' ? `Verificado: ${c.organisation}` : 'Sin verificar';
    check(`es-MX browser: ${c.name} in Spanish`, got.lang === 'es' && got.state === c.state
      && got.title.startsWith(want), JSON.stringify(got));
    check(`es-MX browser: ${c.name} says who checked what`, got.checked.length === c.count
      && got.checked.every((t) => t.startsWith('Comprobado el') || t === 'Quien lo envió no lo ha comprobado.'),
    JSON.stringify(got.checked));
  }
  await browser.close();

  check('no script errors or CSP violations', errors.length === 0, errors.join(' | '));
  await context.close();
  server.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((e) => {
  console.log(`not ok - driver crashed: ${e && e.stack ? e.stack : e}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
