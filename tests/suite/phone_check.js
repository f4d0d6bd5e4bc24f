// Injected into a COPY of a built page by tests/suite/phone.rs (pages never carry
// scripts), which shows the page in an <iframe> as wide as a phone (headless Chromium
// keeps its window at least 500 px wide): once the page has loaded, measures what a
// reader of that phone sees and posts the result to the host page ("OK n" or
// "BAD [...]"), which writes it into its title, read back with --dump-dom.
addEventListener("load", function () {
  const W = document.documentElement.clientWidth;
  const bad = [];
  let checked = 0;
  const name = (el) => (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 24);
  const inView = (r) => r.left >= -0.5 && r.right <= W + 0.5;
  // the text's own box: a cell's text that runs past its cell is cut or hidden
  const textRect = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect();
  };
  if (document.documentElement.scrollWidth > W + 1) {
    bad.push("the page scrolls sideways: " + document.documentElement.scrollWidth + " > " + W);
  }
  document.querySelectorAll("table").forEach((table, i) => {
    const id = (table.closest("[id]") || {}).id || "table " + i;
    const scroller = table.closest(".tbl-scroll") || table.parentElement;
    const frame = () => {
      const s = scroller.getBoundingClientRect();
      return { left: Math.max(s.left, 0), right: Math.min(s.right, W) };
    };
    const within = (r, f) => r.left >= f.left - 1 && r.right <= f.right + 1;
    const parts = table.querySelectorAll("caption .cap-title, caption .cap-unit");
    // (a caption for screen readers only, on a table without one, is not on screen)
    const captions = parts.length ? Array.from(parts) : Array.from(table.querySelectorAll("caption:not(.visually-hidden)"));
    // the caption and unit line, at the start and at the end of the scroll
    for (const end of [false, true]) {
      scroller.scrollLeft = end ? scroller.scrollWidth : 0;
      for (const el of captions) {
        checked++;
        const r = textRect(el);
        if (!within(r, frame()) || el.scrollWidth > el.clientWidth + 1) {
          bad.push(id + ": caption not fully visible" + (end ? " (scrolled)" : "") + ": " + name(el) +
            " [" + Math.round(r.left) + ", " + Math.round(r.right) + "] in [" + Math.round(frame().left) + ", " + Math.round(frame().right) + "]");
        }
      }
    }
    scroller.scrollLeft = 0;
    for (const cell of table.querySelectorAll("th, td")) {
      checked++;
      const c = cell.getBoundingClientRect();
      const t = textRect(cell);
      if (cell.scrollWidth > cell.clientWidth + 1 || t.right > c.right + 1 || t.left < c.left - 1) {
        bad.push(id + ": cell text cut: " + name(cell) + " (" + Math.round(t.width) + " in " + Math.round(c.width) + ")");
      }
    }
    // each cell scrolled into view is whole: beside the first column, inside the frame
    for (const row of table.querySelectorAll("tr:not(.group)")) {
      const first = row.firstElementChild;
      if (!first) continue;
      for (const cell of Array.from(row.children).slice(1)) {
        checked++;
        scroller.scrollLeft = 0;
        const c0 = cell.getBoundingClientRect();
        const f = frame();
        scroller.scrollLeft += c0.right - f.right;
        const c = cell.getBoundingClientRect();
        const fc = first.getBoundingClientRect();
        const t = textRect(cell);
        if (t.width > 0 && (t.left < Math.max(fc.right, f.left) - 1 || !within(t, frame()))) {
          bad.push(id + ": a cell cannot be seen whole: " + name(cell));
        }
        if (!within(fc, frame())) {
          bad.push(id + ": first column out of view when scrolled: " + name(first));
        }
      }
    }
    scroller.scrollLeft = 0;
  });
  // a separator (the "|" between a date and its source) never starts a line
  document.querySelectorAll(".meta").forEach((meta) => {
    const clip = meta.getBoundingClientRect();
    const items = Array.from(meta.children);
    items.forEach((item, k) => {
      if (k === 0) return;
      const sep = getComputedStyle(item, "::before").content;
      if (!sep || sep === "none" || sep === "normal") return;
      const prev = items[k - 1].getBoundingClientRect();
      const r = item.getBoundingClientRect();
      checked++;
      // first on its line: below the item before it
      if (r.top >= prev.bottom - 1) {
        const text = textRect(item);
        // the separator sits before the item's text; it must be clipped off
        const shown = text.left - clip.left > 1 && getComputedStyle(meta).clipPath === "none";
        if (shown || text.left > clip.left + 4) {
          bad.push("a separator starts a line before: " + name(item));
        }
      }
    });
  });
  parent.postMessage(bad.length ? "BAD " + JSON.stringify(bad) : "OK " + checked, "*");
});
