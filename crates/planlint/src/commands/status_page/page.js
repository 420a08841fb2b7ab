// Filters and sorting for the plans list; the page reads in full without this script.
(function () {
  "use strict";
  var list = document.getElementById("plans");
  var form = document.getElementById("controls");
  var shown = document.getElementById("shown");
  if (!list || !form) return;
  var items = Array.prototype.slice.call(list.children);
  var status = document.getElementById("f-status");
  var stale = document.getElementById("f-stale");
  var text = document.getElementById("f-text");
  var sort = document.getElementById("f-sort");
  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  function num(el, key, none) {
    var v = el.getAttribute(key);
    return v === null || v === "" ? none : Number(v);
  }
  function apply() {
    var want = status.value;
    var q = text.value.trim().toLowerCase();
    var n = 0;
    items.forEach(function (el) {
      var ok = (!want || el.getAttribute("data-status-class") === want) &&
        (!stale.checked || el.getAttribute("data-stale") === "true") &&
        (!q || el.getAttribute("data-search").indexOf(q) !== -1);
      el.hidden = !ok;
      if (ok) n += 1;
    });
    var key = sort.value;
    var sorted = items.slice().sort(function (a, b) {
      if (key === "age") return num(b, "data-age", 1e9) - num(a, "data-age", 1e9) || cmp(a, b);
      if (key === "progress") return num(a, "data-progress", -1) - num(b, "data-progress", -1) || cmp(a, b);
      return cmp(a, b);
    });
    sorted.forEach(function (el) { list.appendChild(el); });
    shown.textContent = n + " of " + items.length + " plans shown";
  }
  function cmp(a, b) {
    var x = a.getAttribute("data-plan"), y = b.getAttribute("data-plan");
    return x < y ? -1 : x > y ? 1 : 0;
  }
  [status, stale, sort].forEach(function (el) { el.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  apply();
  document.documentElement.setAttribute("data-ready", "true");
})();
