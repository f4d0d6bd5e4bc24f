#!/usr/bin/env node
// The example site in a real browser (issue 18, point 6), run by .ci/run after `cargo test`.
//
// Builds the site (the repository root) into a temp folder with the `bulletin` binary, finds
// every page of the output and sorts it into its kind by scanning its HTML (so pages that
// other changes add — search, indicator, comparison — are covered as soon as they are
// built), and loads each page in headless Chromium (Debian's, through puppeteer-core) at
// 1280 and 390 px:
//   - axe-core at WCAG 2.0/2.1/2.2 A and AA plus best-practice: zero violations;
//   - zero console errors, uncaught exceptions or failed loads;
//   - zero requests outside the site: every request is intercepted, and only file:// URLs
//     under the output folder are let through;
// and at 1280 px:
//   - visible focus: Tab reaches the skip link first, on screen, and every stop shows an
//     outline;
//   - every text on screen at 4.5:1 contrast or more, whatever its size;
//   - each reading mode the page offers (高对比度, 长辈版, 大字版…, found by its label)
//     switched on: axe and the contrast check again (one page a kind);
//   - text at 200%: every text grows, none is cut, the page does not scroll sideways;
//   - document and plan pages print to A4 (every page of the PDF is 595 × 842 pt);
//   - a search page (when one is built) finds a known bulletin by two of its characters;
//   - a font-size switch (when there is one: 大/小 or 大字版, or [data-font-size])
//     changes the computed size of the text.
// Then every page and stylesheet goes through the Nu Html Checker (vnu.jar) with
// --errors-only: zero errors.
//
// Prints one line per page kind and exits 1 on any failure, after the details.
//
//   node suite.js [--bin PATH] [--site DIR] [--out DIR]   check the site (or a built output)
//   node suite.js --self-test [--bin PATH]                 inject faults into a copy of the
//       output (an image without alt, a request to an outside host, a duplicate id, a script
//       error, a px font, a box that cuts text, a Letter @page, a link without outline, a
//       reading mode that greys the text, large red text at 4:1) and require the suite to
//       go red on each, in the column that names it.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { pathToFileURL, fileURLToPath } = require('url');

const HERE = __dirname;
const REPO = path.resolve(HERE, '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const WIDTHS = [1280, 390];
// axe's tags: WCAG 2.0, 2.1 and 2.2 at A and AA, and axe's best practices.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
// The kinds every build of the example site has; the suite fails when one is missing, so
// that a renamed class cannot quietly drop a kind from the checks.
const REQUIRED = ['home', 'unit', 'news', 'document', 'plan', 'interpretation', '404', 'search'];
// container queries: `container-type`, and the cqw/cqh/cqi/cqb/cqmin/cqmax units
const CONTAINER_QUERY = /container-type|[\d.]cq(w|h|i|b|min|max)\b/;
// A4 in PostScript points (210 × 297 mm).
const A4 = [595.28, 841.89];

function parseArgs(argv) {
  const args = { selfTest: false, bin: null, site: REPO, out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--self-test') args.selfTest = true;
    else if (a === '--bin') args.bin = path.resolve(value());
    else if (a === '--site') args.site = path.resolve(value());
    else if (a === '--out') args.out = path.resolve(value());
    else usage(`unknown argument ${a}`);
  }
  return args;
}

function usage(problem) {
  console.error(`suite.js: ${problem}\nusage: node suite.js [--self-test] [--bin PATH] [--site DIR] [--out DIR]`);
  process.exit(2);
}

/// The `bulletin` binary: --bin, else the newer of the release and debug builds (an old
/// release build must not stand in for the code just built).
function binary(args) {
  const candidates = (args.bin ? [args.bin] : ['release', 'debug'].map((p) => path.join(REPO, 'target', p, 'bulletin')))
    .filter((c) => fs.existsSync(c))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!candidates.length) usage(`no bulletin binary (cargo build first, or --bin PATH)`);
  return candidates[0];
}

