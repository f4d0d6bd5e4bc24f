// Loaded with <script src defer> into COPIES of two built pages by tests/suite/search.rs.
// On the first page (no hash): reads the root font size, picks 大 (a click on its
// label, as a reader would), reads it again and goes to the second page with both in
// the hash. On the second page: writes "FONT <before> <after> <now> <checked>" into
// the title, the size the page opened with after js/a11y.js restored the choice.
addEventListener("load", function () {
  const size = () => getComputedStyle(document.documentElement).fontSize;
  const next = document.documentElement.dataset.next;
  if (next) {
    const before = size();
    document.querySelector("label[for=opt-size-l]").click();
    const after = size();
    location.href = next + "#" + before + "," + after;
    return;
  }
  const [before, after] = location.hash.slice(1).split(",");
  const checked = (document.querySelector("input[name=opt-size]:checked") || {}).id;
  document.title = ["FONT", before, after, size(), checked].join(" ");
});
