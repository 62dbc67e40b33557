/* accord: small page helpers. No framework, no network, no innerHTML. */
(function () {
  "use strict";
  // "/" focuses the search box in the header (unless the user is typing somewhere).
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);
    if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      var box = document.querySelector("header .quick input[name=q]");
      if (box) { ev.preventDefault(); box.focus(); }
    }
  });
  // Document reader: bring the highlighted span (the evidence a link pointed at) into view.
  var focus = document.getElementById("focus");
  if (focus) {
    focus.scrollIntoView({ block: "center" });
    focus.classList.add("flash");
  }
  // Legend buttons hide or show one layer of highlights (events, actors, claims).
  document.querySelectorAll("#layers button[data-layer]").forEach(function (b) {
    b.addEventListener("click", function () {
      var doc = document.getElementById("doctext");
      if (!doc) { return; }
      var off = doc.classList.toggle("hide-" + b.getAttribute("data-layer"));
      b.setAttribute("aria-pressed", off ? "false" : "true");
    });
  });
  // Clicking an event span in the reader opens its side-list entry.
  var text = document.getElementById("doctext");
  if (text) {
    text.addEventListener("click", function (ev) {
      var el = ev.target.closest ? ev.target.closest("span.ev") : null;
      if (!el || ev.target.closest("a")) { return; }
      var key = el.getAttribute("data-ann");
      var item = key ? document.querySelector('aside a.jump[href="#' + key + '"]') : null;
      if (item) {
        item.parentNode.classList.add("flash");
        item.scrollIntoView({ block: "nearest" });
        setTimeout(function () { item.parentNode.classList.remove("flash"); }, 1500);
      }
    });
  }
})();
