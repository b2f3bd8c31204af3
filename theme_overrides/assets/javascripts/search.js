// The search page (/tim-kiem/): Pagefind finds the candidates, this module folds
// Vietnamese the way the index was folded (đ → d), orders the results as SPEC §6 says,
// and shows each with its number, date, title and an excerpt with the match marked.
import { fold, foldD, unfold, ungap, toneKey, findNumbers, words } from "./vn.js";
import { TITLE_SLOTS } from "./vn-codes.js";

const root = document.querySelector(".vb-search");
const form = root.querySelector(".vb-search__form");
const input = root.querySelector("#vb-q");
const status = root.querySelector(".vb-search__status");
const list = root.querySelector(".vb-search__results");
const more = root.querySelector(".vb-search__more");
const selects = Array.from(form.querySelectorAll("select"));
const FILTERS = selects.map((s) => s.name).filter((n) => n !== "sort");
const siteRoot = new URL(root.dataset.vbRoot, document.baseURI);
const bundle = new URL(root.dataset.vbBundle, document.baseURI);

const PAGE = 50;      // results shown at once, before "Xem thêm"
const EXCERPT = 32;   // words in an excerpt

let pagefind;
let generation = 0;   // a newer search makes older, slower ones drop their results

const collator = new Intl.Collator("vi");

function state() {
  const params = new URLSearchParams(location.search);
  return {
    q: (params.get("q") || "").normalize("NFC"),
    sort: params.get("sort") || "",
    filters: Object.fromEntries(FILTERS.map((f) => [f, params.get(f) || ""])),
  };
}

// A filter or sort change is a history entry (Back returns to the previous results); typing
// in the box only replaces the current one.
function writeState(push) {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const s of selects) if (s.value) params.set(s.name, s.value);
  const query = params.toString();
  const url = location.pathname + (query ? "?" + query : "");
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

function readState() {
  const s = state();
  input.value = s.q;
  for (const f of FILTERS) {
    if (s.filters[f] && !Array.from(form.elements[f].options).some((o) => o.value === s.filters[f])) {
      form.elements[f].add(new Option(label(f, s.filters[f]), s.filters[f]));
    }
    form.elements[f].value = s.filters[f];
  }
  form.elements.sort.value = s.sort;
}

// Filters carry ids (type slug, unit id, month key) in the URL; the page shows the names the
// build gives (vanban.archive.facets); a number or a year shows itself.
const LABELS = JSON.parse(root.querySelector(".vb-search__labels")?.textContent || "{}");

function label(filter, value) {
  return (LABELS[filter] && LABELS[filter][value]) || value;
}

let allValues = {};   // every value of every filter, from the whole index

function fillFilters(counts) {
  for (const s of selects) {
    if (s.name === "sort") continue;
    const values = Object.keys(allValues[s.name] || {});
    if (s.dataset.order === "newest") values.sort().reverse();
    else values.sort((a, b) => collator.compare(label(s.name, a), label(s.name, b)));
    const chosen = s.value;
    s.length = 1;
    for (const v of values) {
      const n = (counts[s.name] || {})[v] || 0;
      s.add(new Option(`${label(s.name, v)} (${n})`, v));
    }
    if (chosen && !values.includes(chosen)) s.add(new Option(label(s.name, chosen), chosen));
    s.value = chosen;
  }
}

// --- ordering -------------------------------------------------------------------------------

function phraseIn(haystackWords, phrase) {
  return (" " + haystackWords.join(" ") + " ").includes(" " + phrase.join(" ") + " ");
}

function allIn(haystackWords, terms) {
  const set = new Set(haystackWords);
  return terms.every((t) => set.has(t));
}

