// The outreach tally: big "+" and "−" beside each count (a phone in a cold hand), and the tally kept on this phone
// while it is typed, so a page closed or reloaded on the walk loses nothing. Kept: the counts, the place, the times
// and who went; never the returning-person codes. Forgotten when the walk is sent (offline.js keeps what is sent
// with no signal until it goes; a walk it sent and the server refused comes back here, codes and all, to fix).
(function () {
  "use strict";
  var form = document.getElementById("tally-form");
  if (!form) return;
  var KEY = "heart-tally";
  function store() { try { return window.localStorage; } catch (e) { return null; } }
  function save() {
    var s = store();
    if (!s) return;
    var kept = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrf" || el.name === "codes" || el.type === "hidden") return;
      if (el.type === "checkbox" || el.type === "radio") { if (el.checked) (kept[el.name] = kept[el.name] || []).push(el.value); return; }
      kept[el.id || el.name] = el.value;
    });
    s.setItem(KEY, JSON.stringify(kept));
  }
  function restore() {
    var s = store();
    if (!s || document.getElementById("error-summary")) return;
    var kept;
    try { kept = JSON.parse(s.getItem(KEY) || "null"); } catch (e) { kept = null; }
    if (!kept) return;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrf" || el.type === "hidden") return;
      if (el.type === "checkbox" || el.type === "radio") { if (kept[el.name]) el.checked = kept[el.name].indexOf(el.value) >= 0; return; }
      var v = kept[el.id || el.name];
      if (typeof v === "string") el.value = v;
    });
    // Codes come back only with a walk the server refused (offline.js), and are not kept again.
    if (kept.codes) save();
  }
  function step(id, by) {
    var input = document.getElementById(id);
    if (!input) return;
    var n = parseInt(input.value, 10);
    if (isNaN(n)) n = 0;
    n = Math.max(0, Math.min(10000, n + by));
    input.value = String(n);
    save();
  }
  form.querySelectorAll(".count-less, .count-more").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { step(b.getAttribute("data-for"), b.classList.contains("count-more") ? 1 : -1); });
  });
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function () { var s = store(); if (s) s.removeItem(KEY); });
  restore();
})();
