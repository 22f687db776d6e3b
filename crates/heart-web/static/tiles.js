// When the operator configured a map tile server: the same map (the same points: requests by block for everyone
// but their team) over real map tiles, with Leaflet, which is loaded only then. The server-drawn map stays in the
// page for screen readers (its title and description) and for anyone without JavaScript.
(function () {
  "use strict";
  var loading = null;

  function leaflet() {
    if (window.L) return Promise.resolve(window.L);
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = "/static/vendor/leaflet/leaflet.css";
      document.head.appendChild(css);
      var js = document.createElement("script");
      js.src = "/static/vendor/leaflet/leaflet.js";
      js.onload = function () { resolve(window.L); };
      js.onerror = reject;
      document.head.appendChild(js);
    });
    return loading;
  }

  var colours = { request: "#b3261e", focus: "#b3261e", team: "#0b5cad", base: "#1f6f3a" };

  function draw(el) {
    if (el.dataset.drawn) return;
    el.dataset.drawn = "1";
    var view;
    try { view = JSON.parse(el.dataset.view); } catch (e) { return; }
    leaflet().then(function (L) {
      el.classList.add("on");
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", view.title);
      var map = L.map(el, { scrollWheelZoom: false });
      L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
      var points = [];
      view.markers.forEach(function (m) {
        var c = colours[m.kind] || "#000";
        var marker = L.circleMarker([m.lat, m.lon], {
          radius: m.kind === "focus" ? 10 : 7, color: m.kind === "focus" ? "#000" : "#fff", weight: 2,
          fillColor: c, fillOpacity: 1
        }).bindTooltip(m.label).addTo(map);
        // A marker that leads somewhere opens it (the drawn map below has the same links for the keyboard).
        if (m.href) marker.on("click", function () { window.location.href = m.href; });
        points.push([m.lat, m.lon]);
      });
      if (view.route && view.route.length > 1) {
        L.polyline(view.route, { color: "#0b5cad", weight: 5 }).addTo(map);
        points = points.concat(view.route);
      }
      if (view.fit && points.length) {
        map.fitBounds(points, { padding: [30, 30], maxZoom: 17 });
      } else {
        map.fitBounds(view.bounds);
      }
      // The drawn map stays for screen readers; the tiled one is what sighted people look at.
      var svg = el.parentNode && el.parentNode.querySelector("svg.map");
      if (svg) svg.classList.add("visually-hidden");
    }).catch(function () { /* the server-drawn map is still there */ });
  }

  function scan(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".map-tiles[data-tiles]"), draw);
  }
  function start() {
    scan(document);
    // Live regions replace their contents: draw the new map.
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        Array.prototype.forEach.call(r.addedNodes, function (n) { if (n.querySelectorAll) scan(n.parentNode || n); });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