// A sort key for one result: lower is better.
function rankKey(query, item, index) {
  const { numbers, rest } = query;
  if (numbers.length) {
    const bears = numbers.some((n) => fold(n) === fold(item.meta.number));
    const qWords = words(rest).map(fold);
    return [bears ? 0 : 1, qWords.length && !allIn(item.folded.all, qWords) ? 1 : 0, 0, index];
  }
  const exactQ = words(rest).map(toneKey);
  const foldQ = exactQ.map(fold);
  if (!foldQ.length) return [0, 0, 0, index];
  let tier = 2;
  if (phraseIn(item.folded.title, foldQ)) tier = 0;
  else if (phraseIn(item.folded.body, foldQ)) tier = 1;
  let exact;
  if (tier === 0) exact = phraseIn(item.exact.title, exactQ);
  else if (tier === 1) exact = phraseIn(item.exact.body, exactQ);
  else exact = allIn(item.exact.all, exactQ);
  return [tier, exact ? 0 : 1, 0, index];
}

function compareKeys(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

async function load(result) {
  const data = await result.data();
  const text = ungap(unfold(data.content, data.meta.dd || ""), data.meta.gaps || "");
  const start = Number(data.meta.body_start || 0);
  const end = Number(data.meta.body_end || text.length);
  const title = data.meta.summary || "";
  const body = text.slice(start, end);
  const rest = text.slice(end);  // metadata: found by Pagefind, ranked as words apart
  const titleWords = words(title), bodyWords = words(body);
  const allWords = titleWords.concat(bodyWords, words(rest));
  return {
    url: data.url,
    meta: data.meta,
    body,
    folded: { title: titleWords.map(fold), body: bodyWords.map(fold), all: allWords.map(fold) },
    exact: { title: titleWords.map(toneKey), body: bodyWords.map(toneKey), all: allWords.map(toneKey) },
  };
}

// --- display --------------------------------------------------------------------------------

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function excerpt(body, query) {
  const tokens = body.split(" ");
  const terms = words(query.rest).map(fold);
  const nums = query.numbers.map(fold);
  // A token is [lead punctuation, word, trail punctuation]; only the word is marked.
  const parts = tokens.map((t) => t.match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su).slice(1));
  const hit = parts.map(([, core]) => {
    const w = fold(core);
    return w !== "" && (terms.includes(w) || nums.includes(w) || terms.some((q) => q.length > 2 && w.startsWith(q)));
  });
  // The window around the first place the whole phrase stands (it is why the notice matched);
  // without one, the window of EXCERPT words with the most hits. Moved so its first hit has some lead.
  let best = 0, bestCount = -1, count = 0;
  const phraseAt = terms.length > 1 ? parts.findIndex((_, i) =>
    terms.every((t, k) => i + k < parts.length && fold(parts[i + k][1]) === t)) : -1;
  for (let i = 0; i < tokens.length && phraseAt < 0; i++) {
    count += hit[i] ? 1 : 0;
    if (i >= EXCERPT) count -= hit[i - EXCERPT] ? 1 : 0;
    if (count > bestCount) { bestCount = count; best = Math.max(0, i - EXCERPT + 1); }
  }
  if (phraseAt >= 0) best = phraseAt;
  const first = hit.indexOf(true, best);
  if (first >= 0) best = Math.max(0, Math.min(first - 6, tokens.length - EXCERPT));
  const end = Math.min(tokens.length, best + EXCERPT);
  const out = [];
  for (let i = best; i < end; i++) {
    const [lead, core, trail] = parts[i];
    out.push(hit[i] ? `${escapeHtml(lead)}<mark>${escapeHtml(core)}</mark>${escapeHtml(trail)}` : escapeHtml(tokens[i]));
  }
  return (best > 0 ? "… " : "") + out.join(" ") + (end < tokens.length ? " …" : "");
}

