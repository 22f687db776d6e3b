// Live updates for the board and the responder view. Pages work without this: it only refreshes fragments when
// the server says something changed. Events name what changed, never personal data; each fragment is fetched
// again, so access is checked again on every refresh.
(function () {
  "use strict";
  var regions = Array.prototype.slice.call(document.querySelectorAll("[data-live-src]"));
  var status = document.getElementById("live-status");
  var announce = document.getElementById("live-announce");
  if (!regions.length || !window.EventSource || !window.fetch) return;

  function refresh(el) {
    if (el.contains(document.activeElement) && document.activeElement !== document.body) {
      // Do not pull the page out from under someone who is using it; refresh when they leave it.
      el.dataset.livePending = "1";
      return Promise.resolve();
    }
    delete el.dataset.livePending;
    return fetch(el.dataset.liveSrc, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (r) {
        if (r.status === 401 || r.status === 403) { window.location.reload(); return null; }
        return r.ok ? r.text() : null;
      })
      .then(function (html) { if (html !== null) { el.innerHTML = html; } })
      .catch(function () {});
  }
  regions.forEach(function (el) {
    el.addEventListener("focusout", function () {
      setTimeout(function () { if (el.dataset.livePending && !el.contains(document.activeElement)) refresh(el); }, 0);
    });
  });
  function refreshAll() { regions.forEach(refresh); }
  function say(kind) {
    if (!announce) return;
    var key = "data-" + kind.replace(".", "-").replace("_", "-");
    var text = announce.getAttribute(key);
    if (text) { announce.textContent = ""; setTimeout(function () { announce.textContent = text; }, 50); }
  }

  var es = new EventSource("/events");
  var opened = false;
  es.onopen = function () {
    if (status) status.textContent = status.dataset.online;
    // On reconnect, catch up on anything missed while away.
    if (opened) refreshAll();
    opened = true;
    document.body.dataset.live = "on";
  };
  es.onerror = function () {
    if (status) status.textContent = status.dataset.offline;
    document.body.dataset.live = "off";
  };
  es.onmessage = function (m) {
    var ev;
    try { ev = JSON.parse(m.data); } catch (e) { return; }
    regions.forEach(function (el) {
      var kinds = (el.dataset.liveKinds || "").split(" ");
      if (ev.kind === "reload" || kinds.some(function (k) { return k && ev.kind.indexOf(k) === 0; })) refresh(el);
    });
    say(ev.kind);
  };
  // Ages ("12 min") move on even when nothing else does.
  setInterval(refreshAll, 60000);
})();
