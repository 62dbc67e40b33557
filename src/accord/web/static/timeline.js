/* accord: the dyad timeline chart, drawn as inline SVG from the page's JSON.
 * x = date, y = intensity (-10 conflict .. +10 cooperation), colour = quad class,
 * radius = independent sources, hollow = not reported as having happened.
 * Every point is a link to its event; hover or keyboard focus shows the event.
 * Used on the dyad and actor pages (data in <script type="application/json" id="chart-data">).
 * All text goes through textContent: nothing from the data becomes markup. */
(function () {
  "use strict";
  var holder = document.getElementById("timeline-chart");
  var src = document.getElementById("chart-data");
  var tip = document.getElementById("chart-tip");
  if (!holder || !src) { return; }
  var events = JSON.parse(src.textContent || "[]");
  var NS = "http://www.w3.org/2000/svg";
  var HAPPENED = { asserted: 1, reported: 1, alleged: 1 };

  function parseDate(v) {
    if (!v) { return null; }
    var p = v.split("-").map(Number);
    if (p.length === 1) { return Date.UTC(p[0], 6, 1); }
    if (p.length === 2) { return Date.UTC(p[0], p[1] - 1, 15); }
    return Date.UTC(p[0], p[1] - 1, p[2]);
  }
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(e); }
    return e;
  }

  var all = events.map(function (e) {
    return { e: e, t: parseDate(e.date), y: (e.intensity === null || e.intensity === undefined) ? 0 : e.intensity };
  });
  var points = all.filter(function (p) { return p.t !== null; });
  // Undated events are drawn too, in their own lane at the right (by intensity).
  var undated = all.filter(function (p) { return p.t === null; });

  if (!points.length && !undated.length) {
    var p = document.createElement("p");
    p.className = "muted";
    p.textContent = "No dated events to draw.";
    holder.appendChild(p);
    return;
  }

  var W = Math.max(holder.clientWidth || 800, 480), H = 300;
  var LANE = undated.length ? 84 : 0;
  var m = { l: 44, r: 16 + LANE, t: 14, b: 30 };
  var now = Date.UTC(new Date().getUTCFullYear(), 0, 1);
  var t0 = points.length ? Math.min.apply(null, points.map(function (p) { return p.t; })) : now;
  var t1 = points.length ? Math.max.apply(null, points.map(function (p) { return p.t; })) : now;
  var DAY = 86400000;
  if (t1 - t0 < 60 * DAY) { t0 -= 45 * DAY; t1 += 45 * DAY; }
  var pad = (t1 - t0) * 0.04; t0 -= pad; t1 += pad;
  function x(t) { return m.l + (t - t0) / (t1 - t0) * (W - m.l - m.r); }
  function y(v) { return m.t + (10 - v) / 20 * (H - m.t - m.b); }

  var svg = el("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", "class": "timeline" }, holder);
  // Axes and grid.
  [-10, -5, 0, 5, 10].forEach(function (v) {
    el("line", { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v), "class": v === 0 ? "zero" : "grid" }, svg);
    var lab = el("text", { x: m.l - 6, y: y(v) + 4, "text-anchor": "end", "class": "axis" }, svg);
    lab.textContent = (v > 0 ? "+" : "") + v;
  });
  var y0 = new Date(t0).getUTCFullYear(), y1 = new Date(t1).getUTCFullYear();
  var monthly = (t1 - t0) < 800 * DAY;
  for (var yr = y0; yr <= y1; yr++) {
    for (var mo = 0; mo < 12; mo += (monthly ? 3 : 12)) {
      var t = Date.UTC(yr, mo, 1);
      if (t < t0 || t > t1) { continue; }
      el("line", { x1: x(t), x2: x(t), y1: m.t, y2: H - m.b, "class": mo === 0 ? "grid year" : "grid" }, svg);
      var tl = el("text", { x: x(t) + 3, y: H - m.b + 16, "class": "axis" }, svg);
      tl.textContent = mo === 0 ? String(yr) : yr + "-" + ("0" + (mo + 1)).slice(-2);
    }
  }
  if (LANE) {
    var lx = W - LANE + 4;
    el("rect", { x: lx, y: m.t, width: LANE - 8, height: H - m.t - m.b, "class": "undated-lane" }, svg);
    var ul = el("text", { x: lx + (LANE - 8) / 2, y: H - m.b + 16, "text-anchor": "middle", "class": "axis" }, svg);
    ul.textContent = "undated";
  }
  // Points; events on the same day and intensity are spread vertically (the
  // undated lane spreads them sideways).
  var seen = {};
  points.sort(function (a, b) { return a.t - b.t; });
  undated.forEach(function (p) { p.lane = true; });
  points.concat(undated).forEach(function (p) {
    var key = (p.lane ? "u" : p.t) + ":" + p.y;
    var k = seen[key] = (seen[key] || 0) + 1;
    var dy = p.lane ? 0 : (k - 1) * 9 * ((k % 2) ? 1 : -1);
    var px = p.lane ? W - LANE / 2 + ((k - 1) % 5 - 2) * 12 : x(p.t);
    var a = el("a", { href: "/events/" + encodeURIComponent(p.e.id), "class": "pt" }, svg);
    a.setAttribute("aria-label", p.e.type + " " + (p.e.date || "") + " " + p.e.label);
    var r = 4 + 2.2 * Math.sqrt(p.e.sources || 1);
    var c = el("circle", {
      cx: px, cy: y(p.y) + dy, r: r,
      "class": "q-" + (p.e.quad || "none") + (HAPPENED[p.e.modality] ? "" : " hollow"),
      "data-event": p.e.id
    }, a);
    function show(ev) {
      if (!tip) { return; }
      while (tip.firstChild) { tip.removeChild(tip.firstChild); }
      var h = document.createElement("b");
      h.textContent = p.e.type + " · " + (p.e.date || "undated") + (p.e.basis && p.e.basis !== "explicit" ? " (" + p.e.basis + ")" : "");
      var l = document.createElement("div");
      l.textContent = p.e.label + " · " + p.e.modality + " · " + (p.e.sources || 1) + " source(s)";
      tip.appendChild(h); tip.appendChild(l);
      if (p.e.sentence) {
        var s = document.createElement("q");
        s.textContent = p.e.sentence;
        tip.appendChild(s);
      }
      tip.hidden = false;
      var box = holder.getBoundingClientRect();
      var cb = c.getBoundingClientRect();
      var left = cb.left - box.left + cb.width + 8;
      if (left + 320 > box.width) { left = Math.max(0, cb.left - box.left - 330); }
      tip.style.left = left + "px";
      tip.style.top = (cb.top - box.top + holder.offsetTop) + "px";
      c.classList.add("hover");
    }
    function hide() { if (tip) { tip.hidden = true; } c.classList.remove("hover"); }
    a.setAttribute("data-quad", p.e.quad || "none");
    if (!HAPPENED[p.e.modality]) { a.setAttribute("data-not-happened", "1"); }
    a.addEventListener("mouseenter", show);
    a.addEventListener("focus", show);
    a.addEventListener("mouseleave", hide);
    a.addEventListener("blur", hide);
  });

  // Legend keys toggle a quad class (or the events that did not happen) on and off.
  var hidden = {};
  function refresh() {
    svg.querySelectorAll("a.pt").forEach(function (a) {
      var off = hidden["q:" + a.getAttribute("data-quad")] ||
        (hidden.notHappened && a.getAttribute("data-not-happened"));
      a.classList.toggle("off", !!off);
    });
  }
  document.querySelectorAll(".chart-legend button.key").forEach(function (b) {
    b.addEventListener("click", function () {
      var key = b.getAttribute("data-quad") ? "q:" + b.getAttribute("data-quad") : "notHappened";
      hidden[key] = !hidden[key];
      b.setAttribute("aria-pressed", hidden[key] ? "false" : "true");
      refresh();
    });
  });
})();
