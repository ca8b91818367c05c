// Loaded as a classic script in the <head> of every bench page, so it runs before either
// element exists. It measures from outside, the same way for <task-history> and the reference:
// a card counts as painted once a frame that contains it has been rendered (seen in a
// requestAnimationFrame callback, then a task posted from there runs after that frame's paint).
// All times are performance.now(), i.e. milliseconds since navigation start.
(() => {
  // A card on screen: <task-history> keeps pages it has shown (and the next one) rendered in
  // hidden containers; the reference has none, so the same selector serves both.
  const CARD = '[data-testid="task-card"]:not(.task-history__page[hidden] *)';
  const target = () => document.querySelector("[data-bench-target]");
  const firstCard = () => target()?.shadowRoot?.querySelector(CARD) ?? null;
  // Which task a card shows: its data-task-id, else its text (should the attribute ever go).
  const cardKey = (card) => card.dataset.taskId ?? card.textContent;

  /**
   * Resolves with the time just after the frame in which `ready()` first holds is painted;
   * rejects after `timeoutMs` so a broken element fails the bench instead of hanging it.
   */
  function afterPaintOnce(ready, timeoutMs = Infinity, what = "the expected change") {
    const deadline = performance.now() + timeoutMs;
    return new Promise((resolve, reject) => {
      const check = () => {
        if (performance.now() > deadline) return reject(new Error(`${what} was not painted within ${timeoutMs} ms`));
        if (!ready()) return requestAnimationFrame(check);
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      };
      requestAnimationFrame(check);
    });
  }

  const firstCardPainted = afterPaintOnce(() => firstCard() !== null).then((at) => {
    performance.mark("bench:first-card-painted", { startTime: at });
    return at;
  });

  /**
   * Clicks a pagination button (by data-testid) inside the target's shadow root. Resolves with
   * `ms`, until a frame showing a different first card has been painted; `domMs`, until that
   * card was in the DOM (the element's own work, without waiting for the next frame); and the
   * page number the element then shows.
   */
  async function clickAndTimeCards(testid) {
    const root = target().shadowRoot;
    const shown = firstCard();
    const before = shown ? cardKey(shown) : null;
    const button = root.querySelector(`[data-testid="${testid}"]`);
    if (!button || button.disabled) return null;
    const changed = () => {
      const card = firstCard();
      return card !== null && cardKey(card) !== before;
    };
    let domAt = null;
    const noteDom = () => {
      if (domAt === null && changed()) {
        domAt = performance.now();
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(noteDom);
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    const start = performance.now();
    button.click();
    noteDom();
    const painted = await afterPaintOnce(changed, 10_000, `a new page after clicking ${testid}`);
    noteDom();
    const status = root.querySelector('[data-testid="page-status"]')?.textContent ?? "";
    // The element's own account: its page-render mark, set when the cards are in place.
    const mark = performance.getEntriesByName("task-history:page-render").find((m) => m.startTime >= start);
    return {
      ms: painted - start,
      domMs: domAt - start,
      markMs: mark ? mark.startTime - start : null,
      page: Number((status.match(/Page (\d+)/) ?? [])[1]),
    };
  }

  const KEPT_PAGE = ".task-history__page[hidden]";

  /**
   * Elements and text nodes in the document and every open shadow root: `all` of them, and
   * `shown`, those outside the pages <task-history> keeps rendered but hidden.
   */
  function domNodeCount() {
    let all = 0;
    let shown = 0;
    const walk = (root, hidden) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.currentNode; node; node = walker.nextNode()) {
        all += 1;
        const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
        const inKept = hidden || element?.closest(KEPT_PAGE) != null;
        if (!inKept) shown += 1;
        if (node.shadowRoot) walk(node.shadowRoot, inKept);
      }
    };
    walk(document, false);
    return { all, shown };
  }

  // Milestones on the way to the first card, for the breakdown in the report.
  const milestones = {};
  for (const tag of ["task-history", "task-history-reference"]) {
    customElements.whenDefined(tag).then(() => { milestones.defined ??= performance.now(); });
  }
  document.addEventListener("task-history-load", () => { milestones.loadEvent ??= performance.now(); }, { once: true });

  /** When the wasm was received, the element defined, its first page answered and rendered. */
  function phases() {
    const resources = performance.getEntriesByType("resource");
    const end = (test) => resources.find((r) => test(r.name))?.responseEnd ?? null;
    return {
      wasmReceived: end((url) => url.endsWith(".wasm")),
      defined: milestones.defined ?? null,
      apiReceived: end((url) => url.includes("/enterprise/api/lead/")),
      firstRender: performance.getEntriesByName("task-history:first-render")[0]?.startTime ?? null,
      loadEvent: milestones.loadEvent ?? null,
    };
  }

  window.__bench = { firstCardPainted, clickAndTimeCards, domNodeCount, phases };
})();
