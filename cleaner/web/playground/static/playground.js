/* Rule playground: talks to /v1/playground/* only (same origin); never fetches a document URL. */
"use strict";

const $ = (id) => document.getElementById(id);
const state = {
  fileB64: null,          // bytes of an uploaded file (base64), sent instead of the textarea text
  useEdited: false,       // true once "Apply rules" was pressed: later re-runs carry the editor's YAML
  editorSite: null,       // site whose file (or template) the editor holds
  editorTouched: false,   // the author typed in the editor: never replace it behind their back
  last: null,             // last successful dry-run response
  seq: 0,                 // request counter: a slow old answer must not overwrite a newer one
};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) node.append(c);
  return node;
}

function keepList() {
  return [...document.querySelectorAll('input[name="keep"]:checked')].map((i) => i.value);
}

function payload(withRules) {
  const body = {
    url: $("url").value.trim() || null,
    site: $("site").value.trim() || null,
    content_type: $("content-type").value,
    site_rules: $("site-rules").checked,
    keep: keepList(),
  };
  if (state.fileB64) body.content_base64 = state.fileB64;
  else body.content = $("content").value;
  if (withRules) body.rules_yaml = $("rules").value;
  return body;
}

async function post(path, body) {
  const resp = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  let data = null;
  try { data = await resp.json(); } catch (e) { data = { detail: `HTTP ${resp.status}` }; }
  return { ok: resp.ok, status: resp.status, data };
}

function setStatus(text) { $("status").textContent = text; }

function showProblem(text) {
  const box = $("problem");
  box.hidden = !text;
  box.textContent = text || "";
}

/* ---- rule editor ---- */

function updateGutter(errorLine) {
  const lines = $("rules").value.split("\n").length;
  const gutter = $("gutter");
  gutter.textContent = "";
  for (let i = 1; i <= lines; i++) {
    const span = el("span", { class: i === errorLine ? "bad" : null, text: String(i) });
    gutter.append(span, "\n");
  }
  gutter.scrollTop = $("rules").scrollTop;
}

function showRuleError(problem) {
  const box = $("rules-error");
  if (!problem) {
    box.hidden = true;
    box.textContent = "";
    $("rules").removeAttribute("aria-invalid");
    updateGutter(null);
    return;
  }
  const where = problem.line ? `Line ${problem.line}` : "Rule file";
  const key = problem.key ? ` (key ${problem.key})` : "";
  box.hidden = false;
  box.textContent = "";
  box.append(el("strong", { class: "err-line", text: `${where}${key}: ` }), problem.message || problem.detail);
  $("rules").setAttribute("aria-invalid", "true");
  updateGutter(problem.line || null);
  if (problem.line) scrollEditorTo(problem.line);
}

function scrollEditorTo(line) {
  const ta = $("rules");
  const lineHeight = parseFloat(getComputedStyle(ta).lineHeight) || 18;
  ta.scrollTop = Math.max(0, (line - 4) * lineHeight);
  $("gutter").scrollTop = ta.scrollTop;
}

async function loadRules(site, force) {
  if (!force && (state.editorTouched || state.useEdited)) return;
  const resp = await fetch(`/v1/playground/rules?site=${encodeURIComponent(site || "")}`);
  if (!resp.ok) return;
  const data = await resp.json();
  $("rules").value = data.yaml;
  $("rules").scrollTop = 0;
  state.editorSite = data.site;
  state.editorTouched = false;
  $("rules-origin").textContent = data.exists
    ? `${data.file} — the rule file of ${data.site}, as loaded by the service. Edits apply only here.`
    : `No rule file for ${data.site} yet: a template. Edits apply only here.`;
  showRuleError(null);
}

function siteForEditor(data) {
  if (data.result.site) return data.result.site;
  try {
    const url = $("url").value.trim();
    if (url) return new URL(url).hostname.replace(/^www\./, "");
  } catch (e) { /* not a URL: fall through to the template's example name */ }
  return "";
}

/* ---- results ---- */

function categoryClass(cat) { return `cat-${String(cat).replace(/[^a-z_]/g, "")}`; }

function shortRule(rule) { return rule.includes(":") ? rule.split(":").slice(1).join(":") : rule; }