function render(items, query) {
  for (const item of items) {
    const li = document.createElement("li");
    li.className = "vb-result";
    const href = new URL(item.url.replace(/^\//, ""), siteRoot);  // the site may live below a path
    const m = item.meta;
    li.innerHTML =
      `<a class="vb-result__link" href="${escapeHtml(href.pathname)}">` +
      `<span class="vb-result__number">${escapeHtml(m.number || "")}</span>` +
      `<span class="vb-result__date">${escapeHtml(m.date || "")}</span>` +
      `<span class="vb-result__title">${escapeHtml(m.type || "")}: ${escapeHtml(m.summary || "")}</span></a>` +
      `<span class="vb-result__issuer">${escapeHtml(m.issuer || "")}</span>` +
      `<p class="vb-result__excerpt">${excerpt(item.body, query)}</p>`;
    list.appendChild(li);
  }
}

// --- search ---------------------------------------------------------------------------------

async function run(push = false) {
  const mine = ++generation;
  writeState(push);
  const q = input.value.normalize("NFC").trim();
  const filters = {};
  for (const f of FILTERS) {
    const v = form.elements[f].value;
    if (v) filters[f] = v;
  }
  const byDate = form.elements.sort.value === "date";
  if (!q && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "Nhập từ khóa hoặc chọn bộ lọc để tìm văn bản.";
    return;
  }
  const query = findNumbers(q);
  const pfQuery = foldD([...query.numbers, query.rest].join(" ").trim());
  status.textContent = "Đang tìm…";
  const ranked = !byDate && pfQuery;
  const terms = words(query.rest);
  const phrase = ranked && !query.numbers.length && terms.length > 1;
  let rendered = 0, total = null;  // total: known once every match is in
  const show = (items) => {
    if (!rendered) list.replaceChildren();
    render(items, query);
    rendered += items.length;
  };
  const say = () => {
    status.textContent = total === null ? "Đang tìm thêm…"
      : total ? `Tìm thấy ${total} văn bản${q ? ` cho “${q}”` : ""}.`
      : `Không tìm thấy văn bản nào${q ? ` cho “${q}”` : ""}.`;
    more.hidden = total === null || rendered >= total;
  };
  if (phrase) {
    // The notices holding the phrase come first, and a quoted search finds them far sooner than
    // Pagefind ranks every notice holding one of the words: show them, then fetch the rest.
    const quoted = await pagefind.search(`"${foldD(terms.join(" "))}"`, { filters });
    if (mine !== generation) return;
    queues = [quoted.results.filter(phraseTitled), quoted.results.filter((r) => !phraseTitled(r)), []];
    // A phrase tier too large to load whole is put in the order of Pagefind's own scores, which
    // favour exact accents (diacriticSimilarity): so it waits for the full search.
    const byScore = accented(query) && queues.some((q) => q.length > WHOLE_TIER);
    if (quoted.results.length >= PAGE && !byScore) {
      const first = await nextItems(PAGE, query, true);
      if (mine !== generation) return;
      show(first);
      say();
    }
    const search = await pagefind.search(pfQuery, { filters });
    if (mine !== generation) return;
    if (search.filters) fillFilters(search.filters);
    const inPhrase = new Set(quoted.results.map((r) => r.id));
    queues[2].push(...search.results.filter((r) => !inPhrase.has(r.id)));
    if (byScore) {
      const score = new Map(search.results.map((r) => [r.id, r.score]));
      for (const q of queues.slice(0, 2)) q.sort((a, b) => (score.get(b.id) || 0) - (score.get(a.id) || 0));
    }
    total = search.results.length;
  } else {
    const search = await pagefind.search(pfQuery || null, {
      filters,
      sort: ranked ? undefined : { date: "desc" },
    });
    if (mine !== generation) return;
    if (search.filters) fillFilters(search.filters);
    const results = search.results;
    queues = ranked ? [results.filter(titled), results.filter((r) => !titled(r)), []] : [results.slice(), [], []];
    total = results.length;
  }
  if (!rendered) {
    const first = await nextItems(PAGE, query, ranked);
    if (mine !== generation) return;
    show(first);
  }
  say();
  more.onclick = async () => {
    const next = await nextItems(PAGE, query, ranked);
    if (mine !== generation) return;
    show(next);
    say();
  };
}

// --- SPEC §6 over every match ------------------------------------------------------------------
// Pagefind returns every match at once, fragments unloaded, and says for each whether its
// "title" meta matched (the number and the title, đ folded: the only meta it searches). That
// decides the tiers without loading anything: for a number, the notices whose title meta
// matched (the bearers) before the rest; for several words, the quoted phrase's matches in the
// title (told by where they stand), then its other matches, then every other notice holding the words; for one
// word, title before body. A tier is loaded a page at a time; rankKey checks each loaded notice,
// and one that is not what its tier promised (the words apart in the title, the phrase only in
// the metadata) moves to the front of a later tier.

let queues = [[], [], []];

// Whether Pagefind found the query in the "title" meta (the number and the title).
const titled = (r) => (r.matchedMetaFields || []).includes("title");

// Whether a quoted search found the phrase in the title: the title fills the content's first
// TITLE_SLOTS positions (vanban.search.records). matchedMetaFields cannot tell: a quoted match
// is found in the content first, and one found in the meta fields names any of them.
const phraseTitled = (r) => r.words.length > 0 && r.words[0] < TITLE_SLOTS;

// Exact accents before folded ones are told for sure only from the loaded text: when the query
// carries marks, a phrase tier of at most WHOLE_TIER notices is loaded whole and ordered at once,
// so that no folded match on one page stands before an exact one on the next (a larger tier
// takes Pagefind's scores instead, see run()).
const WHOLE_TIER = 200;

function accented(query) {
  const w = words(query.rest);
  return w.map(toneKey).join(" ") !== w.map(fold).join(" ");
}

async function nextItems(count, query, ranked) {
  const out = [];
  while (out.length < count) {
    const tier = queues.findIndex((q) => q.length);
    if (tier < 0) break;
    const whole = ranked && tier < 2 && queues[tier].length <= WHOLE_TIER && accented(query);
    const batch = queues[tier].splice(0, whole ? queues[tier].length : count - out.length);
    await Promise.all(batch.map(async (r) => { r.item = r.item || await load(r); }));
    const keep = [], moved = [[], [], []];
    batch.forEach((r, i) => {
      const key = ranked ? rankKey(query, r.item, i) : [tier, 0, 0, i];
      if (key[0] > tier) moved[Math.min(key[0], 2)].push(r);
      else keep.push([key, r]);
    });
    for (let t = 2; t > tier; t--) queues[t].unshift(...moved[t]);
    keep.sort((a, b) => compareKeys(a[0], b[0]));  // better than its tier promised first, exact accents first
    const taken = keep.splice(0, count - out.length);
    queues[tier].unshift(...keep.map((k) => k[1]));  // loaded and in order: they lead the next page
    out.push(...taken.map((k) => k[1].item));
  }
  return out;
}

let timer;
function soon() {
  clearTimeout(timer);
  timer = setTimeout(run, 200);
}

async function start() {
  pagefind = await import(new URL("pagefind.js", bundle).href);
  // Exact accents score well above folded ones, so that among equals they come first.
  await pagefind.options({ excerptLength: EXCERPT, ranking: { diacriticSimilarity: 50 } });
  await pagefind.init();
  const s = state();
  input.value = s.q;
  for (const f of FILTERS) form.elements[f].value = s.filters[f];
  allValues = await pagefind.filters();
  for (const f of FILTERS) {
    const values = allValues[f] || {};
    if (s.filters[f] && !(s.filters[f] in values)) values[s.filters[f]] = 0;
  }
  fillFilters(allValues);
  for (const f of FILTERS) form.elements[f].value = s.filters[f];
  form.elements.sort.value = s.sort;
  // Open on a wide screen, or when a filter is already chosen; folded on a phone.
  const options = root.querySelector(".vb-search__more-options");
  options.open = matchMedia("(min-width: 45em)").matches || selects.some((sel) => sel.value);
  input.addEventListener("input", soon);
  for (const sel of selects) sel.addEventListener("change", () => run(true));
  window.addEventListener("popstate", () => { readState(); run(); });
  form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
  await run();
  root.dataset.ready = "true";
}

start().catch((error) => {
  status.textContent = "Không tải được chỉ mục tìm kiếm. Hãy xây dựng lại trang (make build).";
  console.error(error);
});
