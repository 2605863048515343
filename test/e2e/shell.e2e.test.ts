import { mkdirSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '../../src/modules/catalog/schema';
import { catalogSeeder } from '../../src/modules/catalog/seed-catalog';
import { systemActor } from '../../src/platform/context';
import type { Surface } from '../../web/src/lib/web-module';
import { webModules } from '../../web/src/modules';
import { ensureWebBuilt, launchChromium, seriousAxeViolations } from './browser';
import { type Demo, PUBLIC_URL, pageAs, signedInPage, startDemo } from './demo';

/** Screenshots for a person to look at (not kept in the repository). */
const SHOTS = '/tmp/shots';

let demo: Demo;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo();
  // The demo shop's catalog, and one of its products as the sample for the product pages' parameters.
  await catalogSeeder.run({
    platform: demo.app.platform,
    ctx: {
      db: demo.app.platform.db,
      actor: systemActor(),
      channelId: demo.app.platform.defaultChannelId,
      requestId: 'shell',
      clock: demo.app.platform.clock,
    },
    demo: true,
    more: false,
    announce: () => {},
  });
  const [product] = await demo.app.platform.db
    .select({ id: products.id, slug: products.slug })
    .from(products)
    .where(eq(products.status, 'published'))
    .limit(1);
  samples.id = product!.id;
  samples.slug = product!.slug;
  samples.messageId = demo.mail.signUpAttempt;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.app.close();
});

const prefixes: Record<Surface, string> = {
  storefront: '',
  account: '/account',
  studio: '/studio',
  console: '/console',
};
/**
 * A real value for each route parameter the modules use; a new parameter fails the test until it has one.
 * `id` and `slug` are a demo product's, filled in once the demo shop exists.
 */
const samples: Record<string, string> = { queue: 'demo.supplier-sync' };

/** Every page the web modules declare, as an address. */
function declaredPages(): string[] {
  return webModules
    .flatMap((m) => m.routes)
    .map((r) => {
      const path = r.path.replace(/:(\w+)/g, (_, name: string) => {
        const value = samples[name];
        if (!value) throw new Error(`no sample value for :${name} (route ${r.path}); add one to the test`);
        return encodeURIComponent(value);
      });
      return `${prefixes[r.surface]}${path ? `/${path}` : ''}` || '/';
    });
}

const slug = (url: string) => url.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';

/** What a person would see go wrong with the layout at this width. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width)
      out.push(`the page scrolls sideways to ${document.documentElement.scrollWidth}px`);
    const name = (el: Element) => el.getAttribute('aria-label') || el.textContent?.trim() || el.tagName;
    for (const el of document.querySelectorAll('header a, header button')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue; // hidden at this width (the menu button on wide screens)
      if (r.left < -0.5 || r.right > width + 0.5) out.push(`header control "${name(el)}" is cut off`);
      if (el.scrollWidth > el.clientWidth + 1) out.push(`header control "${name(el)}" clips its text`);
    }
    for (const el of document.querySelectorAll('header *')) {
      // Screen-reader-only text is a 1 px box that hides its content on purpose.
      if (el.getBoundingClientRect().width <= 1) continue;
      const x = getComputedStyle(el).overflowX;
      if (x !== 'visible' && el.scrollWidth > el.clientWidth + 1)
        out.push(`"${name(el)}" in the header scrolls`);
    }
    return out;
  });
}

/** A nav's group labels (in brackets) and links, in order, as a person reads them. */
function navOutline(page: Page, name: string): Promise<string[]> {
  return page
    .getByRole('navigation', { name })
    .evaluate((nav) =>
      [...nav.querySelectorAll('p, a')].map((e) =>
        e.tagName === 'P' ? `[${e.textContent}]` : e.textContent!,
      ),
    );
}

/** The page's server-rendered HTML and its inert state, as a signed-in person's browser receives them. */
async function serverPage(who: Demo['founder'] | null, url: string) {
  const res = await (who?.client ?? demo.app.client()).request<string>('GET', url);
  const html = String(res.body);
  const json = /<script type="application\/json" id="lsn-state">(.*?)<\/script>/s.exec(html)?.[1];
  const state = JSON.parse(json ?? '{}') as {
    publicUrl: string;
    state: { queries: Array<{ queryKey: unknown[]; state: { status: string; error?: { data?: object } } }> };
  };
  return { status: res.status, html, state };
}