function renderOriginal(data) {
  const box = $("original");
  box.textContent = "";
  const { text, spans, outside } = data.original;
  const removed = data.result.removed;
  const marks = [];
  for (const s of spans) marks.push({ start: s.start, end: s.end, removal: s.removal });
  for (const [a, b] of outside) marks.push({ start: a, end: b, outside: true });
  marks.sort((x, y) => x.start - y.start);
  let pos = 0;
  for (const m of marks) {
    if (m.end <= pos) continue;
    const start = Math.max(m.start, pos);
    if (start > pos) box.append(text.slice(pos, start));
    const piece = text.slice(start, m.end);
    if (m.outside) {
      box.append(el("span", { class: "outside", title: "left out by main-content extraction (not a rule)",
                              text: piece }));
    } else {
      const r = removed[m.removal];
      const label = `${r.rule} · ${r.category}${r.reason ? " · " + r.reason : ""}`;
      box.append(el("span", { class: `tag ${categoryClass(r.category)}`, "aria-hidden": "true",
                              text: shortRule(r.rule) }));
      const mark = el("mark", { class: `rm ${categoryClass(r.category)}`, tabindex: "0", title: label,
                                "data-rule": r.rule, "data-category": r.category,
                                "data-removal": String(m.removal) },
                      el("span", { class: "sr-only", text: `removed by ${r.rule} (${r.category}): ` }), piece);
      mark.addEventListener("mouseenter", () => focusRemoval(m.removal, false));
      mark.addEventListener("focus", () => focusRemoval(m.removal, false));
      box.append(mark);
    }
    pos = m.end;
  }
  box.append(text.slice(pos));
  const kind = data.original.kind === "text" ? "(plain text, exact offsets)"
    : "(HTML shown as text; removed spans found by text search, grey: outside the main content)";
  $("orig-kind").textContent = kind;
}

function focusRemoval(index, scrollMark) {
  document.querySelectorAll(".active").forEach((n) => n.classList.remove("active"));
  const item = document.querySelector(`#removed li[data-removal="${index}"]`);
  const mark = document.querySelector(`#original mark[data-removal="${index}"]`);
  if (item) { item.classList.add("active"); item.scrollIntoView({ block: "nearest" }); }
  if (mark) { mark.classList.add("active"); if (scrollMark) mark.scrollIntoView({ block: "center" }); }
}

function renderRemoved(data) {
  const list = $("removed");
  list.textContent = "";
  const unplaced = new Set(data.original.unplaced);
  data.result.removed.forEach((r, i) => {
    const btn = el("button", { type: "button", class: "rm-item", "aria-label":
      `${r.rule}, ${r.category}${r.reason ? ", " + r.reason : ""}: ${r.text}` },
      el("span", { class: `pill ${categoryClass(r.category)}`, text: r.category }),
      el("code", { text: r.rule }),
      r.reason ? el("span", { class: "reason", text: r.reason }) : "",
      el("span", { class: "rm-text", text: r.text }),
      unplaced.has(i) ? el("span", { class: "reason", text: "(not found in the original view)" }) : "");
    btn.addEventListener("click", () => focusRemoval(i, true));
    btn.addEventListener("mouseenter", () => focusRemoval(i, false));
    list.append(el("li", { "data-removal": String(i), "data-rule": r.rule }, btn));
  });
  $("removed-heading").textContent = `Removed (${data.result.removed.length})`;
}

function renderMeta(result) {
  const dl = $("meta");
  dl.textContent = "";
  const rows = [["Title", result.title], ["Subtitle", result.subtitle], ["Author", result.author],
                ["Date", result.date], ["Type", result.content_type]];
  for (const [k, v] of rows) dl.append(el("dt", { text: k }), el("dd", { class: v ? null : "none", text: v || "—" }));
  dl.append(el("dt", { text: `Captions (${result.captions.length})` }));
  const dd = el("dd");
  if (!result.captions.length) { dd.textContent = "—"; dd.className = "none"; }
  for (const c of result.captions) dd.append(el("div", { class: "caption", text: c }));
  dl.append(dd);
}

function renderMatch(data) {
  const m = data.match;
  $("match-site").textContent = m.site || "generic defaults only";
  $("match-how").textContent = m.how ? `matched by ${m.how}` : "no site match";
  $("match-how").className = `pill how-${m.how || "none"}`;
  $("match-why").textContent = m.why;
  const notes = $("notes");
  notes.textContent = "";
  if (data.rules.edited) notes.append(el("li", { text: `Edited rule set “${data.rules.site}” applied (dry run, not saved).` }));
  for (const n of data.notes) notes.append(el("li", { text: n }));
  const warns = $("warnings");
  warns.textContent = "";
  if (!data.result.warnings.length) warns.append(el("li", { class: "none", text: "none" }));
  for (const w of data.result.warnings) warns.append(el("li", { text: w }));
}

