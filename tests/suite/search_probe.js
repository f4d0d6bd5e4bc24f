// Loaded with <script src defer> after js/search.js into a COPY of a built search page
// by tests/suite/search.rs (the page keeps its own scripts and gets a CSP of
// script-src 'self'). Types each query of <html data-queries> into the search box,
// submits the form, waits for the results, and writes what it saw into the title as
// "RESULT <json>", which the test reads back with --dump-dom.
addEventListener("load", async function () {
  const queries = JSON.parse(document.documentElement.dataset.queries);
  const input = document.getElementById("search-q");
  const form = document.querySelector(".search-form");
  const status = document.getElementById("search-status");
  const seen = [];
  for (const q of queries) {
    input.value = q;
    form.requestSubmit();
    const start = Date.now();
    await new Promise((done) => {
      const tick = setInterval(() => {
        const items = document.querySelectorAll("#search-results li").length;
        const settled = status.textContent !== "" && !status.textContent.startsWith("正在");
        if ((settled && (items > 0 || !/^找到/.test(status.textContent))) || Date.now() - start > 4000) {
          // (a count with no result yet is still loading the texts)
          clearInterval(tick);
          done();
        }
      }, 20);
    });
    seen.push({
      q,
      status: status.textContent,
      titles: Array.from(document.querySelectorAll("#search-results .search-title")).map((e) => e.textContent),
      marks: Array.from(document.querySelectorAll("#search-results li:first-child mark")).map((e) => e.textContent),
      href: (document.querySelector("#search-results a") || {}).href || "",
    });
  }
  document.title = "RESULT " + JSON.stringify(seen);
});
