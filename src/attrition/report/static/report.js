// attrition report / dashboard: the claims table, its filters, and each claim's evidence.
// Text from the ledger is only ever inserted as text (textContent / text nodes), never as HTML.
(function () {
  "use strict";
  const $ = (s) => document.querySelector(s);
  const api = document.body.dataset.api || null;
  const embedded = JSON.parse($("#data").textContent || "{}");
  const PAGE = 100;
  const state = { offset: 0, sort: "end", dir: -1, total: 0, rows: [] };
  const byId = new Map((embedded.claims || []).map((c) => [c.id, c]));

  const fmt = (x) => (x === null || x === undefined ? "" : Number(x).toLocaleString("en-GB", { maximumFractionDigits: 2 }));
  function figure(c) {
    const q = { approx: "~", at_least: "≥", at_most: "≤", exact: "", range: "" }[c.bound] || "";
    const body = c.bound === "range" ? fmt(c.low) + "–" + fmt(c.high) : q + fmt(c.value);
    return body + (c.per ? " / " + c.per : "");
  }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // ---- where claims and documents come from -------------------------------------------------
  function filters() {
    return { q: $("#q").value.trim(), subject: $("#f-subject").value, metric: $("#f-metric").value, source: $("#f-source").value };
  }
  async function loadPage() {
    const f = filters();
    if (api) {
      const p = new URLSearchParams({ limit: PAGE, offset: state.offset });
      if (f.q) p.set("search", f.q);
      for (const k of ["subject", "metric", "source"]) if (f[k]) p.set(k, f[k]);
      const r = await fetch(api + "/claims?" + p.toString());
      const j = await r.json();
      state.total = j.total;
      state.rows = j.items.slice().sort(cmp);
      j.items.forEach((c) => byId.set(c.id, c));
      return;
    }
    const q = f.q.toLowerCase();
    const rows = embedded.claims.filter(
      (c) =>
        (!f.subject || c.subject === f.subject) &&
        (!f.metric || c.metric === f.metric) &&
        (!f.source || c.source === f.source) &&
        (!q || (c.quote + " " + (c.source || "") + " " + (c.subject || "") + " " + c.metric).toLowerCase().includes(q))
    );
    rows.sort(cmp);
    state.total = rows.length;
    state.rows = rows.slice(state.offset, state.offset + PAGE);
  }
  function cmp(a, b) {
    const k = state.sort;
    const va = k === "value" ? (a.value ?? a.low ?? 0) : a[k] ?? "";
    const vb = k === "value" ? (b.value ?? b.low ?? 0) : b[k] ?? "";
    return (va < vb ? -1 : va > vb ? 1 : 0) * state.dir;
  }
  async function claimAndDocument(id) {
    if (!api) {
      const c = byId.get(id);
      return c ? [c, embedded.documents[c.doc]] : [null, null];
    }
    const cr = await fetch(api + "/claims/" + encodeURIComponent(id));
    if (!cr.ok) return [null, null];
    const c = await cr.json();
    const dr = await fetch(api + "/documents/" + encodeURIComponent(c.doc));
    const d = dr.ok ? await dr.json() : null;
    if (d && d.spans) {
      const s = d.spans.find((x) => x.claim === c.id || x.claim_id === c.id || x.id === c.id);
      if (s) c.figure_span = [s.figure_start, s.figure_end];
    }
    return [c, d];
  }

  // ---- the table ------------------------------------------------------------------------------
  async function render() {
    await loadPage();
    const tb = $("#claims-table tbody");
    tb.textContent = "";
    for (const c of state.rows) {
      const tr = el("tr");
      tr.id = "claim-" + c.id;
      tr.dataset.claim = c.id;
      tr.append(el("td", "", c.end || c.said_on || ""), el("td", "", c.subject || ""), el("td", "", c.metric),
        el("td", "num", figure(c)), el("td", "", c.source || ""), el("td", "", c.quote));
      tb.append(tr);
    }
    const last = Math.min(state.offset + PAGE, state.total);
    $("#count").textContent = state.total.toLocaleString("en-GB") + " claims";
    $("#page").textContent = state.total ? state.offset + 1 + "–" + last + " of " + state.total.toLocaleString("en-GB") : "none";
    $("#prev").disabled = state.offset === 0;
    $("#next").disabled = last >= state.total;
    document.querySelectorAll("th[data-key]").forEach((th) => {
      th.classList.toggle("sorted-asc", th.dataset.key === state.sort && state.dir > 0);
      th.classList.toggle("sorted-desc", th.dataset.key === state.sort && state.dir < 0);
    });
  }
  function options(select, values) {
    for (const v of values) select.append(new Option(v, v));
  }
  async function fillFilters() {
    let subjects, metrics, sources;
    if (api) {
      const boxes = [...document.querySelectorAll(".chartbox")];
      subjects = [...new Set(boxes.map((b) => b.dataset.subject))];
      metrics = [...new Set(boxes.map((b) => b.dataset.metric))];
      const r = await fetch(api + "/sources");
      const j = r.ok ? await r.json() : [];
      sources = (Array.isArray(j) ? j : j.items || []).filter((s) => (s.claims || 0) > 0).map((s) => s.name);
    } else {
      subjects = [...new Set(embedded.claims.map((c) => c.subject).filter(Boolean))];
      metrics = [...new Set(embedded.claims.map((c) => c.metric))];
      sources = [...new Set(embedded.claims.map((c) => c.source).filter(Boolean))];
    }
    options($("#f-subject"), subjects.sort());
    options($("#f-metric"), metrics.sort());
    options($("#f-source"), sources.sort());
  }

  // ---- evidence ---------------------------------------------------------------------------------
  async function openClaim(id) {
    const [c, d] = await claimAndDocument(id);
    const body = $("#evidence-body");
    body.textContent = "";
    if (!c) {
      body.append(el("p", "", "This claim is not in the ledger any more."));
      $("#evidence").showModal();
      return;
    }
    body.dataset.claim = c.id;
    body.append(el("h3", "", figure(c) + " " + c.metric.replace(/_/g, " ") + " of " + (c.subject || "?")));
    const dl = el("dl", "meta");
    const period = c.start || c.end ? (c.start || "…") + " → " + (c.end || "…") : "not stated";
    for (const [k, v] of [["source", c.source || "unattributed"], ["period", period], ["said on", c.said_on || "not stated"],
      ["document", (d && d.title) || c.title || c.doc], ["claim id", c.id]]) {
      dl.append(el("dt", "", k), el("dd", "", v));
    }
    body.append(dl);
    if (d && typeof d.text === "string" && c.span) {
      const text = d.text;
      const [s, e] = c.span;
      const [fs, fe] = c.figure_span || [s, e];
      const sep = d.kind === "dataset" ? "\n" : "\n\n";
      let a = text.lastIndexOf(sep, s - 1);
      a = a < 0 ? 0 : a + sep.length;
      let b = text.indexOf(sep, e);
      if (b < 0) b = text.length;
      a = Math.max(a, s - 700);
      b = Math.min(b, e + 700);
      const p = el("p", "context");
      p.append(document.createTextNode((a > 0 ? "…" : "") + text.slice(a, s)));
      const ev = el("mark", "evidence");
      ev.append(document.createTextNode(text.slice(s, Math.max(s, fs))));
      ev.append(el("mark", "figure", text.slice(fs, fe)));
      ev.append(document.createTextNode(text.slice(Math.min(fe, e), e)));
      p.append(ev, document.createTextNode(text.slice(e, b) + (b < text.length ? "…" : "")));
      body.append(p);
    }
    const url = c.url || (d && d.url);
    if (url && /^https?:\/\//i.test(url)) {
      const link = el("a", "", "open the article");
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      body.append(el("p"), link);
    } else if (d && d.path) {
      body.append(el("p", "sub", "file: " + d.path));
    }
    const dlg = $("#evidence");
    if (!dlg.open) dlg.showModal();
  }

  // ---- wiring -------------------------------------------------------------------------------------
  document.addEventListener("click", (ev) => {
    const t = ev.target.closest("[data-claim]");
    if (!t || t.id === "evidence-body") return;
    ev.preventDefault();
    openClaim(t.dataset.claim);
  });
  document.querySelectorAll("th[data-key]").forEach((th) =>
    th.addEventListener("click", () => {
      state.dir = state.sort === th.dataset.key ? -state.dir : 1;
      state.sort = th.dataset.key;
      state.offset = 0;
      render();
    })
  );
  for (const id of ["#q", "#f-subject", "#f-metric", "#f-source"]) {
    $(id).addEventListener(id === "#q" ? "input" : "change", () => {
      state.offset = 0;
      render();
    });
  }
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); render(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; render(); });
  Promise.all([fillFilters(), render()]).then(() => {
    document.body.dataset.ready = "1";
    if (location.hash.startsWith("#claim-")) openClaim(location.hash.slice(7));
  });
})();
