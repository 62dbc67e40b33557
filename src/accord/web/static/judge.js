/* accord: an analyst's event judgements from the event page (split a mention off,
 * merge with another event, withdraw a judgement), sent to /api/judgements/events
 * with the token as a header. The store is reconciled again by the server, which
 * says which event now holds the mentions: the page opens it.
 * Built with textContent only: nothing from the server becomes markup. */
(function () {
  "use strict";
  var form = document.getElementById("judge-form");
  var out = document.getElementById("judge-result");
  if (!form || !out) { return; }
  var event = form.getAttribute("data-event");
  var KEY = "accord-token";
  try { form.elements.token.value = window.sessionStorage.getItem(KEY) || ""; } catch (e) { /* storage off */ }

  function show(cls, text) {
    while (out.firstChild) { out.removeChild(out.firstChild); }
    var p = document.createElement("p");
    p.className = "notice " + cls;
    p.textContent = text;
    out.appendChild(p);
  }
  function busy(on) {
    var buttons = document.querySelectorAll("#judgements button, .judge-split");
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = on; }
  }
  function token() {
    var t = form.elements.token.value.trim();
    if (!t) { show("not-found", "Give the server's token first."); form.elements.token.focus(); return null; }
    try { window.sessionStorage.setItem(KEY, t); } catch (e) { /* storage off */ }
    return t;
  }
  function send(method, url, body, done) {
    var t = token();
    if (t === null) { return; }
    busy(true);
    show("", "Recording the judgement and reconciling the store…");
    var init = { method: method, headers: { "Authorization": "Bearer " + t } };
    if (body) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    fetch(url, init).then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, data: data }; });
    }).then(function (res) {
      busy(false);
      if (!res.ok) {
        var d = res.data.detail;
        show("not-found", "Not recorded: " + (typeof d === "string" ? d : "invalid request"));
        return;
      }
      done(res.data);
    }).catch(function () {
      busy(false);
      show("not-found", "The server did not answer.");
    });
  }
  function open(data) {
    var where = data.event || event;
    var note = (data.problems || []).concat(data.skipped || []);
    if (note.length) { try { window.sessionStorage.setItem("accord-judge-note", note.join("\n")); } catch (e) { /* */ } }
    var target = "/events/" + encodeURIComponent(where);
    if (window.location.pathname === target) {
      // The same event (its id kept its anchor mention): load it again, at the judgements.
      window.history.replaceState(null, "", target + "#judgements");
      window.location.reload();
    } else {
      window.location.assign(target + "#judgements");
    }
  }
  try {
    var note = window.sessionStorage.getItem("accord-judge-note");
    if (note) { window.sessionStorage.removeItem("accord-judge-note"); show("copy", "Not applied: " + note); }
  } catch (e) { /* storage off */ }

  var splits = document.querySelectorAll(".judge-split");
  for (var i = 0; i < splits.length; i++) {
    splits[i].addEventListener("click", function (ev) {
      var b = ev.currentTarget;
      send("POST", "/api/judgements/events/split", {
        event: event,
        mentions: [{ document: b.getAttribute("data-document"), start: Number(b.getAttribute("data-start")),
                     end: Number(b.getAttribute("data-end")), type: b.getAttribute("data-type") || null }]
      }, open);
    });
  }
  var withdraws = document.querySelectorAll(".judge-withdraw");
  for (var j = 0; j < withdraws.length; j++) {
    withdraws[j].addEventListener("click", function (ev) {
      var id = ev.currentTarget.getAttribute("data-id");
      send("DELETE", "/api/judgements/events/" + encodeURIComponent(id) + "?event=" + encodeURIComponent(event), null, open);
    });
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    send("POST", "/api/judgements/events/merge", { event: event, other: form.elements.other.value.trim() }, open);
  });
})();