function build(args, into) {
  const run = spawnSync(binary(args), ['build', '--root', args.site, '--output', into, '--quiet'], {
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    console.error(run.stdout + run.stderr);
    throw new Error(`bulletin build of ${args.site} failed (exit ${run.status})`);
  }
}

/// Every file under `dir` with the extension `ext`, skipping dot folders (.bulletin…).
function filesUnder(dir, ext) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p, ext));
    else if (entry.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}

/// A page's kind, from its HTML: the body's `kind-…` class, and for bulletins the layout
/// its article shows (a document, a plan, an interpretation linking to what it explains).
function kindOf(html) {
  const body = /<body[^>]*\bclass="[^"]*\bkind-([\w-]+)/.exec(html);
  const kind = body ? body[1] : 'unknown';
  if (kind !== 'bulletin') return kind;
  if (/<article class="doc doc-document\b/.test(html)) return 'document';
  if (/<article class="doc doc-plan\b/.test(html)) return 'plan';
  if (/class="article-related"/.test(html)) return 'interpretation';
  return 'news';
}

function pagesOf(out) {
  return filesUnder(out, '.html').map((file) => ({
    file,
    rel: path.relative(out, file),
    kind: kindOf(fs.readFileSync(file, 'utf8')),
  }));
}

/// Whether a request stays inside the site: a file:// URL naming a path under `out`.
function inside(url, out) {
  if (!url.startsWith('file://')) return false;
  let p;
  try {
    p = fileURLToPath(url.replace(/[?#].*$/, ''));
  } catch {
    return false;
  }
  const rel = path.relative(out, path.resolve(p));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function launch() {
  const puppeteer = require('puppeteer-core');
  return puppeteer.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/// A page opened at `width` with every request checked and every console error kept.
async function open(browser, out, file, width, seen) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900, isMobile: width < 500, hasTouch: width < 500 });
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || inside(url, out)) return req.continue();
    seen.outside.push(url);
    return req.abort('blockedbyclient');
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // the suite's own blocking of an outside request shows as a failed load: it is
    // already counted as an outside request
    if (/ERR_BLOCKED_BY_CLIENT/.test(text)) return;
    seen.console.push(text);
  });
  page.on('pageerror', (err) => seen.console.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => {
    const why = req.failure() ? req.failure().errorText : '';
    if (!why.startsWith('net::ERR_BLOCKED_BY_CLIENT')) seen.console.push(`failed to load ${req.url()}: ${why}`);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.evaluate(PAGE_HELPERS);
  return page;
}

// What the checks call inside a page: a control's label as a reader hears it (its
// aria-label, its text, an input's <label for>, its value), and choosing a control as a
// reader does (a visually hidden input through the label that stands for it).
const PAGE_HELPERS = `window.bulletinSuite = {
  labelFor(el) {
    return el.id ? document.querySelector('label[for="' + CSS.escape(el.id) + '"]') : null;
  },
  label(el) {
    const own = el.getAttribute('aria-label') || (el.tagName === 'INPUT' ? '' : el.textContent);
    const forIt = this.labelFor(el);
    return (own || (forIt ? forIt.textContent : '') || el.value || '').replace(/\\s+/g, '');
  },
  choose(el) {
    const forIt = this.labelFor(el);
    (el.tagName === 'INPUT' && forIt ? forIt : el).click();
  },
};`;

const AXE_SOURCE = () => fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE());
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
      // no fetching of the stylesheets again (axe's XMLHttpRequest is refused on file://)
      preload: false,
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 4),
    }));
  }, AXE_TAGS);
}

