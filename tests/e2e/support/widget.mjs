// Page object for one <task-history>: every locator goes by role, label or data-testid (the
// locators pierce the open shadow root).
import assert from 'node:assert/strict';

export class Widget {
  constructor(page, selector = 'task-history') {
    this.page = page;
    this.root = page.locator(selector);
  }

  /**
   * The page of cards on screen. The element keeps pages it has shown (and the next one)
   * rendered but hidden; locators for what a card shows go through this one.
   */
  shownPage() {
    return this.root.locator('.task-history__page:not([hidden])');
  }

  cards() {
    return this.shownPage().getByTestId('task-card');
  }

  titles() {
    return this.shownPage().getByTestId('task-title').allTextContents();
  }

  badges() {
    return this.shownPage().getByTestId('status-badge').allTextContents();
  }

  pageStatus() {
    return this.root.getByTestId('page-status');
  }

  totalCount() {
    return this.root.getByTestId('total-count');
  }

  button(name) {
    return this.root.getByRole('button', { name, exact: true });
  }

  pageButton(which) {
    return this.root.getByTestId(`page-${which}`);
  }

  errorState() {
    return this.root.getByTestId('error-state');
  }

  errorMessage() {
    return this.root.getByTestId('error-message');
  }

  emptyState() {
    return this.root.getByTestId('empty-state');
  }

  announcer() {
    return this.root.getByTestId('announcer');
  }

  /** Waits until cards are on screen and the element is not busy. */
  async waitForCards(count) {
    if (count === undefined) await this.cards().first().waitFor();
    else await assert.doesNotReject(() => expectCount(this.cards(), count));
    await this.waitIdle();
  }

  /** Waits until the element has no request in flight (`aria-busy` gone from its root part). */
  async waitIdle() {
    await this.page.waitForFunction(
      (el) => !el.shadowRoot?.querySelector('[aria-busy="true"]'),
      await this.root.elementHandle(),
    );
  }

  /** "Page X of Y" must read `expected` and the cards must be that page's rows. */
  async assertOnPage(page, totalPages) {
    await expectText(this.pageStatus(), `Page ${page} of ${totalPages}`);
  }
}

/** Polls until a locator has `count` elements (5 s). */
export async function expectCount(locator, count, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let seen;
  while (Date.now() < deadline) {
    seen = await locator.count();
    if (seen === count) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.equal(seen, count, `expected ${count} elements for ${locator}`);
}

/** Polls until a locator's text content includes `text` (5 s). */
export async function expectText(locator, text, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let seen = '';
  while (Date.now() < deadline) {
    seen = (await locator.textContent({ timeout: 1000 }).catch(() => '')) ?? '';
    if (seen.includes(text)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.ok(seen.includes(text), `expected ${locator} to contain ${JSON.stringify(text)}, saw ${JSON.stringify(seen)}`);
}
