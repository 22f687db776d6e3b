// "Use this device's location": only when the responder presses the button (their consent, each time). The
// panel is refreshed live, so the button is found by delegation rather than bound once.
(function () {
  "use strict";
  if (!navigator.geolocation) return;
  document.documentElement.classList.add("js-position");
  document.addEventListener("click", function (e) {
    var b = e.target;
    if (!b || b.id !== "position-device") return;
    var form = document.getElementById("position-form");
    if (!form) return;
    b.disabled = true;
    navigator.geolocation.getCurrentPosition(function (p) {
      form.querySelector("#position-lat").value = p.coords.latitude.toFixed(6);
      form.querySelector("#position-lon").value = p.coords.longitude.toFixed(6);
      form.submit();
    }, function () { b.disabled = false; }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
})();
