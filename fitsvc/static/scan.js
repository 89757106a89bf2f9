/* The capture page: height, photos from a file or the camera with live guidance, the
   phone's pitch, the scan, results with intervals (cm and inches), refusals, deletion. */
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const token = fitsvc.tokenFromLink("fitsvc.token");
  const form = $("scan-form");
  const ORDER = ["stature", "chest_girth", "waist_girth", "hip_girth", "neck_girth",
    "shoulder_width", "arm_length", "inside_leg", "thigh_girth", "upper_arm_girth"];
  const NAMES = {
    stature: "Height", chest_girth: "Chest", waist_girth: "Waist", hip_girth: "Hip",
    neck_girth: "Neck", shoulder_width: "Shoulder width", arm_length: "Arm length",
    inside_leg: "Inside leg", thigh_girth: "Thigh", upper_arm_girth: "Upper arm",
  };
  let pitch = null;       // the phone's tilt now, from its orientation sensor
  let shotPitch = null;   // the tilt when the front photo was taken

  if (!token) {
    $("no-token").hidden = false;
    for (const el of form.elements) el.disabled = true;
    $("delete-data").disabled = true;
  }
  const back = sessionStorage.getItem("fitsvc.token.return");
  if (back && back.startsWith("/")) { $("back-to-shop").href = back; $("back-to-shop").hidden = false; }

  // --- height in feet and inches ---------------------------------------------------------
  $("units-toggle").addEventListener("click", () => {
    const box = $("imperial");
    box.hidden = !box.hidden;
    $("units-toggle").textContent = box.hidden ? "Use feet and inches" : "Use centimetres only";
  });
  function fromImperial() {
    const ft = parseFloat($("height_ft").value || "0"), inch = parseFloat($("height_in").value || "0");
    if (ft > 0) $("height_cm").value = ((ft * 12 + inch) * 2.54).toFixed(1);
  }
  $("height_ft").addEventListener("input", fromImperial);
  $("height_in").addEventListener("input", fromImperial);

  // --- the phone's pitch: 0 upright, positive tilted up ------------------------------------
  window.addEventListener("deviceorientation", (e) => {
    if (typeof e.beta === "number") pitch = Math.max(-60, Math.min(60, e.beta - 90));
  });

  // --- camera with live guidance ------------------------------------------------------------
  let stream = null, view = "front", timer = null, busy = false;
  const video = $("video");
  const OUTLINES = { front: "/static/outline-front.svg", side: "/static/outline-side.svg" };

  async function askForTilt() {
    // iOS asks the customer before a page may read the orientation sensor
    const D = window.DeviceOrientationEvent;
    if (D && typeof D.requestPermission === "function") {
      try { await D.requestPermission(); } catch (err) { /* the photo's pitch is estimated instead */ }
    }
  }

  async function openCamera(which) {
    view = which;
    await askForTilt();
    $("outline").src = OUTLINES[which];
    $("camera").hidden = false;
    $("guidance").textContent = "Starting the camera…";
    try {
      stream = await navigator.mediaDevices.getUserMedia(
        { video: { facingMode: "environment", width: { ideal: 1920 } }, audio: false });
    } catch (err) {
      $("guidance").textContent = "The camera is not available here: choose a photo file instead.";
      return;
    }
    video.srcObject = stream;
    await video.play();
    timer = setInterval(checkFrame, 400);
  }

  function closeCamera() {
    clearInterval(timer);
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    $("camera").hidden = true;
  }

  function grab(height, quality) {
    const scale = height / video.videoHeight;
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = height;
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
    return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
  }

  async function checkFrame() {
    if (busy || !video.videoHeight) return;
    busy = true;
    try {
      const body = new FormData();
      body.append("view", view);
      body.append("frame", await grab(480, 0.7), "frame.jpg");
      const res = await fitsvc.call("/v1/scans/check", { method: "POST", body }, token);
      $("guidance").textContent = res.say;
      $("guidance").className = "guidance " + (res.ok ? "ok" : "todo");
      $("tips").replaceChildren(...res.tips.map((t) => Object.assign(document.createElement("li"), { textContent: t })));
    } catch (err) {
      $("guidance").textContent = err.hint || err.message;
    } finally {
      busy = false;
    }
  }

  $("take").addEventListener("click", async () => {
    const blob = await grab(Math.min(video.videoHeight, 1920), 0.92);
    const dt = new DataTransfer();
    dt.items.add(new File([blob], view + ".jpg", { type: "image/jpeg" }));
    $(view).files = dt.files;
    if (view === "front") shotPitch = pitch;
    closeCamera();
    $(view).focus();
  });
  $("close-camera").addEventListener("click", closeCamera);
  document.querySelectorAll("button.camera").forEach((b) =>
    b.addEventListener("click", () => openCamera(b.dataset.view)));

  // --- the scan ------------------------------------------------------------------------------
  function showRefusal(err) {
    const box = $("refusal");
    box.replaceChildren();
    const what = document.createElement("p");
    what.textContent = "We could not measure you: " + (err.body.detail || err.message) + ".";
    const todo = document.createElement("p");
    todo.textContent = err.hint || "Please try again.";
    box.append(what, todo);
    box.dataset.code = err.code;
    box.hidden = false;
    box.tabIndex = -1;
    box.focus();
  }

  async function showResults(scan) {
    const rows = $("measurement-rows");
    rows.replaceChildren();
    const names = ORDER.filter((n) => scan.measurements[n])
      .concat(Object.keys(scan.measurements).filter((n) => !ORDER.includes(n)).sort());
    for (const name of names) {
      const m = scan.measurements[name];
      const tr = document.createElement("tr");
      tr.dataset.measurement = name;
      const cells = [NAMES[name] || name.replace(/_/g, " "), m.value_cm.toFixed(1),
        m.low_cm.toFixed(1) + "–" + m.high_cm.toFixed(1), (m.value_cm / 2.54).toFixed(1)];
      cells.forEach((text, i) => {
        const td = document.createElement(i === 0 ? "th" : "td");
        if (i === 0) td.scope = "row";
        td.textContent = text;
        tr.append(td);
      });
      rows.append(tr);
    }
    $("warnings").replaceChildren(...scan.warnings.map((w) =>
      Object.assign(document.createElement("li"), { textContent: w.replace(/_/g, " ") })));
    if (scan.overlay_url) {
      const blob = await fitsvc.call(scan.overlay_url, {}, token);
      $("overlay").src = URL.createObjectURL(blob);
      $("overlay").hidden = false;
    } else {
      $("overlay").hidden = true;
    }
    $("results").hidden = false;
    $("results-title").tabIndex = -1;
    $("results-title").focus();
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    $("refusal").hidden = true;
    const height = parseFloat($("height_cm").value);
    if (!(height >= 100 && height <= 230)) {
      showRefusal(new fitsvc.FitsvcError(422, { detail: "your height is missing or outside 100–230 cm",
        code: "invalid_input", hint: "Type your height in centimetres, or in feet and inches." }));
      return;
    }
    if (!$("front").files.length) {
      showRefusal(new fitsvc.FitsvcError(400, { detail: "the front photo is missing", code: "missing_photo",
        hint: "Take or choose a front photo first." }));
      return;
    }
    if (shotPitch !== null) $("camera_pitch_deg").value = shotPitch.toFixed(1);
    const body = new FormData(form);
    for (const key of ["weight_kg", "sex", "camera_pitch_deg"]) if (!body.get(key)) body.delete(key);
    if (!$("side").files.length) body.delete("side");
    $("progress").hidden = false;
    $("measure").disabled = true;
    const started = Date.now();
    const tick = setInterval(() => {
      $("progress-text").textContent = "Measuring… " + Math.round((Date.now() - started) / 1000) + " s";
    }, 1000);
    try {
      await showResults(await fitsvc.call("/v1/scans", { method: "POST", body }, token));
    } catch (err) {
      showRefusal(err);
    } finally {
      clearInterval(tick);
      $("progress").hidden = true;
      $("measure").disabled = false;
    }
  });

  $("delete-data").addEventListener("click", async () => {
    if (!confirm("Delete your measurements and everything made from them?")) return;
    try {
      const res = await fitsvc.call("/v1/customers/me", { method: "DELETE" }, token);
      $("delete-status").textContent = "Deleted: " + res.erased.scans + " scan(s) and everything made from them.";
      $("results").hidden = true;
    } catch (err) {
      $("delete-status").textContent = err.hint || err.message;
    }
  });
})();
