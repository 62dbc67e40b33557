/* accord: send an article to /api/upload with the token as a header, show the outcome.
 * Built with textContent only: nothing from the server becomes markup. */
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  var out = document.getElementById("upload-result");
  if (!form || !out) { return; }
  function show(cls, text, href) {
    while (out.firstChild) { out.removeChild(out.firstChild); }
    var p = document.createElement("p");
    p.className = "notice " + cls;
    p.textContent = text;
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = " Open it →";
      p.appendChild(a);
    }
    out.appendChild(p);
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var body = new FormData();
    body.append("file", form.elements.file.files[0]);
    var button = form.querySelector("button");
    button.disabled = true;
    show("", "Adding…");
    fetch("/api/upload", {
      method: "POST", body: body,
      headers: { "Authorization": "Bearer " + form.elements.token.value }
    }).then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, data: data }; });
    }).then(function (res) {
      button.disabled = false;
      if (!res.ok) {
        show("not-found", "Not added: " + (typeof res.data.detail === "string" ? res.data.detail : "invalid request"));
        return;
      }
      var d = (res.data.documents || [])[0] || {};
      var what = d.status === "exists" ? "Already in the store: " : "Added: ";
      show("copy", what + (d.title || d.source || ""), d.document_id ? "/documents/" + encodeURIComponent(d.document_id) : null);
    }).catch(function () {
      button.disabled = false;
      show("not-found", "The server did not answer.");
    });
  });
})();
