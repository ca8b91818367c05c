// What a CRM builds on, in a real browser: its people's names, which task the reader picked (by
// pointer and by keyboard), its own controls and empty state in the slots, and its own styling of
// each status through the parts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSession } from './support/session.mjs';
import { Widget } from './support/widget.mjs';

const lead = (id, attrs = '', inner = '') => `<task-history id="th" lead-id="${id}" proxy-base="/api" ${attrs}>${inner}</task-history>`;

describe('fitting into the CRM', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.end());

  it('shows the people the CRM names, and their new names without a request', async () => {
    const page = await session.open({ body: lead(12345) });
    const widget = new Widget(page);
    await widget.waitForCards(2);
    const assignees = () => widget.shownPage().locator('[data-testid="assignee"]').allTextContents();
    assert.deepEqual((await assignees()).map((t) => t.trim()), ['User #678', 'User #678']);
    const requests = [];
    page.on('request', (request) => request.url().includes('/task?') && requests.push(request.url()));
    await page.evaluate(() => {
      document.getElementById('th').users = { 678: 'Asha Rao', 1: { name: 'Dev Mehta' } };
    });
    await page.waitForFunction(() => document.getElementById('th').shadowRoot.textContent.includes('Asha Rao'));
    assert.deepEqual((await assignees()).map((t) => t.trim()), ['Asha Rao', 'Asha Rao']);
    await page.evaluate(() => {
      document.getElementById('th').users = new Map([[678, 'Asha R.']]);
    });
    await page.waitForFunction(() => document.getElementById('th').shadowRoot.textContent.includes('Asha R.'));
    assert.deepEqual(requests, [], 'names cost no request');
  });

  it('fires task-history-select from a click, Enter and Space, and never from Details', async () => {
    const page = await session.open({ body: lead(12345) });
    const widget = new Widget(page);
    await widget.waitForCards(2);
    const titles = widget.shownPage().locator('[data-testid="task-select"]');
    await titles.nth(0).click();
    await titles.nth(1).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
    await widget.shownPage().locator('[data-testid="details-toggle"]').first().click();
    await page.keyboard.press('Enter');
    const selects = await page.evaluate(() => window.__events.filter((e) => e.type === 'task-history-select'));
    assert.deepEqual(selects.map((e) => e.detail.taskId), [4567, 4521, 4521]);
    assert.equal(selects[0].id, 'th', 'seen on the element, outside its shadow root');
    assert.equal(selects[0].detail.leadId, 12345);
    assert.equal(selects[0].detail.task.title, 'Follow up on pricing');
    assert.equal(selects[0].detail.task.org_id, 42, 'the row as the API sent it');
    const name = await titles.nth(0).evaluate((el) => el.tagName);
    assert.equal(name, 'BUTTON');
  });

  it('puts the CRM controls in the header and its empty state in the body', async () => {
    const page = await session.open({
      body: lead(20001, '', '<button slot="header-actions" id="add">Add task</button><p slot="empty" id="none">Nothing here yet.</p>'),
    });
    await page.waitForFunction(() => document.getElementById('th').shadowRoot?.querySelector('[data-testid="empty-state"]'));
    const placed = await page.evaluate(() => ({
      add: document.getElementById('add').assignedSlot?.name,
      none: document.getElementById('none').assignedSlot?.name,
      addVisible: document.getElementById('add').getBoundingClientRect().height > 0,
      inHeader: (() => {
        const header = document.getElementById('th').shadowRoot.querySelector('[part="header"]').getBoundingClientRect();
        const add = document.getElementById('add').getBoundingClientRect();
        return add.top >= header.top - 1 && add.bottom <= header.bottom + 1;
      })(),
    }));
    assert.deepEqual(placed, { add: 'header-actions', none: 'empty', addVisible: true, inHeader: true });
  });

  it('lets a host stylesheet style each status through its part', async () => {
    const head = `<style>
      task-history::part(card-overdue) { border-left-color: rgb(200, 0, 0); }
      task-history::part(badge-completed) { color: rgb(0, 120, 0); }
    </style>`;
    const page = await session.open({ head, body: lead(12345) });
    const widget = new Widget(page);
    await widget.waitForCards(2);
    const styles = await widget.shownPage().locator('[data-testid="task-card"]').evaluateAll((cards) =>
      cards.map((card) => ({
        part: card.getAttribute('part'),
        border: getComputedStyle(card).borderLeftColor,
        badge: getComputedStyle(card.querySelector('[data-testid="status-badge"]')).color,
      })));
    assert.equal(styles[0].part, 'card card-overdue');
    assert.equal(styles[0].border, 'rgb(200, 0, 0)');
    assert.equal(styles[1].part, 'card card-completed');
    assert.equal(styles[1].badge, 'rgb(0, 120, 0)');
  });
});
