// Loaded as a classic script in the <head> of every bench page, so it runs before either
// element exists. It measures from outside, the same way for <task-history> and the reference:
// a card counts as painted once a frame that contains it has been rendered (seen in a
// requestAnimationFrame callback, then a task posted from there runs after that frame's paint).
// All times are performance.now(), i.e. milliseconds since navigation start.
(() => {
  const CARD = '[data-testid="task-card"]';
  const target = () => document.querySelector("[data-bench-target]");
  const firstCard = () => target()?.shadowRoot?.querySelector(CARD) ?? null;

  /** Resolves with the time just after the frame in which `ready()` first holds is painted. */
  function afterPaintOnce(ready) {
    return new Promise((resolve) => {
      const check = () => {
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
   * Clicks a pagination button (by data-testid) inside the target's shadow root and resolves
   * with the milliseconds until a frame showing a different first card has been painted, and
   * the page number the element then shows.
   */
  async function clickAndTimeCards(testid) {
    const before = firstCard()?.dataset.taskId;
    const button = target().shadowRoot.querySelector(`[data-testid="${testid}"]`);
    if (!button || button.disabled) return null;
    const start = performance.now();
    button.click();
    const painted = await afterPaintOnce(() => {
      const card = firstCard();
      return card !== null && card.dataset.taskId !== before;
    });
    const status = target().shadowRoot.querySelector('[data-testid="page-status"]')?.textContent ?? "";
    return { ms: painted - start, page: Number((status.match(/Page (\d+)/) ?? [])[1]) };
  }

  /** Elements and text nodes in the document and every open shadow root. */
  function domNodeCount() {
    let count = 0;
    const walk = (root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.currentNode; node; node = walker.nextNode()) {
        count += 1;
        if (node.shadowRoot) walk(node.shadowRoot);
      }
    };
    walk(document);
    return count;
  }

  window.__bench = { firstCardPainted, clickAndTimeCards, domNodeCount };
})();