/// The print of a page: A4 on every page (`[]` when so, else the problems).
async function printProblems(page) {
  const pdf = Buffer.from(await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
  const text = pdf.toString('latin1');
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
  if (boxes.length === 0) return ['the PDF has no page'];
  const wrong = new Map();
  for (const b of boxes) {
    const [w, h] = [Number(b[3]) - Number(b[1]), Number(b[4]) - Number(b[2])];
    if (Math.abs(w - A4[0]) > 1 || Math.abs(h - A4[1]) > 1) wrong.set(`${w} × ${h}`, (wrong.get(`${w} × ${h}`) || 0) + 1);
  }
  return [...wrong].map(([size, n]) => `${n} of ${boxes.length} pages are ${size} pt, not A4 (595 × 842)`);
}

/// A bulletin's title and address, for the search check: the first news bulletin's h1.
function knownBulletin(pages) {
  for (const p of pages.filter((q) => q.kind === 'news')) {
    const html = fs.readFileSync(p.file, 'utf8');
    const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
    if (!h1) continue;
    const title = h1[1].replace(/<[^>]*>/g, '').replace(/&[a-z]+;/g, '').trim();
    // two characters side by side from the middle of the title's longest Chinese run
    const runs = title.match(/\p{Script=Han}+/gu) || [];
    const run = [...runs.sort((a, b) => b.length - a.length)[0] || ''];
    if (run.length < 4) continue;
    const at = Math.floor(run.length / 2) - 1;
    return { file: p.file, title, query: run[at] + run[at + 1] };
  }
  return null;
}

/// The search page finds `known` by its bigram: a link to it appears in <main>.
async function searchProblems(page, known) {
  const input = await page.$('main input[type="search"], main input[name="q"], input[type="search"]');
  if (!input) return ['search: the page has no search box (input[type=search])'];
  const target = pathToFileURL(known.file).href;
  const bare = (href) => href.replace(/[?#].*$/, '').replace(/index\.html$/, '');
  await input.click();
  await input.type(known.query);
  try {
    await page.waitForFunction(
      (want) => [...document.querySelectorAll('main a[href]')].some(
        (a) => a.href.replace(/[?#].*$/, '').replace(/index\.html$/, '') === want
          && !a.closest('nav, header, footer')),
      { timeout: 5000 },
      bare(target),
    );
  } catch {
    // a form that shows results only when sent
    await input.press('Enter');
    try {
      await page.waitForFunction(
        (want) => [...document.querySelectorAll('main a[href]')].some(
          (a) => a.href.replace(/[?#].*$/, '').replace(/index\.html$/, '') === want),
        { timeout: 5000 },
        bare(target),
      );
    } catch {
      return [`search: 「${known.query}」 does not list 「${known.title}」`];
    }
  }
  return [];
}

/// The font-size switch, when the page has one: choosing 大 (or 大字版) makes the text
/// larger than it was, and choosing 小, when there is one, makes it smaller than 大.
/// `null` when the page has no switch. A control is found by its label (its text,
/// aria-label, value or <label for>) or by `data-font-size="large|small"`.
async function fontSwitchProblems(page) {
  const found = await page.evaluate(() => {
    const label = (el) => window.bulletinSuite.label(el);
    // buttons, radios and checkboxes (a link is not a switch: 大事记 is no font size)
    const controls = [...document.querySelectorAll('button, [role="button"], [role="radio"], input[type="radio"], input[type="checkbox"], [data-font-size]')];
    const mark = (labels, name) => {
      const el = controls.find((c) => c.getAttribute('data-font-size') === name || labels.includes(label(c)));
      if (el) el.setAttribute('data-suite-font', name);
      return Boolean(el);
    };
    return {
      large: mark(['大', '大字', '大号', '大字号', '大字版', '较大', 'A+'], 'large'),
      small: mark(['小', '小字', '小号', '小字号', '较小', 'A-'], 'small'),
    };
  });
  if (!found.large) return null;
  const size = () => page.evaluate(() => {
    const p = document.querySelector('main p') || document.querySelector('main') || document.body;
    return parseFloat(getComputedStyle(p).fontSize);
  });
  const choose = async (name) => {
    await page.evaluate((n) => window.bulletinSuite.choose(document.querySelector(`[data-suite-font="${n}"]`)), name);
    await new Promise((r) => setTimeout(r, 100));
    return size();
  };
  const before = await size();
  const large = await choose('large');
  const problems = [];
  if (!(large > before)) problems.push(`font: choosing 大 does not enlarge the text (${before}px before, ${large}px after)`);
  if (found.small) {
    const small = await choose('small');
    if (!(small < large)) problems.push(`font: choosing 小 after 大 does not make the text smaller (${large}px, then ${small}px)`);
  }
  return problems;
}

/// Visible focus (WCAG 2.4.7), as a keyboard reader moves through the page: the first Tab
/// reaches the skip link, which then shows on screen; each element Tab reaches (up to
/// `limit`) draws an outline of at least 2 px — it or, for a visually hidden input, the
/// label that stands for it.
async function focusProblems(page, limit) {
  const problems = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate((first) => {
      const el = document.activeElement;
      // back at the start: every element Tab reaches has been seen
      if (!el || el === document.body || el.hasAttribute('data-suite-focused')) return null;
      el.setAttribute('data-suite-focused', '');
      const box = (e) => e.getBoundingClientRect();
      const tiny = (e) => box(e).width <= 1 || box(e).height <= 1 || getComputedStyle(e).opacity === '0';
      const shown = (tiny(el) && window.bulletinSuite.labelFor(el)) || el;
      const s = getComputedStyle(shown);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      const ring = /\d+px/.test(s.boxShadow) && s.boxShadow !== 'none';
      const r = box(shown);
      const inView = r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
      return {
        name: `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} 「${(shown.textContent || '').trim().slice(0, 12)}」`,
        visible: outline || ring,
        skip: first ? el.classList.contains('skip-link') && inView : true,
      };
    }, i === 0);
    if (!f) break;
    if (!f.skip) problems.push(`the first Tab does not bring a skip link into view (it reaches ${f.name})`);
    if (!f.visible) problems.push(`${f.name} shows no focus outline`);
  }
  return problems;
}

/// Contrast of every text on screen against what lies behind it, at least 4.5:1 whatever
/// its size (the issue asks it of all text, the document header's large red included,
/// where WCAG AA and axe ask 3:1 of large text). The background is the nearest opaque
/// background colour above the text; text over an image or gradient is left to axe.
async function contrastProblems(page) {
  return page.evaluate(() => {
    const rgba = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[,\s/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const over = (top, under) => ({
      r: top.r * top.a + under.r * (1 - top.a),
      g: top.g * top.a + under.g * (1 - top.a),
      b: top.b * top.a + under.b * (1 - top.a),
      a: 1,
    });
    const lum = (c) => {
      const ch = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
    };
    // the colour behind `el`: its own and its ancestors' backgrounds, laid over one
    // another down to the first opaque one (white below the page)
    const behind = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.backgroundImage !== 'none') return null;
        const c = rgba(s.backgroundColor);
        if (c && c.a > 0) {
          layers.push(c);
          if (c.a >= 1) break;
        }
      }
      return layers.reverse().reduce((under, top) => over(top, under), { r: 255, g: 255, b: 255, a: 1 });
    };
    const problems = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if (r.width <= 1 || r.height <= 1 || s.visibility === 'hidden' || s.opacity === '0') continue;
      if (el.closest('[aria-hidden="true"], .visually-hidden')) continue;
      const bg = behind(el);
      const fg = rgba(s.color);
      if (!bg || !fg) continue;
      const text = over(fg, bg);
      const [hi, lo] = [lum(text), lum(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < 4.5) {
        problems.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} 「${el.textContent.trim().slice(0, 12)}」 ${s.color} on rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)}): ${ratio.toFixed(2)}:1`);
      }
    }
    return problems.slice(0, 10);
  });
}

/// The reading modes a page offers (高对比度, 长辈版, 大字版: found by their labels), each
/// switched on in turn: axe and the contrast check again in that mode. Returns the
/// modes found and the problems.
async function modeProblems(page) {
  const modes = await page.evaluate((labels) => {
    const found = [];
    for (const el of document.querySelectorAll('button, [role="button"], [role="switch"], input[type="checkbox"]')) {
      const name = window.bulletinSuite.label(el);
      if (labels.includes(name) && !found.includes(name)) {
        el.setAttribute('data-suite-mode', name);
        found.push(name);
      }
    }
    return found;
  }, ['高对比度', '长辈版', '大字版', '关怀版', '适老化']);
  const problems = [];
  const toggle = (name) => page.evaluate((n) => window.bulletinSuite.choose(document.querySelector(`[data-suite-mode="${n}"]`)), name);
  for (const name of modes) {
    await toggle(name);
    await new Promise((r) => setTimeout(r, 100));
    for (const v of await axeViolations(page)) problems.push(`${name}: axe ${v.id} (${v.help}): ${v.nodes.join(' | ')}`);
    for (const c of await contrastProblems(page)) problems.push(`${name}: contrast ${c}`);
    await toggle(name);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { modes, problems };
}

/// Text at 200% (WCAG 1.4.4), as a reader's browser sets it: the root font size doubled.
/// Every text must grow with it (no size in px), and none may be lost: no box that hides
/// what overflows it may cut its text, and the page must not scroll sideways.
async function resizeProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const name = (el) => {
      const cls = el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '';
      return `${el.tagName.toLowerCase()}${cls} 「${(el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 16)}」`;
    };
    const hidden = (el) => {
      const r = el.getBoundingClientRect();
      return r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility === 'hidden';
    };
    const texts = [...document.body.querySelectorAll('*')].filter((el) =>
      [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) && !hidden(el));
    const before = new Map(texts.map((el) => [el, parseFloat(getComputedStyle(el).fontSize)]));
    document.documentElement.style.fontSize = '200%';
    for (const el of texts) {
      const after = parseFloat(getComputedStyle(el).fontSize);
      if (after < before.get(el) * 1.9) problems.push(`${name(el)} stays at ${after}px (was ${before.get(el)}px)`);
    }
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
    for (const el of document.body.querySelectorAll('*')) {
      const s = getComputedStyle(el);
      const cuts = (o) => o === 'hidden' || o === 'clip';
      if (!cuts(s.overflowX) && !cuts(s.overflowY)) continue;
      if (hidden(el) || !el.textContent.trim()) continue;
      if ((cuts(s.overflowY) && el.scrollHeight > el.clientHeight + 1) || (cuts(s.overflowX) && el.scrollWidth > el.clientWidth + 1)) {
        problems.push(`${name(el)} cuts its text (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`);
      }
    }
    root.style.fontSize = '';
    return problems.slice(0, 10);
  });
}

/// Whether the checker's message `m` points at a line using a container query: the line
/// it names (or, for CSS inside a page's <style>, which it may count one line short, the
/// next) holds the highlighted text and a container query.
function containerQueryAt(m, lineOf) {
  const lit = m.extract.substr(m.hiliteStart || 0, m.hiliteLength || m.extract.length).trim();
  return [m.lastLine, m.lastLine + 1].some((n) => {
    const line = lineOf(n);
    return line.includes(lit) && CONTAINER_QUERY.test(line);
  });
}

/// The Nu Html Checker's errors for every page and stylesheet, by file.
function vnuErrors(out) {
  const files = [...filesUnder(out, '.html'), ...filesUnder(out, '.css')];
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
  const run = spawnSync('java', ['-jar', jar, '--errors-only', '--also-check-css', '--format', 'json', '--stdout', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (run.error) throw new Error(`cannot run java for the Nu Html Checker: ${run.error.message}`);
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`the Nu Html Checker gave no JSON (exit ${run.status}): ${run.stdout}${run.stderr}`);
  }
  const byFile = new Map(files.map((f) => [f, []]));
  const lines = new Map();
  const lineOf = (file, n) => {
    if (!lines.has(file)) lines.set(file, fs.readFileSync(file, 'utf8').split('\n'));
    return lines.get(file)[n - 1] || '';
  };
  let skipped = 0;
  for (const m of report.messages) {
    if (m.type !== 'error' && m.subType !== 'fatal') continue;
    const file = m.url ? fileURLToPath(m.url) : '?';
    // The checker's CSS level predates container queries (CSS Containment 3, in every
    // browser since 2023): an error on a line that uses them is the checker's gap, not
    // ours. Any other error on any other line still counts.
    if (/^CSS:/.test(m.message) && m.lastLine && fs.existsSync(file) && m.extract
      && containerQueryAt(m, (n) => lineOf(file, n))) {
      skipped += 1;
      continue;
    }
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(`${m.lastLine || '?'}:${m.firstColumn || m.lastColumn || '?'} ${m.message}`);
  }
  return { byFile, skipped };
}

/// Runs every check on the output folder `out`; returns the results by kind and the
/// failures, without printing.
async function check(out) {
  const pages = pagesOf(out);
  const known = knownBulletin(pages);
  const kinds = new Map();
  const failures = [];
  const fail = (where, what) => failures.push(`${where}: ${what}`);
  for (const p of pages) {
    if (!kinds.has(p.kind)) kinds.set(p.kind, { pages: 0, axe: 0, console: 0, outside: 0, vnu: 0, contrast: 0, modes: 0, resize: 0, focus: 0, print: 0, extra: [] });
    kinds.get(p.kind).pages += 1;
  }
  for (const k of REQUIRED) if (!kinds.has(k)) fail(k, 'no page of this kind in the output');

  const browser = await launch();
  try {
    for (const p of pages) {
      const row = kinds.get(p.kind);
      for (const width of WIDTHS) {
        const where = `${p.rel} @${width}px`;
        const seen = { outside: [], console: [] };
        const page = await open(browser, out, p.file, width, seen);
        const violations = await axeViolations(page);
        row.axe += violations.length;
        for (const v of violations) fail(where, `axe ${v.id} (${v.help}): ${v.nodes.join(' | ')}`);
        if (width === WIDTHS[0]) {
          // first, on the page as loaded: Tab starts from the top
          const focus = await focusProblems(page, 200);
          row.focus += focus.length;
          for (const problem of focus) fail(where, `focus: ${problem}`);
          const contrast = await contrastProblems(page);
          row.contrast += contrast.length;
          for (const problem of contrast) fail(where, `contrast: ${problem}`);
          if (!row.modesChecked) {
            // one page a kind: each mode is a stylesheet's, the same on every page
            row.modesChecked = true;
            const mode = await modeProblems(page);
            row.modes += mode.problems.length;
            for (const problem of mode.problems) fail(where, `mode ${problem}`);
            if (mode.modes.length) row.extra.push(`modes: ${mode.modes.join('/')}`);
          }
          const resize = await resizeProblems(page);
          row.resize += resize.length;
          for (const problem of resize) fail(where, `text at 200%: ${problem}`);
          if (p.kind === 'document' || p.kind === 'plan') {
            const print = await printProblems(page);
            row.print += print.length;
            for (const problem of print) fail(where, `print: ${problem}`);
            row.extra.push(print.length ? 'NOT A4' : 'prints on A4');
          }
          const font = await fontSwitchProblems(page);
          if (font !== null) {
            for (const problem of font) fail(where, problem);
            if (!row.extra.includes('font switch')) row.extra.push('font switch');
          }
          if (p.kind === 'search') {
            if (!known) fail(where, 'no news bulletin to search for');
            else for (const problem of await searchProblems(page, known)) fail(where, problem);
            row.extra.push(`finds 「${known ? known.query : '?'}」`);
          }
        }
        // requests and errors of the later checks count too
        await new Promise((r) => setTimeout(r, 50));
        row.console += seen.console.length;
        row.outside += seen.outside.length;
        for (const c of seen.console) fail(where, `console: ${c}`);
        for (const u of seen.outside) fail(where, `request outside the site: ${u}`);
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }

  const kindOfFile = new Map(pages.map((p) => [p.file, p.kind]));
  const vnu = vnuErrors(out);
  for (const [file, errors] of vnu.byFile) {
    const kind = kindOfFile.get(file) || 'stylesheet';
    if (!kinds.has(kind)) kinds.set(kind, { pages: 0, axe: 0, console: 0, outside: 0, vnu: 0, contrast: 0, modes: 0, resize: 0, focus: 0, print: 0, extra: [] });
    if (kind === 'stylesheet' && errors !== undefined && !kindOfFile.has(file)) kinds.get(kind).pages += 1;
    kinds.get(kind).vnu += errors.length;
    for (const e of errors) fail(path.relative(out, file), `vnu ${e}`);
  }
  return { kinds, failures, vnuSkipped: vnu.skipped };
}

function report({ kinds, failures, vnuSkipped }) {
  const pad = (s, n) => String(s).padEnd(n);
  for (const [kind, r] of [...kinds].sort()) {
    if (kind === 'stylesheet') {
      console.log(`${pad(kind, 15)} ${pad(`${r.pages} file${r.pages === 1 ? '' : 's'}`, 9)} vnu ${r.vnu}`);
      continue;
    }
    const files = 'page';
    console.log(
      `${pad(kind, 15)} ${pad(`${r.pages} ${files}${r.pages === 1 ? '' : 's'}`, 9)} axe ${r.axe}  console ${r.console}  outside ${r.outside}  vnu ${r.vnu}  contrast ${r.contrast}  modes ${r.modes}  200% ${r.resize}  focus ${r.focus}`
        + (r.extra.length ? `  ${[...new Set(r.extra)].join(', ')}` : ''),
    );
  }
  if (vnuSkipped) {
    console.log(`(vnu: ${vnuSkipped} CSS error${vnuSkipped === 1 ? '' : 's'} on lines using container queries, which the checker does not know, not counted)`);
  }
  if (failures.length) {
    console.log(`\n${failures.length} failure${failures.length === 1 ? '' : 's'}:`);
    for (const f of failures) console.log(`  ${f}`);
  }
}

/// A copy of a built output with one fault of each kind the suite must see, each on its
/// own page: [page, fault, the column that must go red].
function injectFaults(out) {
  const faults = [
    ['index.html', '<img src="css/news.css" width="1" height="1">', 'axe'],
    ['404.html', '<img alt="" src="https://cdn.example.com/x.png">', 'outside'],
    ['jinan/index.html', '<p id="main">duplicate</p>', 'vnu'],
    ['luan-kfq/index.html', '<script>undefinedFunction()</script>', 'console'],
    ['chaohu/index.html', '<p style="font-size: 15px">固定字号</p>', 'resize'],
    ['chaohu/city/index.html', '<p style="width: 6rem; height: 1.8rem; overflow: hidden">放大后被截去的一段较长文字</p>', 'resize'],
    ['jinan/2024-industrial-plan/index.html', '<style>@page { size: letter; }</style>', 'print'],
    ['luan-kfq/2025-work-conference/index.html', '<a href="#main" style="outline: none">无焦点框的链接</a>', 'focus'],
    // a reading mode that greys the text (modes are checked on the first page of a kind)
    ['chaohu/anchao/index.html', '<button type="button" onclick="this.dataset.on = this.dataset.on ? \'\' : \'1\'; document.body.style.color = this.dataset.on ? \'#aaa\' : \'\'">适老化</button>', 'modes'],
    // large and bold: axe asks only 3:1 of it, the issue 4.5:1 (#ff0000 is 4.0:1)
    ['chaohu/2024-2026-plan-qa/index.html', '<p style="color: #f00; font-size: 2rem; font-weight: 700">大号红字</p>', 'contrast'],
  ];
  // two search pages of our own (named apart from any real one): one that finds and has a
  // font-size switch that works, one that lists every bulletin but the one asked for and
  // has a switch that does nothing
  const bulletins = pagesOf(out).filter((p) => p.kind === 'news').map((p) => {
    const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(fs.readFileSync(p.file, 'utf8'));
    return [h1 ? h1[1].replace(/<[^>]*>/g, '') : '', `../${path.dirname(p.rel)}/`];
  });
  for (const [dir, finds] of [['suite-search-ok', true], ['suite-search-broken', false]]) {
    const script = `const all = ${JSON.stringify(bulletins)};
      document.querySelector('input').addEventListener('input', (e) => {
        const q = e.target.value;
        const hits = all.filter(([t]) => ${finds ? 't.includes(q)' : '!t.includes(q)'});
        document.querySelector('ul').innerHTML = hits.map(([t, h]) => '<li><a href="' + h + '">' + t + '</a></li>').join('');
      });`;
    fs.mkdirSync(path.join(out, dir));
    fs.writeFileSync(path.join(out, dir, 'index.html'), `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>搜索</title></head><body class="kind-search"><main><h1>搜索</h1>
<p>字号：<button type="button" onclick="${finds ? "document.documentElement.style.fontSize = '125%'" : ''}">大</button>
<button type="button" onclick="${finds ? "document.documentElement.style.fontSize = '87.5%'" : ''}">小</button></p>
<label>关键词 <input type="search"></label><ul></ul></main><script>${script}</script></body></html>`);
  }
  faults.push(['suite-search-broken/index.html', '', 'search'], ['suite-search-broken/index.html', '', 'font']);
  for (const [rel, html] of faults) {
    if (!html) continue;
    const file = path.join(out, rel);
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('</main>')) throw new Error(`${rel} has no </main> to inject before`);
    fs.writeFileSync(file, text.replace('</main>', `${html}\n</main>`));
  }
  return faults;
}

async function selfTest(args) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-browser-self-'));
  try {
    const out = path.join(tmp, 'out');
    build(args, out);
    const faults = injectFaults(out);
    const result = await check(out);
    const pages = pagesOf(out);
    const missed = [];
    for (const [rel, html, column] of faults) {
      const kind = pages.find((p) => p.rel === rel).kind;
      const seen = result.failures.some((f) => f.startsWith(rel) && failureColumn(f) === column);
      const counted = column === 'search' || column === 'font' || result.kinds.get(kind)[column] > 0;
      if (!seen || !counted) missed.push(`${rel}: ${html || `a ${column} that does not work`} (expected in ${column})`);
    }
    // and a search and a switch that work are not failed
    for (const f of result.failures.filter((x) => x.startsWith('suite-search-ok/') && ['search', 'font'].includes(failureColumn(x)))) {
      missed.push(`a page that works was failed: ${f}`);
    }
    report(result);
    console.log('');
    if (missed.length) {
      console.log(`self-test FAILED: the suite did not see ${missed.length} injected fault(s):`);
      for (const m of missed) console.log(`  ${m}`);
      return 1;
    }
    console.log(`self-test: the suite went red on all ${faults.length} injected faults (${faults.map((f) => f[2]).join(', ')})`);
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function failureColumn(failure) {
  const what = failure.slice(failure.indexOf(': ') + 2);
  if (what.startsWith('axe ')) return 'axe';
  if (what.startsWith('vnu ')) return 'vnu';
  if (what.startsWith('console: ')) return 'console';
  if (what.startsWith('request outside')) return 'outside';
  if (what.startsWith('text at 200%')) return 'resize';
  if (what.startsWith('print: ')) return 'print';
  if (what.startsWith('search: ')) return 'search';
  if (what.startsWith('font: ')) return 'font';
  if (what.startsWith('focus: ')) return 'focus';
  if (what.startsWith('contrast: ')) return 'contrast';
  if (what.startsWith('mode ')) return 'modes';
  return 'other';
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.selfTest) return selfTest(args);
  let tmp = null;
  let out = args.out;
  if (!out) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-browser-'));
    out = path.join(tmp, 'out');
    build(args, out);
  }
  try {
    const result = await check(out);
    report(result);
    return result.failures.length ? 1 : 0;
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`suite.js: ${err.stack || err}`);
    process.exit(2);
  },
);