function render(data) {
  $("summary").hidden = false;
  $("panes").hidden = false;
  renderMatch(data);
  renderMeta(data.result);
  renderOriginal(data);
  renderRemoved(data);
  const clean = $("clean-text");
  clean.textContent = data.result.text;
  $("clean-size").textContent = `(${data.result.text.split(/\n\n+/).length} paragraphs, ` +
    `${data.result.text.length} characters)`;
}

async function run(reason) {
  const content = state.fileB64 || $("content").value.trim();
  if (!content) { setStatus("Paste a document or load the example first."); return; }
  const seq = ++state.seq;
  setStatus(`${reason}…`);
  let resp;
  try {
    resp = await post("/v1/playground/clean", payload(state.useEdited));
  } catch (e) {
    if (seq === state.seq) { setStatus("The service did not answer."); showProblem(String(e)); }
    return;
  }
  if (seq !== state.seq) return;
  if (!resp.ok) {
    if (resp.data && resp.data.code === "rule_error") {
      showRuleError(resp.data);
      setStatus("The rule file has an error: nothing was applied.");
    } else {
      showProblem(`${resp.data.title || "Error"}: ${resp.data.detail || resp.status}`);
      setStatus("Cleaning failed.");
    }
    return;
  }
  showProblem(null);
  if (state.useEdited) showRuleError(null);
  state.last = resp.data;
  if (resp.data.decoded !== null && state.fileB64) $("content").value = resp.data.decoded;  // charset decoded by the service
  render(resp.data);
  const n = resp.data.result.removed.length;
  setStatus(`Cleaned: ${n} span${n === 1 ? "" : "s"} removed` +
            (resp.data.rules.edited ? " with the edited rules (not saved)." : "."));
  await loadRules(siteForEditor(resp.data), false);
}

/* ---- download ---- */

async function download() {
  const content = state.fileB64 || $("content").value.trim();
  if (!content) { $("rules-status").textContent = "Paste a document first: the test case is made from it."; return; }
  const resp = await post("/v1/playground/export", payload(true));
  if (!resp.ok) {
    if (resp.data && resp.data.code === "rule_error") showRuleError(resp.data);
    else $("rules-status").textContent = resp.data.detail || `HTTP ${resp.status}`;
    return;
  }
  const blob = new Blob([resp.data.yaml], { type: "application/x-yaml" });
  const a = el("a", { href: URL.createObjectURL(blob), download: resp.data.filename });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  const fails = resp.data.test_failures;
  $("rules-status").textContent = fails.length
    ? `Downloaded ${resp.data.filename}; its new test case FAILS: ${fails.join("; ")}`
    : `Downloaded ${resp.data.filename} with ${resp.data.tests} test case(s); the new one passes.`;
}

/* ---- wiring ---- */

function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function init() {
  $("doc-form").addEventListener("submit", (e) => { e.preventDefault(); run("Cleaning"); });
  $("content").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run("Cleaning"); }
  });
  $("content").addEventListener("input", () => {
    if (state.fileB64) { state.fileB64 = null; $("file-status").textContent = "Using the edited text, not the file."; }
  });
  $("load-seed").addEventListener("click", async () => {
    const resp = await fetch("/v1/playground/seed");
    $("content").value = await resp.text();
    state.fileB64 = null;
    $("file-status").textContent = "Example: a scraped article from The Independent, without its URL.";
    run("Cleaning the example");
  });
  $("file").addEventListener("change", async () => {
    const file = $("file").files[0];
    if (!file) return;
    const buffer = await file.arrayBuffer();
    state.fileB64 = toBase64(buffer);
    $("content").value = new TextDecoder("utf-8").decode(buffer);
    $("file-status").textContent = `File ${file.name} (${buffer.byteLength} bytes); the service decodes its charset.`;
    run("Cleaning the file");
  });
  document.querySelectorAll('input[name="keep"]').forEach((box) =>
    box.addEventListener("change", () => run("Re-cleaning")));
  $("site-rules").addEventListener("change", () => run("Re-cleaning"));
  const rules = $("rules");
  rules.addEventListener("input", () => { state.editorTouched = true; updateGutter(null); });
  rules.addEventListener("scroll", () => { $("gutter").scrollTop = rules.scrollTop; });
  rules.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); $("apply").click(); }
  });
  $("apply").addEventListener("click", () => { state.useEdited = true; run("Applying the edited rules"); });
  $("reset").addEventListener("click", async () => {
    state.useEdited = false;
    state.editorTouched = false;
    await loadRules(state.last ? siteForEditor(state.last) : state.editorSite, true);
    $("rules-status").textContent = "Editor reset to the saved rule file; cleaning with the saved rules.";
    run("Re-cleaning");
  });
  $("download").addEventListener("click", download);
  updateGutter(null);
}

document.addEventListener("DOMContentLoaded", init);
