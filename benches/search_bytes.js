// Bytes a query of the search page loads, from a built output folder:
//   node benches/search_bytes.js <output> 固投 投资 工业增加值 …
// Prints, per query: the files loaded (meta.js, one shard per distinct bigram's shard,
// the first ten results' texts), their bytes, and the number of bulletins found.
// Follows themes/news/static/js/search.js (hash, posting lists, aliases, ranking).
"use strict";
const fs = require("fs");
const path = require("path");
const [out, ...queries] = process.argv.slice(2);
const dir = path.join(out, "search");
const reg = { shards: {}, docs: {} };
global.bulletinSearch = {
  meta: (m) => { reg.meta = m; },
  shard: (i, p) => { reg.shards[i] = p; },
  doc: (n, d) => { reg.docs[n] = d; },
};
function load(rel) {
  const file = path.join(dir, rel);
  const text = fs.readFileSync(file, "utf8");
  new Function(text)();
  return Buffer.byteLength(text);
}
const WORD = /[\p{L}\p{N}]/u;
const fold = (t) => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
function bigrams(text, cover) {
  const out = [];
  const add = (run) => {
    for (let i = 0; i + 1 < run.length; i += cover ? 2 : 1) {
      if (!out.includes(run[i] + run[i + 1])) out.push(run[i] + run[i + 1]);
    }
    if (cover && run.length > 2 && run.length % 2 === 1) {
      const last = run[run.length - 2] + run[run.length - 1];
      if (!out.includes(last)) out.push(last);
    }
  };
  let run = [];
  for (const c of fold(text)) {
    if (WORD.test(c)) { run.push(c); continue; }
    add(run);
    run = [];
  }
  add(run);
  return out;
}
function shardOf(pair, shards) {
  let h = 0x811c9dc5;
  for (const c of pair) { h = (h ^ c.codePointAt(0)) >>> 0; h = Math.imul(h, 0x01000193) >>> 0; }
  return h & (shards - 1);
}
function decode(list) {
  const out = new Map();
  let doc = -1, digits = "";
  for (const ch of list || "") {
    const c = ch.charCodeAt(0);
    if (c >= 65 && c <= 90) { doc += parseInt(digits, 36); digits = ""; out.set(doc, [((c - 65) >> 1) + 1, (c - 65) & 1]); }
    else digits += ch;
  }
  return out;
}
const metaBytes = load("meta.js");
for (const q0 of queries) {
  const q = fold(q0);
  const alts = [q];
  for (const [alias, names] of Object.entries(reg.meta.aliases)) {
    if (!q.includes(alias)) continue;
    for (const name of names) if (!q.includes(name)) alts.push(q.split(alias).join(name));
  }
  const shards = new Set();
  alts.forEach((a) => bigrams(a, true).forEach((p) => shards.add(shardOf(p, reg.meta.shards))));
  let bytes = metaBytes;
  for (const s of shards) bytes += load(`s/${s}.js`);
  const found = new Map();
  for (const a of alts) {
    const lists = bigrams(a, true).map((p) => decode(reg.shards[shardOf(p, reg.meta.shards)][p]));
    lists.sort((x, y) => x.size - y.size);
    lists[0].forEach((first, doc) => {
      let count = first[0], title = first[1], titled = first[1];
      for (const l of lists.slice(1)) { const p = l.get(doc); if (!p) return; count += p[0]; title &= p[1]; titled += p[1]; }
      const score = title * 1000 + titled * 10 + count;
      if (!found.has(doc) || found.get(doc) < score) found.set(doc, score);
    });
  }
  const order = [...found.keys()].sort((a, b) => found.get(b) - found.get(a) || a - b);
  let docBytes = 0;
  for (const n of order.slice(0, 10)) docBytes += load(`t/${n}.js`);
  const first = order.length ? reg.docs[order[0]].t : "";
  console.log(`${q0}\tshards ${shards.size}\tindex ${bytes} B\ttexts ${docBytes} B\ttotal ${bytes + docBytes} B\tfound ${order.length}\tfirst ${first}`);
}
