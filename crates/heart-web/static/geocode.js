// Place suggestions while the call-taker types where the person is: the server's own geocoder (nothing leaves the
// server), offered as a native <datalist> so keyboards and screen readers work as with any text field. Choosing a
// suggestion fills the map point; without this script the server places the words itself when the form is sent.
(function () {
  "use strict";
  var input = document.querySelector("input[data-geocode]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var status = document.getElementById("location-suggest-status");
  var lat = document.getElementById("location_lat");
  var lon = document.getElementById("location_lon");
  var timer = null, asked = "", found = [], filled = false;

  function say(text) { if (status) status.textContent = text; }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var chosen = null;
    found.forEach(function (c) { if (c.label === input.value) chosen = c; });
    if (chosen) {
      if (lat && lon) { lat.value = chosen.lat; lon.value = chosen.lon; filled = true; }
      say(status ? status.dataset.chosen.replace("%p", chosen.label) : "");
      return;
    }
    // Words changed after a suggestion was chosen: its point no longer fits them.
    if (filled && lat && lon) { lat.value = ""; lon.value = ""; filled = false; }
    var q = input.value.trim();
    if (q.length < 3 || q === asked) return;
    timer = setTimeout(function () {
      asked = q;
      fetch(input.dataset.geocode + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin", headers: { Accept: "application/json" }
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) {
          if (!d || !list) return;
          found = d.candidates || [];
          list.textContent = "";
          found.forEach(function (c) {
            var o = document.createElement("option");
            o.value = c.label;
            if (c.neighbourhood) o.label = c.neighbourhood;
            list.appendChild(o);
          });
          if (status) say(found.length ? status.dataset.some.replace("%n", found.length) : status.dataset.none);
        })
        .catch(function () {});
    }, 250);
  });
})();