describe('the web shell', () => {
  it('every page the web modules declare, and the storefront, fits a 375 px phone and a 1280 px screen and hydrates cleanly', async () => {
    const pages = [
      '/',
      '/signin',
      '/signup',
      '/forgot-password',
      `/reset-password?token=${'A'.repeat(43)}`,
      '/verify-email',
      '/no-such-page',
      '/console',
      '/studio',
      ...declaredPages(),
    ];
    expect(pages).toEqual(
      expect.arrayContaining(['/account/api-keys', '/console/jobs', '/console/audit', '/console/mail']),
    );
    // Far from the server's time zone and locale: dates must not make hydration disagree with the server.
    const { context, page } = await signedInPage(
      browser,
      demo.app,
      demo.founder,
      { width: 375, height: 812 },
      { timezoneId: 'Pacific/Auckland', locale: 'de-DE' },
    );
    const problems: string[] = [];
    // Pages hydrate what the server rendered without complaint (a mismatch is logged as an error).
    page.on('pageerror', (err) => problems.push(`${page.url()}: ${err.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        problems.push(`${page.url()}: ${m.text()}`);
    });
    try {
      for (const width of [375, 1280]) {
        await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
        for (const url of pages) {
          await page.goto(url, { waitUntil: 'networkidle' });
          for (const p of await layoutProblems(page)) problems.push(`${url} at ${width} px: ${p}`);
          await page.screenshot({ path: `${SHOTS}/${width}-${slug(url)}.png`, fullPage: true });
        }
      }
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('a page arrives with its data and its head: title, description, canonical and Open Graph from PUBLIC_URL', async () => {
    const keys = await serverPage(demo.founder, '/account/api-keys');
    expect(keys.status).toBe(200);
    // The route's queries ran on the server: the key is in the HTML, and its answer in the page's state.
    expect(keys.html).toMatch(/<td[^>]*>CI deploy<\/td>/);
    expect(keys.state.state.queries.map((q) => q.queryKey[0])).toEqual(
      expect.arrayContaining([
        ['auth', 'me'],
        ['apiKeys', 'list'],
        ['apiKeys', 'scopes'],
      ]),
    );
    const head = keys.html.slice(0, keys.html.indexOf('</head>'));
    expect(head).toContain('<title>API keys · Live Shopping Network</title>');
    expect(head).toContain(
      '<meta name="description" content="Keys that let your scripts call the API as you.">',
    );
    expect(head).toContain(`<link rel="canonical" href="${PUBLIC_URL}/account/api-keys">`);
    expect(head).toContain('<meta property="og:title" content="API keys">');
    expect(head).toContain(`<meta property="og:url" content="${PUBLIC_URL}/account/api-keys">`);
    expect(head).toContain('<meta property="og:type" content="website">');
    expect(head).toContain('<meta property="og:site_name" content="Live Shopping Network">');
    expect(head).toContain('<meta name="robots" content="noindex">');
    // The CSP forbids inline scripts: every executable script is an external file; the state is inert JSON.
    for (const tag of keys.html.match(/<script\b[^>]*>/g) ?? [])
      expect(tag).toMatch(/type="application\/json"|src="\/assets\//);

    // The storefront's front page is public and indexable, with the channel as its title.
    const home = await serverPage(null, '/');
    expect(home.html).toContain(`<link rel="canonical" href="${PUBLIC_URL}/">`);
    expect(home.html).toContain('<meta property="og:title" content="Live Shopping Network">');
    expect(home.html).not.toContain('noindex');

    // Queries follow the address: the audit log filtered by actor is rendered filtered.
    const mine = await serverPage(
      demo.founder,
      `/console/audit?actor=${encodeURIComponent(demo.founder.email)}`,
    );
    expect(mine.html).toContain('roles.assign');
    const nobody = await serverPage(demo.founder, '/console/audit?actor=nobody%40demo.test');
    expect(nobody.html).toContain('No entries match');
  });

  it("a query the server could not answer renders the page's own error state; a missing queue is a 404, its name escaped", async () => {
    const missing = await serverPage(demo.founder, '/console/jobs/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('There is no queue named “&lt;script&gt;alert(1)&lt;/script&gt;”');
    expect(missing.html).toContain(
      '<title>Jobs in &lt;script&gt;alert(1)&lt;/script&gt; · Live Shopping Network</title>',
    );
    expect(missing.html).not.toContain('<script>alert');
    // The failure travels to the browser as the API's error, so the page does not ask again on load.
    const failed = missing.state.state.queries.filter((q) => q.state.status === 'error');
    expect(failed.map((q) => q.state.error?.data)).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', httpStatus: 404 }),
      expect.objectContaining({ code: 'NOT_FOUND', httpStatus: 404 }),
    ]);
    // Support may not read jobs: the route's queries fail with 403 and the page says so.
    const support = await serverPage(demo.support, '/console/jobs');
    expect(support.status).toBe(403);
    expect(support.html).toContain('You don&#x27;t have access to this page');
  });

  it('the console sidebar groups sections by area and lists only what the viewer may open', async () => {
    const founder = await pageAs(browser, demo.app, demo.founder);
    const support = await pageAs(browser, demo.app, demo.support);
    const creator = await pageAs(browser, demo.app, demo.creator);
    try {
      await founder.page.goto('/console');
      expect(await navOutline(founder.page, 'Console navigation')).toEqual([
        'Overview',
        '[Commerce]',
        'Products',
        'Categories',
        '[Platform]',
        'Users & roles',
        'Audit log',
        'Jobs',
        'Mail',
      ]);
      await support.page.goto('/console');
      expect(await navOutline(support.page, 'Console navigation')).toEqual([
        'Overview',
        '[Commerce]',
        'Products',
        'Categories',
        '[Platform]',
        'Users & roles',
      ]);
      // The overview offers the same sections, with what each is for.
      expect(await support.page.getByRole('main').getByRole('link').allTextContents()).toEqual([
        'Products',
        'Categories',
        'Users & roles',
      ]);
      // The studio builds its sidebar the same way from the modules' studio entries.
      await creator.page.goto('/studio');
      expect(await navOutline(creator.page, 'Studio navigation')).toEqual(['Home', '[Platform]', 'API keys']);
      // A creator may not open the console: no sections are offered there.
      await creator.page.goto('/console');
      await creator.page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
      expect(await navOutline(creator.page, 'Console navigation')).toEqual([]);

      // With the sidebar, the console has no serious or critical accessibility problems.
      await founder.page.goto('/console/jobs/demo.supplier-sync');
      await founder.page
        .getByRole('region', { name: 'Dead letters (gave up) in demo.supplier-sync' })
        .waitFor();
      expect(await seriousAxeViolations(founder.page)).toEqual([]);
    } finally {
      await Promise.all([founder.context.close(), support.context.close(), creator.context.close()]);
    }
  }, 60_000);

  it('on a phone the sidebar is a drawer: focus stays in it, Escape closes it, the page does not scroll behind it', async () => {
    const { context, page } = await pageAs(browser, demo.app, demo.founder, { width: 375, height: 812 });
    try {
      await page.goto('/console/jobs/demo.supplier-sync');
      const menu = page.getByRole('button', { name: 'Menu', exact: true });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await page.getByRole('navigation', { name: 'Console navigation' }).count()).toBe(0);

      await menu.click();
      const drawer = page.getByRole('dialog', { name: 'Console menu' });
      await drawer.waitFor();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      expect(await navOutline(page, 'Console navigation')).toEqual([
        'Overview',
        '[Commerce]',
        'Products',
        'Categories',
        '[Platform]',
        'Users & roles',
        'Audit log',
        'Jobs',
        'Mail',
      ]);
      await page.screenshot({ path: `${SHOTS}/375-console-drawer-open.png` });
      expect(await seriousAxeViolations(page)).toEqual([]);

      const focusInDrawer = () =>
        page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')));
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        expect(await focusInDrawer()).toBe(true);
      }
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Shift+Tab');
        expect(await focusInDrawer()).toBe(true);
      }
      // Scrolling over the backdrop does not move the page behind it.
      await page.mouse.move(350, 600);
      await page.mouse.wheel(0, 900);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);

      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).toBe('dialog');
      // With the drawer closed the page scrolls again.
      await page.mouse.wheel(0, 900);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);

      // Following a link closes the drawer; so does the window growing past 768 px.
      await menu.click();
      await drawer.getByRole('link', { name: 'Audit log' }).click();
      await page.waitForURL('**/console/audit');
      await drawer.waitFor({ state: 'hidden' });
      await menu.click();
      await drawer.waitFor();
      await page.setViewportSize({ width: 1280, height: 900 });
      await drawer.waitFor({ state: 'hidden' });
      await page.getByRole('navigation', { name: 'Console navigation' }).waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);

  it("/docs wears the product's dark theme from our own stylesheet, links back to the app, and passes axe", async () => {
    const res = await demo.app.client().request<string>('GET', '/docs');
    const html = String(res.body);
    expect(html).toContain('<link rel="stylesheet" href="/docs/theme.css">');
    expect(html).not.toMatch(/<style|style="|<script>(?!<\/script>)/);
    const css = await demo.app.client().request<string>('GET', '/docs/theme.css');
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect(String(css.body)).toContain('--color-canvas: #0b0a10;');

    for (const viewport of [
      { width: 375, height: 812 },
      { width: 1280, height: 900 },
    ]) {
      const { context, page } = await pageAs(browser, demo.app, null, viewport);
      try {
        await page.goto('/docs');
        await page.locator('.opblock-tag').first().waitFor();
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
          'rgb(11, 10, 16)',
        );
        expect(await page.getByRole('link', { name: 'Back to the app' }).getAttribute('href')).toBe('/');
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          viewport.width,
        );
        await page.screenshot({ path: `${SHOTS}/${viewport.width}-docs.png` });
        expect(await seriousAxeViolations(page)).toEqual([]);
        // An operation opened shows its parameters and responses; still no serious problems.
        await page.locator('.opblock-summary').first().click();
        await page.locator('.opblock-body').first().waitFor();
        expect(await seriousAxeViolations(page)).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/${viewport.width}-docs-open.png`, fullPage: true });
      } finally {
        await context.close();
      }
    }
  }, 90_000);
});
