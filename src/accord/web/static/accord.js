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
  // Sortable tables: each column header becomes a button; the rows shown are sorted
  // by that column (numbers as numbers, else as text), and aria-sort says how.
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      var label = th.textContent.trim();
      if (!label) { return; }
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "sort";
      btn.textContent = label;
      btn.title = "sort by " + label;
      th.textContent = "";
      th.appendChild(btn);
      btn.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(r) {
          var c = r.cells[col];
          var t = c ? (c.getAttribute("data-sort") || c.textContent).trim() : "";
          var n = Number(t.replace(/,/g, ""));
          return t !== "" && !isNaN(n) ? n : t.toLowerCase();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = (typeof x === typeof y) ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === "number" ? -1 : 1);
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
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
