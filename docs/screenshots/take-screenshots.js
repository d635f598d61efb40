// Screenshots for docs/screenshots: node shots.js BASE OUTDIR
// Vaadin's development-mode tools (Copilot popup + icon) are hidden: they are not part of the product.
const { chromium } = require('playwright-core');
(async () => {
  const [,, base, out] = process.argv;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const open = async (locale, viewport = { width: 1400, height: 1000 }) => {
    const context = await browser.newContext({ viewport, locale });
    await context.addInitScript(() => {
      const hide = () => { const s = document.createElement('style'); s.textContent = 'vaadin-dev-tools, copilot-main { display: none !important; }'; document.head.appendChild(s); };
      if (document.head) hide(); else document.addEventListener('DOMContentLoaded', hide);
    });
    return context.newPage();
  };
  const idle = async (page) => {
    await page.waitForFunction(() => { const f = window.Vaadin && window.Vaadin.Flow; return f && f.clients && Object.keys(f.clients).length > 0 && Object.values(f.clients).every(c => !c.isActive || !c.isActive()); }, null, { timeout: 30000 });
    await page.waitForTimeout(1000);
  };
  const login = async (page, user) => {
    await page.goto(base + '/login'); await page.waitForSelector('vaadin-login-form input[name=username]'); await idle(page);
    await page.fill('input[name=username]', user); await page.fill('input[name=password]', 'demo-password');
    await page.click('vaadin-button[slot=submit]');
    await page.waitForSelector('#run-report'); await idle(page);
  };
  // Pages beside the report, shown to the global admin: [path, file name]
  const extraPages = [['/admin/organisation', 'organisation'], ['/admin/teams', 'teams-connection'],
    ['/subscriptions', 'subscriptions']];
  // English
  let page = await open('en-US');
  await page.goto(base + '/login'); await page.waitForSelector('vaadin-login-form input[name=username]'); await idle(page);
  await page.screenshot({ path: out + '/login.png' });
  await login(page, 'admin');
  for (const tab of ['visits', 'duration', 'bookings', 'ehr', 'downloads']) {
    await page.goto(base + '/?days=30&tab=' + tab); await page.waitForSelector('#run-report'); await idle(page);
    await page.screenshot({ path: out + '/report-' + tab + '.png' });
  }
  // The grid (below the fold: AppLayout scrolls its content area, so scroll the grid into view)
  await page.goto(base + '/?days=30'); await page.waitForSelector('#run-report'); await idle(page);
  await page.evaluate(() => document.getElementById('visits-grid').scrollIntoView({ block: 'end' })); await page.waitForTimeout(800);
  await page.screenshot({ path: out + '/report-grid.png' });
  await page.click('#open-settings'); await page.waitForTimeout(1500); await idle(page);
  await page.screenshot({ path: out + '/settings.png' });
  await page.keyboard.press('Escape'); await page.waitForTimeout(500);
  await page.goto(base + '/?days=30'); await page.waitForSelector('#run-report'); await idle(page);
  // French through the user menu: Language -> Français (the page reloads)
  await page.click('#user-menu'); await page.waitForTimeout(500);
  await page.getByText('Language', { exact: true }).click(); await page.waitForTimeout(500);
  await page.getByText('Français', { exact: true }).click();
  await page.waitForTimeout(1500); await page.waitForSelector('#run-report'); await idle(page);
  await page.screenshot({ path: out + '/report-visits-fr.png' });
  await page.goto(base + '/?days=30&tab=duration'); await page.waitForSelector('#run-report'); await idle(page);
  await page.screenshot({ path: out + '/report-duration-fr.png' });
  await page.click('#open-settings'); await page.waitForTimeout(1500); await idle(page);
  await page.screenshot({ path: out + '/settings-fr.png' });
  await page.keyboard.press('Escape'); await page.waitForTimeout(500);
  await page.goto(base + '/?days=30'); await page.waitForSelector('#run-report'); await idle(page);
  await page.evaluate(() => document.getElementById('visits-grid').scrollIntoView({ block: 'end' })); await page.waitForTimeout(800);
  await page.screenshot({ path: out + '/report-grid-fr.png' });
  await page.goto(base + '/admin/users'); await idle(page);
  await page.screenshot({ path: out + '/users-fr.png' });
  for (const [path, name] of extraPages) {
    await page.goto(base + path); await idle(page);
    await page.screenshot({ path: out + '/' + name + '-fr.png' });
  }
  await page.context().close();
  // English pages that came later: administration pages, refusals
  page = await open('en-US');
  await login(page, 'admin');
  for (const [path, name] of extraPages) {
    await page.goto(base + path); await idle(page);
    await page.screenshot({ path: out + '/' + name + '.png' });
  }
  await page.goto(base + '/no-such-page'); await idle(page);
  await page.screenshot({ path: out + '/not-found.png' });
  await page.context().close();
  page = await open('en-US');
  await login(page, 'cardio-viewer');
  await page.screenshot({ path: out + '/report-limited-viewer.png' });
  await page.goto(base + '/admin/users'); await idle(page);
  await page.screenshot({ path: out + '/access-denied.png' });
  await page.context().close();
  // A phone (390 x 844): filters folded, the grid's key columns, the tabs in reach
  page = await open('en-US', { width: 390, height: 844 });
  await login(page, 'viewer');
  await page.goto(base + '/?days=30'); await page.waitForSelector('#run-report'); await idle(page);
  await page.screenshot({ path: out + '/phone-report.png' });
  await page.evaluate(() => document.getElementById('report-tabs').scrollIntoView()); await page.waitForTimeout(800);
  await page.screenshot({ path: out + '/phone-chart.png' });
  await page.evaluate(() => document.getElementById('visits-grid').scrollIntoView({ block: 'end' })); await page.waitForTimeout(800);
  await page.screenshot({ path: out + '/phone-grid.png' });
  await page.context().close();
  // French login page from the browser's language (Accept-Language: fr)
  page = await open('fr-FR');
  await page.goto(base + '/login'); await page.waitForSelector('vaadin-login-form input[name=username]'); await idle(page);
  await page.screenshot({ path: out + '/login-fr.png' });
  await page.context().close();
  await browser.close();
})();
