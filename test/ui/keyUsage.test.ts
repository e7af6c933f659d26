// As a person, in a real VS Code: a key's usage in its key view. A key on Petstore (with the sandbox's
// generated traffic, and calls really made through the sandbox Gateway) is opened with Show Key Details; the
// "Usage over time" section draws its chart (an SVG bar per day and series, as tall as the sandbox's numbers
// say) and its table holds the numbers the sandbox Dashboard's analytics answer; the 30 days button is
// pressed with the keyboard; the page's CSP refuses nothing on the way. Screenshot: media/screenshots/key-usage.png.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { dailyUsage, lastDays, type UsageUnit } from '../../src/domain/usage';
import { SAMPLE } from '../sandbox/seed';
import type { Sandbox } from '../sandbox/server';
import { connect } from './flows';
import { LONG, STEP, useUiSession, waitUntil } from './workbench';

/** The little of the page these page functions use (the project compiles without the DOM lib). */
interface Bar {
  getAttribute(name: string): string | null;
}
interface Row {
  readonly dataset: { date?: string };
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
}

/** What the sandbox Dashboard's analytics answer for the key over the range, per day (the test reads them as any client would). */
async function sandboxUsage(sandbox: Sandbox, hash: string, days: number): Promise<Array<[string, number, number]>> {
  const range = lastDays(days, Date.now());
  const part = (d: string): string => d.split('-').map(Number).reverse().join('/');
  const res = await fetch(`${sandbox.dashboardUrl}/api/activity/keys/${encodeURIComponent(hash)}/${part(range.from)}/${part(range.to)}?res=day&p=-1`, { headers: { authorization: sandbox.credential } });
  const body = (await res.json()) as { data: Array<{ hits: number; error: number; id: { year: number; month: number; day: number } }> | null };
  const units: UsageUnit[] = (body.data ?? []).map((u) => ({ year: u.id.year, month: u.id.month, day: u.id.day, hits: u.hits, errors: u.error }));
  return dailyUsage(units, range).days.map((d) => [d.date, d.requests, d.errors]);
}

/** The chart's bars' lengths (y1 − y2, in the SVG's pixels): series a (requests) and b (errors), day by day. */
async function barLengths(frame: Frame): Promise<{ requests: number[]; errors: number[] }> {
  const lengths = (series: string): Promise<number[]> =>
    frame.locator(`.usage-chart svg .ct-series-${series} .ct-bar`).evaluateAll((bars: Bar[]) => bars.map((b) => Number(b.getAttribute('y1')) - Number(b.getAttribute('y2'))));
  return { requests: await lengths('a'), errors: await lengths('b') };
}

/** The bars stand for `days`: one per day and series, each as long as its number on one scale (to half a pixel). */
function assertBarsShow(bars: { requests: number[]; errors: number[] }, days: Array<[string, number, number]>): void {
  assert.equal(bars.requests.length, days.length, 'a requests bar a day');
  assert.equal(bars.errors.length, days.length, 'an errors bar a day');
  const max = Math.max(...days.map((d) => d[1]));
  const top = bars.requests[days.findIndex((d) => d[1] === max)];
  assert.ok(max > 0 && top > 20, `the busiest day's bar is drawn (${top}px for ${max})`);
  days.forEach(([date, requests, errors], i) => {
    assert.ok(Math.abs(bars.requests[i] - (requests / max) * top) <= 0.5, `${date}: ${requests} requests, ${bars.requests[i]}px (${top}px for ${max})`);
    assert.ok(Math.abs(bars.errors[i] - (errors / max) * top) <= 0.5, `${date}: ${errors} errors, ${bars.errors[i]}px (${top}px for ${max})`);
  });
}

async function tableRows(frame: Frame): Promise<Array<[string, number, number]>> {
  return frame.locator('#usage-table tbody tr').evaluateAll((rows: Row[]) =>
    rows.map((r): [string, number, number] => {
      const cells = r.querySelectorAll('td');
      return [r.dataset.date ?? '', Number(cells[0]?.textContent), Number(cells[1]?.textContent)];
    }),
  );
}

