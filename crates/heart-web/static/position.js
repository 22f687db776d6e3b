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

// "Need help": the press itself is the responder's consent to send this phone's location with the alert. The
// alert never waits long for it: after 3 seconds (or a refusal) it goes with the best position heart knows.
(function () {
  "use strict";
  if (!navigator.geolocation) return;
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form || form.id !== "need-help-form" || form.dataset.sending) return;
    var lat = form.querySelector("#need-help-lat");
    var lon = form.querySelector("#need-help-lon");
    if (!lat || !lon || lat.value) return;
    e.preventDefault();
    form.dataset.sending = "1";
    var sent = false;
    var send = function () {
      if (sent) return;
      sent = true;
      form.submit();
    };
    var timer = setTimeout(send, 3000);
    navigator.geolocation.getCurrentPosition(function (p) {
      clearTimeout(timer);
      lat.value = p.coords.latitude.toFixed(6);
      lon.value = p.coords.longitude.toFixed(6);
      send();
    }, function () { clearTimeout(timer); send(); }, { enableHighAccuracy: true, timeout: 3000, maximumAge: 30000 });
  });
})();
