/* fitsvc size widget. Add to a product page:
 *   <div id="fitsvc-size"></div>
 *   <script src="https://FITSVC/static/fitsvc-widget.js" data-item="ITEM-ID"
 *           data-token="CUSTOMER-TOKEN" data-target="fitsvc-size"></script>
 * The token comes from the shop's back end (POST /v1/customer-tokens), never a shop key.
 * "Find my size" → the customer's latest scan (or a quick estimate, or a photo scan) →
 * recommended size, size up/down, a tight…loose bar per region and short reasons. */
(function () {
  "use strict";
  const script = document.currentScript;
  const base = new URL(script.src).origin;
  const item = script.dataset.item, token = script.dataset.token;
  const root = document.getElementById(script.dataset.target) || script.parentNode;
  const box = document.createElement("div");
  box.className = "fitsvc-widget";
  root.appendChild(box);
  const REGIONS = { chest: "Chest", bust: "Bust", waist: "Waist", hip: "Hip", seat: "Seat",
    neck: "Neck", shoulder: "Shoulders", thigh: "Thigh", inseam: "Leg length", sleeve: "Sleeve" };

  function el(tag, attrs, ...children) {
    const node = Object.assign(document.createElement(tag), attrs || {});
    for (const c of children) node.append(c);
    return node;
  }

  async function call(path, options) {
    const opts = Object.assign({ method: "GET" }, options || {});
    opts.headers = { Authorization: "Bearer " + token };
    if (opts.json) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(opts.json); }
    const resp = await fetch(base + path, opts);
    const body = await resp.json().catch(() => ({}));
    if (!resp.ok) throw Object.assign(new Error(body.detail || "HTTP " + resp.status), { hint: body.hint || "", code: body.code });
    return body;
  }

  function start() {
    box.replaceChildren(el("button", { type: "button", textContent: "Find my size", onclick: find }));
  }

  function say(text, role) {
    box.replaceChildren(el("p", { textContent: text, role: role || "status" }), el("button", {
      type: "button", className: "secondary", textContent: "Start again", onclick: start }));
  }

  async function find() {
    say("Looking for your measurements…");
    try {
      const mine = await call("/v1/customers/me/scans?limit=1");
      if (mine.scans.length) return fit(mine.scans[0].id);
      askForBody();
    } catch (err) { say(err.hint || err.message, "alert"); }
  }

  function askForBody() {
    const link = el("a", { textContent: "Measure me with photos (2 minutes)",
      href: base + "/scan#token=" + encodeURIComponent(token) + "&return=" + encodeURIComponent(location.pathname) });
    const height = el("input", { id: "fitsvc-height", name: "height_cm", type: "number", min: 100, max: 230, required: true, inputMode: "decimal" });
    const weight = el("input", { id: "fitsvc-weight", name: "weight_kg", type: "number", min: 25, max: 300, inputMode: "decimal" });
    const form = el("form", { className: "fitsvc-quick", onsubmit: quick },
      el("p", { textContent: "Or a quick estimate from your height and weight:" }),
      el("label", { htmlFor: "fitsvc-height", textContent: "Height (cm)" }), height,
      el("label", { htmlFor: "fitsvc-weight", textContent: "Weight (kg)" }), weight,
      el("button", { type: "submit", textContent: "Estimate my size" }));
    box.replaceChildren(el("p", { textContent: "We don't have your measurements yet." }), link, form);
  }

  async function quick(e) {
    e.preventDefault();
    const form = e.target;
    const body = { height_cm: parseFloat(form.height_cm.value) };
    if (form.weight_kg.value) body.weight_kg = parseFloat(form.weight_kg.value);
    try {
      const scan = await call("/v1/estimates", { method: "POST", json: body });
      await fit(scan.id);
    } catch (err) { say((err.message || "") + " " + (err.hint || ""), "alert"); }
  }

  function bar(region, cm) {
    const pos = Math.max(0, Math.min(100, 50 + (cm / 8) * 50));
    const words = cm <= -1 ? Math.round(-cm) + " cm tight" : cm >= 3 ? Math.round(cm) + " cm loose" : "as intended";
    const row = el("div", { className: "fitsvc-bar" },
      el("span", { textContent: REGIONS[region] || region }),
      el("span", { className: "fitsvc-track" }, el("span", { className: "fitsvc-dot", style: "left:" + pos + "%" })),
      el("span", { className: "fitsvc-scale" }, el("span", { textContent: "tight" }), el("span", { textContent: "loose" })));
    row.setAttribute("role", "img");
    row.setAttribute("aria-label", (REGIONS[region] || region) + ": " + words);
    row.setAttribute("data-region", region);
    return row;
  }

  async function fit(scanId) {
    say("Finding your size…");
    try {
      const res = await call("/v1/fit", { method: "POST", json: { scan_id: scanId, item_ids: [item] } });
      const r = res.items[0];
      if (r.status !== "ok") return say("We can't size this item for you yet (" + r.status.replace(/_/g, " ") + ").", "alert");
      const best = r.sizes.find((s) => s.size === r.recommended_size);
      const parts = [el("p", { textContent: "Your size" }),
        el("p", { className: "fitsvc-size", textContent: r.recommended_size }),
        el("p", { textContent: Math.round(best.p_fit * 100) + " % likely to fit" +
          (r.size_down ? " · one down: " + r.size_down : "") + (r.size_up ? " · one up: " + r.size_up : "") })];
      for (const [region, cm] of Object.entries(r.fit_cm || {})) parts.push(bar(region, cm));
      if (r.reasons.length) parts.push(el("ul", {}, ...r.reasons.map((t) => el("li", { textContent: t }))));
      parts.push(el("button", { type: "button", className: "secondary", textContent: "Start again", onclick: start }));
      parts[1].setAttribute("data-size", r.recommended_size);
      box.replaceChildren(...parts);
    } catch (err) { say(err.hint || err.message, "alert"); }
  }

  start();
})();
