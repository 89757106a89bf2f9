/* Calls to the fitsvc JSON API from the pages: a customer token (Bearer) or the logged-in
   session's CSRF token; problem+json errors become FitsvcError with code, detail and hint. */
(function () {
  "use strict";
  class FitsvcError extends Error {
    constructor(status, body) {
      super((body && body.detail) || "HTTP " + status);
      this.status = status;
      this.code = (body && body.code) || "http_" + status;
      this.hint = (body && body.hint) || "";
      this.body = body || {};
    }
  }

  function csrf() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  async function call(path, options, token) {
    const opts = Object.assign({ method: "GET", headers: {} }, options || {});
    opts.headers = Object.assign({}, opts.headers);
    if (token) opts.headers["Authorization"] = "Bearer " + token;
    else if (opts.method !== "GET") opts.headers["X-CSRF-Token"] = csrf();
    if (opts.json !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(opts.json);
      delete opts.json;
    }
    const base = (window.FITSVC_BASE || "");
    const resp = await fetch(base + path, opts);
    const type = resp.headers.get("Content-Type") || "";
    if (!resp.ok) {
      const body = type.includes("json") ? await resp.json().catch(() => null) : null;
      throw new FitsvcError(resp.status, body);
    }
    if (opts.raw) return resp;
    if (resp.status === 204) return null;
    return type.includes("json") ? resp.json() : resp.blob();
  }

  function tokenFromLink(storageKey) {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const token = params.get("token");
    if (token) {
      sessionStorage.setItem(storageKey, token);
      if (params.get("return")) sessionStorage.setItem(storageKey + ".return", params.get("return"));
      history.replaceState(null, "", location.pathname);  // keep the token out of the address bar
    }
    return sessionStorage.getItem(storageKey);
  }

  window.fitsvc = { call, FitsvcError, tokenFromLink };
})();
