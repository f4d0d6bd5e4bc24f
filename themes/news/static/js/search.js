// The search page (search/index.html). The index is made at build time (the `bulletin`
// binary, src/render/search.rs) as script files beside this page, each of which calls
// window.bulletinSearch when it runs: meta.js (shard count, indicator aliases),
// s/<shard>.js (the posting lists of the character bigrams that hash to the shard) and
// t/<n>.js (bulletin n's title, address and sentences). Scripts, not fetch(): a file://
// copy of the site cannot fetch() its own files in Chromium, but loads scripts.
// Results are built with DOM text nodes only: bulletin text is never parsed as HTML.
(function () {
  "use strict";
  var PAGE = 10;
  var root = document.getElementById("search-results");
  if (!root) return;
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  var strings = document.getElementById("search-strings").dataset;

  var registry = { meta: null, shards: {}, docs: {} };
  window.bulletinSearch = {
    meta: function (m) { registry.meta = m; },
    shard: function (i, postings) { registry.shards[i] = postings; },
    doc: function (n, d) { registry.docs[n] = d; },
  };

  var loading = {};
  // Loads a script of the index once; resolves when it has run.
  function load(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.onload = resolve;
        s.onerror = function () { reject(new Error(src)); };
        document.head.appendChild(s);
      });
    }
    return loading[src];
  }

  // Letters and digits, ASCII folded to lower case, as the index folds them.
  var WORD = /[\p{L}\p{N}]/u;
  function fold(text) { return text.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }); }

  // The bigrams of each run of letters and digits. With `cover`, only as many as
  // cover every character (固定资产投资 → 固定 资产 投资): a bulletin must hold them all,
  // and the query itself is looked for in its text when it is shown.
  function bigrams(text, cover) {
    var out = [];
    var add = function (run) {
      for (var i = 0; i + 1 < run.length; i += cover ? 2 : 1) {
        var pair = run[i] + run[i + 1];
        if (out.indexOf(pair) < 0) out.push(pair);
      }
      if (cover && run.length > 2 && run.length % 2 === 1) {
        var last = run[run.length - 2] + run[run.length - 1];
        if (out.indexOf(last) < 0) out.push(last);
      }
    };
    var run = [];
    for (var c of fold(text)) {
      if (WORD.test(c)) { run.push(c); continue; }
      add(run);
      run = [];
    }
    add(run);
    return out;
  }

  // FNV-1a over the two code points, as src/render/search.rs computes it.
  function shardOf(pair, shards) {
    var h = 0x811c9dc5;
    for (var c of pair) {
      h = (h ^ c.codePointAt(0)) >>> 0;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h & (shards - 1);
  }

  // A posting list: base-36 gaps, each followed by a capital letter for the count
  // (1–12) and whether the title holds the bigram. → Map doc → [count, title].
  function decode(list) {
    var out = new Map(), doc = -1, digits = "";
    for (var i = 0; i < (list || "").length; i++) {
      var c = list.charCodeAt(i);
      if (c >= 65 && c <= 90) {
        doc += parseInt(digits, 36);
        digits = "";
        out.set(doc, [((c - 65) >> 1) + 1, (c - 65) & 1]);
      } else {
        digits += list[i];
      }
    }
    return out;
  }

  // The query and, for an indicator's alias or short name in it, the query with the
  // name in its place (固投 → 固定资产投资).
  function alternatives(q) {
    var out = [q], aliases = registry.meta.aliases || {};
    Object.keys(aliases).forEach(function (alias) {
      if (q.indexOf(alias) < 0) return;
      aliases[alias].forEach(function (name) {
        if (q.indexOf(name) >= 0) return;
        var alt = q.split(alias).join(name);
        if (out.indexOf(alt) < 0) out.push(alt);
      });
    });
    return out;
  }

  // Bulletins holding every bigram of `alt`, with a score: title hits first.
  function candidates(alt, found) {
    var pairs = bigrams(alt, true);
    if (!pairs.length) return;
    var lists = pairs.map(function (p) {
      var shard = registry.shards[shardOf(p, registry.meta.shards)] || {};
      return decode(Object.prototype.hasOwnProperty.call(shard, p) ? shard[p] : "");
    });
    lists.sort(function (a, b) { return a.size - b.size; });
    lists[0].forEach(function (first, doc) {
      // all bigrams in the title first, then those with some of them there
      var count = first[0], title = first[1], titled = first[1];
      for (var i = 1; i < lists.length; i++) {
        var p = lists[i].get(doc);
        if (!p) return;
        count += p[0];
        title &= p[1];
        titled += p[1];
      }
      var score = title * 1000 + titled * 10 + count;
      if (!found.has(doc) || found.get(doc) < score) found.set(doc, score);
    });
  }

  var current = null;

  function run(q) {
    q = fold(q.trim()).slice(0, 64);
    root.textContent = "";
    more.hidden = true;
    if (bigrams(q).length === 0) { say(strings.hint); return; }
    say(strings.loading);
    var token = (current = {});
    load("meta.js").then(function () {
      var alts = alternatives(q);
      var needed = {};
      alts.forEach(function (a) {
        bigrams(a, true).forEach(function (p) { needed[shardOf(p, registry.meta.shards)] = true; });
      });
      return Promise.all(Object.keys(needed).map(function (i) { return load("s/" + i + ".js"); }))
        .then(function () { return alts; });
    }).then(function (alts) {
      if (token !== current) return;
      var found = new Map();
      alts.forEach(function (a) { candidates(a, found); });
      var order = Array.from(found.keys()).sort(function (a, b) {
        return found.get(b) - found.get(a) || a - b;
      });
      token.alts = alts;
      token.q = q;
      token.order = order;
      token.next = 0;
      token.shown = 0;
      if (!order.length) { say(strings.none.replace("%q", q)); return; }
      // a query longer than three characters is looked up by the bigrams that cover
      // it, so the count is of bulletins that may hold it: about so many
      var exact = alts.every(function (a) { return bigrams(a, true).length === bigrams(a).length; });
      var note = (exact ? strings.count : strings.about).replace("%n", String(order.length));
      if (alts.length > 1) note += "（" + strings.alias + alts.slice(1).join("、") + "）";
      say(note);
      return showMore(token);
    }).catch(function () { say(strings.failed); });
  }

  // Loads the next results' texts and shows those that hold the query as typed (the
  // bigrams of a longer query may all be in a bulletin without the query itself).
  function showMore(token) {
    var batch = token.order.slice(token.next, token.next + PAGE);
    token.next += batch.length;
    return Promise.all(batch.map(function (n) { return load("t/" + n + ".js"); })).then(function () {
      if (token !== current) return;
      var before = root.children.length;
      batch.forEach(function (n) {
        var d = registry.docs[n];
        if (d) show(d, token.alts);
      });
      var rest = token.next < token.order.length;
      // none of a batch held the query as typed: the next batch, or nothing found
      if (root.children.length === before && rest) return showMore(token);
      if (!root.children.length) say(strings.none.replace("%q", token.q));
      more.hidden = !rest;
      if (!more.hidden) more.onclick = function () { showMore(token).catch(function () { say(strings.failed); }); };
    });
  }

  function holds(text, alts) {
    var t = fold(text);
    return alts.some(function (a) { return t.indexOf(a) >= 0; });
  }

  function show(d, alts) {
    var sentence = d.s.find(function (s) { return holds(s, alts); });
    // an indicator the bulletin shows in a table or its key figures
    var shown = (d.i || []).find(function (s) { return holds(s, alts); });
    if (!sentence && shown) sentence = strings.indicator + shown;
    if (!sentence && !holds(d.t, alts)) return;
    var li = document.createElement("li");
    var h = document.createElement("h2");
    h.className = "search-title";
    var a = document.createElement("a");
    a.href = "../" + d.u + "index.html";
    mark(a, d.t, alts);
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "search-meta";
    meta.textContent = d.n + " · " + d.d;
    li.appendChild(meta);
    var p = document.createElement("p");
    p.className = "search-sentence";
    mark(p, sentence || d.s[0] || "", alts);
    li.appendChild(p);
    root.appendChild(li);
  }

  // Appends `text` to `el` as text nodes, each occurrence of an alternative in <mark>.
  function mark(el, text, alts) {
    var folded = fold(text), at = 0;
    while (at < text.length) {
      var best = -1, len = 0;
      alts.forEach(function (a) {
        var i = folded.indexOf(a, at);
        if (i >= 0 && (best < 0 || i < best || (i === best && a.length > len))) { best = i; len = a.length; }
      });
      if (best < 0) break;
      if (best > at) el.appendChild(document.createTextNode(text.slice(at, best)));
      var m = document.createElement("mark");
      m.textContent = text.slice(best, best + len);
      el.appendChild(m);
      at = best + len;
    }
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
  }

  function say(text) { status.textContent = text; }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    try {
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    } catch (err) {
      // a file:// page may refuse: the search runs all the same
    }
    run(input.value);
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    input.value = q;
    run(q);
  }
})();
