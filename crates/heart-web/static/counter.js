// The donation message's live counter: "12 of 150 characters". The field's maxlength stops typing at the limit;
// the counter tells a screen reader how much room is left.
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-counter]").forEach(function (field) {
    var out = document.getElementById(field.getAttribute("data-counter"));
    if (!out) return;
    var max = parseInt(out.getAttribute("data-max"), 10) || 150;
    var template = out.getAttribute("data-template") || "%n / %max";
    function update() {
      var n = Array.from(field.value).length;
      out.textContent = template.replace("%n", String(n)).replace("%max", String(max));
    }
    field.addEventListener("input", update);
    update();
  });
})();