describe('UI: a key’s usage over time in its key view (as a person)', function () {
  this.timeout(180_000);
  const session = useUiSession({ sandbox: { generatedTraffic: true } });

  it('draws the chart and lists the sandbox’s numbers in its table; 30 days with the keyboard', async () => {
    const { workbench: wb, sandbox } = session();
    const key = sandbox.createKey({
      org_id: sandbox.orgId,
      alias: 'mobile-app',
      rate: 1000,
      per: 1,
      quota_max: -1,
      expires: -1,
      access_rights: { [SAMPLE.petstore.apiId]: { api_id: SAMPLE.petstore.apiId, api_name: SAMPLE.petstore.name, versions: ['Default'] } },
    });
    // Calls made with the key today: recorded by the sandbox Gateway, counted by its Dashboard's analytics.
    for (const path of ['/petstore/', '/petstore/pets', '/petstore/pets/1', '/orders/']) {
      const res = await fetch(`${sandbox.gatewayUrl ?? assert.fail('no Gateway')}${path}`, { headers: { Authorization: key.key } });
      await res.arrayBuffer();
    }
    assert.equal(sandbox.calls({ keyHash: key.hash }).length, 4);

    // What the page's CSP refuses shows in its console (the webview's frames are the page's).
    const refused: string[] = [];
    wb.page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) {
        refused.push(m.text());
      }
    });

    const connection = await connect(wb, { kind: 'Tyk Dashboard', url: sandbox.dashboardUrl, credential: sandbox.credential, from: 'welcome' });
    await wb.expandTreeRow(connection);
    await wb.expandTreeRow('Petstore');
    await wb.expandTreeRow('Keys');
    await wb.contextMenu(wb.treeRow('mobile-app'), 'Show Key Details');

    const frame = await wb.webviewFrame('.section-usage', LONG);
    const bars = frame.locator('.usage-chart svg .ct-bar');
    await waitUntil('the chart drawn: a bar a day for requests and for errors', async () => (await bars.count()) === 7 * 2, LONG);
    const expected = await sandboxUsage(sandbox, key.hash, 7);
    assert.deepEqual(await tableRows(frame), expected);
    assertBarsShow(await barLengths(frame), expected);
    assert.equal(expected.at(-1)?.[1] !== undefined && expected.at(-1)![1] >= 4, true, 'today holds the calls made');
    assert.match((await frame.locator('.usage-message').textContent()) ?? '', /requests in the last 7 days \(UTC\); errors: /);

    // The table is there for a screen reader; "Show as table" shows it.
    const toggle = frame.getByRole('button', { name: 'Show as table' });
    await toggle.click();
    await frame.locator('#usage-table').waitFor({ state: 'visible', timeout: STEP });
    assert.equal(await frame.getByRole('button', { name: 'Hide table' }).getAttribute('aria-expanded'), 'true');

    // The 30 days button, with the keyboard: focus it, press Space.
    const thirty = frame.getByRole('button', { name: 'Last 30 days' });
    await thirty.focus();
    await wb.keyboard.press('Space');
    await waitUntil('30 days', async () => (await frame.locator('#usage-table tbody tr').count()) === 30, LONG);
    assert.equal(await frame.getByRole('button', { name: 'Last 30 days' }).getAttribute('aria-pressed'), 'true');
    const expected30 = await sandboxUsage(sandbox, key.hash, 30);
    assert.deepEqual(await tableRows(frame), expected30);
    await frame.getByRole('button', { name: 'Hide table' }).click();
    await waitUntil('the chart drawn again, for 30 days', async () => (await bars.count()) === 30 * 2, STEP);
    assertBarsShow(await barLengths(frame), expected30);
    assert.equal(await frame.locator('.usage-chart').getAttribute('role'), 'img');
    assert.match((await frame.locator('.usage-chart').getAttribute('aria-label')) ?? '', /Requests and errors per day, last 30 days/);
    assert.deepEqual(refused, [], 'the page’s CSP refused nothing');

    await frame.locator('.section-usage').scrollIntoViewIfNeeded();
    await wb.docScreenshot('key-usage.png');
  });
});
