/* Tailor workspace: draft a block (to measure, from a scan or over a size run), preview it,
   download its files; start a marker job, watch it, draw the marker it returns. */
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const form = $("pattern-form");
  const FILES = [["pdf", "PDF (A4)"], ["pdf_letter", "PDF (Letter)"], ["dxf", "DXF-AAMA"],
    ["rul", "RUL grade rules"], ["svg", "SVG"], ["zip", "everything (zip)"]];

  function source() { return form.querySelector("input[name=source]:checked").value; }
  form.querySelectorAll("input[name=source]").forEach((r) => r.addEventListener("change", () => {
    for (const s of ["measurements", "scan", "size_run"]) $("src-" + s).hidden = s !== source();
  }));
  $("chart").addEventListener("change", () => {
    $("size_run").value = $("chart").value === "mens_eu" ? "S,M,L,XL,XXL" : "XS,S,M,L,XL";
  });

  function request() {
    const body = { block: $("block").value, formats: ["svg", "pdf", "dxf"] };
    body.options = JSON.parse($("options").value || "{}");
    if (source() === "measurements") {
      body.measurements = { sex: $("sex").value };
      form.querySelectorAll("[data-measurement-input]").forEach((i) => {
        if (i.value) body.measurements[i.name] = parseFloat(i.value);
      });
    } else if (source() === "scan") {
      body.scan_id = $("scan_id").value.trim();
    } else {
      body.size_run = $("size_run").value.split(",").map((s) => s.trim()).filter(Boolean);
      body.chart = $("chart").value;
    }
    return body;
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    $("pattern-error").hidden = true;
    let body;
    try { body = request(); } catch (err) {
      $("pattern-error").textContent = "Options must be JSON, e.g. {\"fit\": \"relaxed\"}.";
      $("pattern-error").hidden = false;
      return;
    }
    $("draft").disabled = true;
    try {
      const p = await fitsvc.call("/v1/patterns", { method: "POST", json: body });
      const size = p.result.nearest_size ? " · nearest size " + p.result.nearest_size : "";
      $("pattern-summary").textContent = p.block + " (" + (p.mode === "graded" ? "graded" : "made to measure") + ")" + size;
      const links = FILES.filter(([f]) => p.files[f]).map(([f, label]) =>
        Object.assign(document.createElement("a"), { href: p.files[f], textContent: label, download: "", id: "download-" + f }));
      $("downloads").replaceChildren(...links);
      $("preview-svg").src = p.files.svg;
      $("preview-png").src = p.files.png;
      $("pattern").hidden = false;
      $("pattern-title").tabIndex = -1;
      $("pattern-title").focus();
    } catch (err) {
      $("pattern-error").textContent = err.message + ". " + err.hint;
      $("pattern-error").hidden = false;
    } finally {
      $("draft").disabled = false;
    }
  });

  // --- markers --------------------------------------------------------------------------------
  let job = null, poll = null;
  $("marker-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target;
    const body = { block: f.block.value, size_chart: f.size_chart.value, ratio: f.ratio.value,
      width_cm: parseFloat(f.width_cm.value), seconds: parseFloat(f.seconds.value) };
    $("marker-result").hidden = true;
    try {
      job = await fitsvc.call("/v1/markers", { method: "POST", json: body });
    } catch (err) {
      $("marker-job").hidden = false;
      $("marker-status").textContent = err.message + ". " + err.hint;
      return;
    }
    $("marker-job").hidden = false;
    $("start-marker").disabled = true;
    poll = setInterval(watch, 1000);
    watch();
  });

  $("cancel-marker").addEventListener("click", () => job && fitsvc.call("/v1/markers/" + job.id, { method: "DELETE" }));

  async function watch() {
    const info = await fitsvc.call("/v1/markers/" + job.id);
    const p = info.progress || {};
    if (p.budget_s) $("marker-progress").value = Math.min(1, (p.elapsed_s || 0) / p.budget_s);
    const eff = p.best_efficiency ? " · best so far " + (p.best_efficiency * 100).toFixed(1) + " %" : "";
    $("marker-status").textContent = info.status + (p.elapsed_s ? " · " + p.elapsed_s + " s" : "") + eff;
    if (["succeeded", "failed", "cancelled"].includes(info.status)) {
      clearInterval(poll);
      $("start-marker").disabled = false;
      if (info.status === "succeeded") draw(info.result);
      else if (info.error) $("marker-status").textContent = info.status + ": " + info.error;
    }
  }

  function draw(result) {
    $("marker-efficiency").textContent = (result.efficiency * 100).toFixed(1) + " %";
    $("marker-length").textContent = (result.length / 10).toFixed(1) + " cm";
    const W = result.strip_width, L = result.length;  // millimetres
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + L + " " + W);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Marker: " + result.placements.length + " pieces on the fabric");
    svg.setAttribute("class", "preview");
    svg.setAttribute("id", "marker-svg");
    const fabric = document.createElementNS(ns, "rect");
    Object.entries({ x: 0, y: 0, width: L, height: W, fill: "#f3f6f4", stroke: "#333", "stroke-width": W / 300 })
      .forEach(([k, v]) => fabric.setAttribute(k, v));
    svg.append(fabric);
    const sizes = [...new Set(result.placements.map((p) => p.size || ""))];
    for (const p of result.placements) {
      const a = p.rotation_deg * Math.PI / 180, c = Math.cos(a), s = Math.sin(a);
      const pts = result.items[p.item].map(([x, y]) =>
        [x * c - y * s + p.translation[0], x * s + y * c + p.translation[1]].map((v) => v.toFixed(1)).join(","));
      const poly = document.createElementNS(ns, "polygon");
      poly.setAttribute("points", pts.join(" "));
      poly.setAttribute("fill", "hsl(" + (sizes.indexOf(p.size || "") * 67 % 360) + " 60% 75%)");
      poly.setAttribute("stroke", "#222");
      poly.setAttribute("stroke-width", W / 600);
      svg.append(poly);
    }
    $("marker-picture").replaceChildren(svg);
    $("marker-result").hidden = false;
  }
})();
