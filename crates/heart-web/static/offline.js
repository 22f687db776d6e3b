// The responder's view with no signal. The page registers the service worker (sw.js), gives each move, check-in and
// encounter a key and the phone's time, keeps them on the phone when there is no signal (outbox.js), shows them as
// waiting to send, and sends them in order when the signal comes back. What the server refuses because the request
// changed meanwhile is said plainly, keeping what was typed. "Need help" with no signal says at once that it could
// not be sent and offers a call to dispatch.
(function () {
  "use strict";
  var box = document.getElementById("outbox");
  if (!box || !self.heartOutbox) return;
  var out = self.heartOutbox;
  var d = box.dataset;
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/responder/sw.js", { scope: "/responder" }).catch(function () {});

  function uuid() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  }
  function field(form, name, value) {
    var i = form.querySelector("input[type=hidden][name=" + name + "]");
    if (!i) { i = document.createElement("input"); i.type = "hidden"; i.name = name; form.appendChild(i); }
    i.value = value;
  }
  function when(iso) {
    var t = new Date(iso);
    return isNaN(t) ? iso : t.toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  }
  function label(what) { return d["w" + what.replace(/_(.)/g, function (_, c) { return c.toUpperCase(); }).replace(/^./, function (c) { return c.toUpperCase(); })] || what; }
  function el(tag, text, cls) { var e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; }
  function show(sel, on) { document.querySelectorAll(sel).forEach(function (e) { e.hidden = !on; }); }
  function needHelpUnsent() {
    var n = document.getElementById("need-help-unsent");
    if (n) { n.hidden = false; n.scrollIntoView(); var a = n.querySelector("a"); if (a) a.focus(); }
  }

  // What waits, what was refused, and the page as it will be once they are sent.
  function render() {
    return Promise.all([out.all("outbox"), out.all("kept")]).then(function (r) {
      var waiting = r[0], refused = r[1];
      box.textContent = "";
      box.hidden = !waiting.length && !refused.length;
      if (waiting.length) {
        box.appendChild(el("h2", d.waiting));
        var ul = el("ul");
        waiting.forEach(function (w) { ul.appendChild(el("li", label(w.what) + " · " + d.doneAt.replace("{time}", when(w.device_at)) + " · " + d.waitingOne)); });
        box.appendChild(ul);
      }
      refused.forEach(function (k) {
        var p = el("div", "", "notice");
        p.setAttribute("role", "alert");
        p.appendChild(el("p", label(k.what) + " · " + d.doneAt.replace("{time}", when(k.device_at)) + ": " + (k.status === 409 || k.status === 404 ? d.noLonger : d.notSent)));
        var typed = new URLSearchParams(k.body);
        ["own_words", "actions"].forEach(function (f) {
          var v = typed.get(f);
          if (v) { p.appendChild(el("p", d.typed)); p.appendChild(el("blockquote", v)); }
        });
        if (k.what === "outreach" && d.reopen) {
          // A walk refused (a place the map does not know, a time out of range): back into the tally page, to fix.
          var again = el("button", d.reopen);
          again.type = "button";
          again.addEventListener("click", function () {
            var t = { codes: typed.get("codes") || "", people: typed.getAll("people"), kind: typed.getAll("kind") };
            ["place", "started_at", "ended_at", "people_reached", "conversations", "naloxone_given", "naloxone_used",
              "referrals", "asked_for_team"].forEach(function (f) { t[f] = typed.get(f) || ""; });
            var kinds = typed.getAll("item_kind"), ns = typed.getAll("item_n");
            kinds.forEach(function (kind, i) { t["item-" + kind] = ns[i] || "0"; });
            try { localStorage.setItem("heart-tally", JSON.stringify(t)); } catch (e) {}
            out.remove("kept", k.n).then(function () { location.assign("/responder/outreach"); });
          });
          p.appendChild(again);
        }
        var b = el("button", d.dismiss);
        b.type = "button";
        b.addEventListener("click", function () { out.remove("kept", k.n).then(render); });
        p.appendChild(b);
        box.appendChild(p);
      });
      if (waiting.some(function (w) { return w.what === "en_route"; })) show("[data-before-en-route]", false);
      if (waiting.some(function (w) { return w.what === "on_scene"; })) { show("[data-before-arrived]", false); show("[data-after-arrived]", true); }
      if (waiting.some(function (w) { return w.what === "encounter"; })) { show("[data-encounter]", false); show("[data-encounter-kept]", true); }
    }).catch(function () {});
  }

  var sending = false;
  function flush() {
    if (sending || !navigator.onLine) return Promise.resolve();
    sending = true;
    var sent = 0;
    function next() {
      return out.all("outbox").then(function (waiting) {
        if (!waiting.length) return "done";
        var w = waiting[0];
        return fetch(w.url, { method: "POST", credentials: "same-origin",
          headers: { "content-type": "application/x-www-form-urlencoded" }, body: w.body }).then(function (r) {
          var path = new URL(r.url, location.href).pathname;
          if (r.ok && path !== "/login") { sent++; return out.remove("outbox", w.n).then(next); }
          if (path === "/login" || r.status === 401 || r.status === 403) { box.dataset.state = "sign-in"; return "stop"; }
          if (r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429) {
            w.status = r.status;
            var n = w.n; delete w.n;
            return out.add("kept", w).then(function () { return out.remove("outbox", n); }).then(next);
          }
          return "stop";
        }, function () { return "stop"; });
      });
    }
    return next().then(function (how) {
      sending = false;
      if (how === "stop" && box.dataset.state === "sign-in") { render().then(function () { box.appendChild(el("p", d.signIn)); }); return; }
      return out.all("kept").then(function (refused) {
        if (sent && !refused.length && how === "done") location.replace("/responder");
        else render();
      });
    }, function () { sending = false; });
  }

  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (f.id === "need-help-form" && !navigator.onLine) { e.preventDefault(); e.stopImmediatePropagation(); needHelpUnsent(); return; }
    if (!f.hasAttribute("data-offline")) return;
    field(f, "device_key", uuid());
    field(f, "device_at", new Date().toISOString());
    if (navigator.onLine) return; // sent now; if the network fails on the way, the service worker keeps it
    e.preventDefault();
    var path = new URL(f.action, location.href).pathname;
    out.add("outbox", out.entry(path, new URLSearchParams(new FormData(f)).toString())).then(render);
  }, true);
  window.addEventListener("online", flush);
  if (/[?&]unsent=need-help/.test(location.search)) needHelpUnsent();
  render().then(flush);
  setInterval(flush, 30000);
})();
