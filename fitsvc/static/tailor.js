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

  // --- the block's declared options, as form fields ---------------------------------------------
  let declared = {};
  async function loadOptions() {
    const res = await fitsvc.call("/v1/patterns/options/" + $("block").value);
    declared = res.options;
    const fields = Object.entries(declared).map(([name, o]) => {
      const id = "opt-" + name;
      const row = document.createElement("div");
      row.className = "row";
      const label = Object.assign(document.createElement("label"), { htmlFor: id, textContent: name.replace(/_/g, " ") });
      let input;
      if (o.type === "choice") {
        input = document.createElement("select");
        for (const c of o.choices) input.append(Object.assign(document.createElement("option"), { value: c, textContent: c }));
        input.value = o.default;
      } else if (o.type === "bool") {
        input = Object.assign(document.createElement("input"), { type: "checkbox", checked: !!o.default });
      } else {
        input = Object.assign(document.createElement("input"), { type: "number", min: o.min, max: o.max,
          step: "any", value: o.default });
      }
      Object.assign(input, { id, name });
      input.dataset.option = name;
      const help = Object.assign(document.createElement("small"), { className: "muted", id: id + "-help",
        textContent: o.description + (o.type === "choice" || o.type === "bool" ? "" : " (" + o.min + "–" + o.max + ")") });
      input.setAttribute("aria-describedby", help.id);
      row.append(label, input, help);
      return row;
    });
    $("options").replaceChildren(...fields);
  }

  function chosenOptions() {
    const out = {};
    $("options").querySelectorAll("[data-option]").forEach((el) => {
      const o = declared[el.dataset.option];
      const value = o.type === "bool" ? el.checked : o.type === "choice" ? el.value : parseFloat(el.value);
      const same = o.type === "bool" ? value === !!o.default
        : o.type === "choice" ? value === o.default : Math.abs(value - o.default) < 1e-9;
      if (!same) out[el.dataset.option] = value;
    });
    return out;
  }
  $("block").addEventListener("change", loadOptions);
  loadOptions();

  function request() {
    const body = { block: $("block").value, formats: ["svg", "pdf", "dxf"],
      units: $("units").value, paperless: $("paperless").checked };
    body.options = chosenOptions();
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
    const body = request();
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
