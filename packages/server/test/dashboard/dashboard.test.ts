/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '../../src/index.js';
import { startTestServer, until } from '../support/harness.js';

const CHROMIUM = process.env.AXON_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const B = { scope: ['test'] };
const available = existsSync(CHROMIUM);

let h: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
let client: AdminClient;

beforeAll(async () => {
  if (!available) return;
  h = await startTestServer({
    minIdle: 2,
    max: 3,
    extra: { recovery: { restartBackoffBase: 50, taskMaxAttempts: 1 } },
  });
  client = new AdminClient({ url: h.url, token: h.token });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await until(() => h.server.runtime.listAgents().filter((a) => a.pid > 0).length === 2 && true, 'two warm agents');
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('dashboard', () => {
  it('shows a login form and refuses a wrong token', async (ctx) => {
    if (!available) ctx.skip();
    const res = await page.goto(`${h.url}/`);
    expect(res?.status()).toBe(200);
    await page.fill('#token', 'not-the-token-at-all');
    await page.click('button[type=submit]');
    await page.waitForSelector('.error');
    expect(await page.textContent('.error')).toContain('not valid');
    // No cookie, no API.
    const api = await page.evaluate(async () => (await fetch('/api/agents')).status);
    expect(api).toBe(401);
  });

  it('loads with the token and shows the agents', async (ctx) => {
    if (!available) ctx.skip();
    await page.goto(`${h.url}/?token=${encodeURIComponent(h.token)}`);
    expect(new URL(page.url()).search).toBe(''); // the token left the address bar
    await page.waitForSelector('#connection.live');
    await page.waitForFunction(() => document.querySelectorAll('tr[data-agent-id]').length === 2);
    const names = await page.$$eval('tr[data-agent-id] td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(names.sort()).toEqual(['worker-1', 'worker-2']);
  });

  it('updates live, without a reload, when an agent is SIGKILLed and restarted', async (ctx) => {
    if (!available) ctx.skip();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const victim = h.server.runtime.listAgents()[0]!;
    process.kill(victim.pid, 'SIGKILL');
    await page.waitForFunction(
      ({ id, pid }) => {
        const row = document.querySelector(`tr[data-agent-id="${id}"]`);
        const now = Number(row?.getAttribute('data-pid'));
        return row !== null && now > 0 && now !== pid && row.querySelector('.restarts')?.textContent === '1';
      },
      { id: victim.id, pid: victim.pid },
      { timeout: 20_000 },
    );
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    const restarted = h.server.runtime.getAgent(victim.id)!;
    expect(await page.getAttribute(`tr[data-agent-id="${victim.id}"]`, 'data-pid')).toBe(String(restarted.pid));
  });

  it('draws CPU and memory sparklines from the live samples', async (ctx) => {
    if (!available) ctx.skip();
    await page.waitForFunction(() => document.querySelectorAll('svg.spark polyline').length >= 2, undefined, {
      timeout: 20_000,
    });
  });

  it('cancels a running task with its cancel button', async (ctx) => {
    if (!available) ctx.skip();
    if (process.env.AXON_DOCS_SCREENSHOT) {
      // Something to show in the docs' screenshot: tool calls and a failure with its stderr tail.
      const runs = ['a', 'b', 'c'].map((n) =>
        h.server.runtime.submit({
          taskId: `docs-${n}`,
          objective: 'search',
          boundaries: B,
          context: { action: 'tool' },
        }),
      );
      await Promise.all(runs);
      await client.submit({ taskId: 'docs-fail', objective: 'fail', boundaries: B, context: { action: 'fail' } });
      await page.waitForSelector('[data-failed-task="docs-fail"]', { timeout: 20_000 });
    }
    await client.submit({ taskId: 'dash-wait', objective: 'wait', boundaries: B, context: { action: 'wait' } });
    const button = await page.waitForSelector('button[data-cancel="dash-wait"]', { timeout: 20_000 });
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}dashboard.png`, fullPage: true });
    if (process.env.AXON_DOCS_SCREENSHOT)
      await page.screenshot({ path: fileURLToPath(new URL('../../../../docs/dashboard.png', import.meta.url)) });
    await button.click();
    await page.waitForSelector('[data-failed-task="dash-wait"]', { timeout: 20_000 });
    expect(await page.$('button[data-cancel="dash-wait"]')).toBeNull();
    expect((await client.task('dash-wait')).status).toBe('cancelled');
    expect(await page.textContent('[data-failed-task="dash-wait"]')).toContain('CANCELLED');
  });

  it('restarts an agent with its restart button', async (ctx) => {
    if (!available) ctx.skip();
    const agent = h.server.runtime.listAgents()[1]!;
    await page.click(`button[data-restart="${agent.id}"]`);
    await page.waitForFunction(
      ({ id, pid }) => {
        const now = Number(document.querySelector(`tr[data-agent-id="${id}"]`)?.getAttribute('data-pid'));
        return now > 0 && now !== pid;
      },
      { id: agent.id, pid: agent.pid },
      { timeout: 20_000 },
    );
  });
});
