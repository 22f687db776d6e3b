// The responder's service worker (scope /responder). It keeps the responder's view working with no signal: the
// last view of /responder is kept (and forgotten when the person is signed out), a move, a check-in or the
// encounter sent with no signal is kept in IndexedDB to be sent later (outbox.js), and "need help" that could not
// be sent says so at once. It shows the team's alerts: a push carries only a kind, a priority, a neighbourhood at
// most and a link, never a person's data; the words come from the page that turned alerts on, in the person's
// language (kept in this worker's cache), else plain English.
"use strict";
importScripts("/static/outbox.js");
var VIEW = "heart-view";
var ASSETS = ["/static/heart.css", "/static/page.js", "/static/live.js", "/static/position.js", "/static/tiles.js",
  "/static/offline.js", "/static/outbox.js", "/static/tally.js"];
var KEPT_WHEN_OFFLINE = ["/responder", "/responder/status", "/responder/check-in", "/responder/outreach"];
// The pages kept for a time with no signal: the responder's view and the outreach tally.
var VIEWS = ["/responder", "/responder/outreach"];

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(VIEW).then(function (c) {
    return Promise.all(ASSETS.map(function (a) { return c.add(a).catch(function () {}); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(self.clients.claim());
});

function view(request, path) {
  return fetch(request).then(function (r) {
    return caches.open(VIEW).then(function (c) {
      // Sent elsewhere (the sign-in page): the person is signed out, and the kept view goes.
      if (r.type === "opaqueredirect" || r.redirected) return c.delete(path).then(function () { return r; });
      if (r.ok) return c.put(path, r.clone()).then(function () { return r; });
      return r;
    });
  }, function () {
    return caches.open(VIEW).then(function (c) { return c.match(path); }).then(function (kept) {
      return kept || new Response("<!doctype html><meta charset=utf-8><title>HEART</title><p>No signal, and nothing kept on this phone yet.</p>",
        { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
    });
  });
}

function kept(request, path) {
  var copy = request.clone();
  return fetch(request).catch(function () {
    return copy.text().then(function (body) {
      return self.heartOutbox.add("outbox", self.heartOutbox.entry(path, body));
    }).then(function () { return Response.redirect("/responder?kept=1", 303); });
  });
}

self.addEventListener("fetch", function (e) {
  var url = new URL(e.request.url);
  if (url.origin !== self.location.origin) return;
  var path = url.pathname;
  if (e.request.method === "POST" && e.request.mode === "navigate") {
    if (KEPT_WHEN_OFFLINE.indexOf(path) >= 0) e.respondWith(kept(e.request, path));
    else if (path === "/responder/need-help") e.respondWith(fetch(e.request).catch(function () {
      return Response.redirect("/responder?unsent=need-help", 303);
    }));
    return;
  }
  if (e.request.method !== "GET") return;
  if (VIEWS.indexOf(path) >= 0 && e.request.mode === "navigate") {
    e.respondWith(view(e.request, path));
  } else if (ASSETS.indexOf(path) >= 0) {
    e.respondWith(caches.open(VIEW).then(function (c) {
      var net = fetch(e.request).then(function (r) {
        if (r.ok) c.put(path, r.clone());
        return r;
      });
      return c.match(path).then(function (hit) {
        if (hit) { net.catch(function () {}); return hit; }
        return net;
      });
    }));
  }
});

var WORDS = "/responder/words";
var ENGLISH = {
  new_request: "A new request is waiting.",
  assigned: "Your team has a request.",
  need_help: "A team asked for help.",
  checkin_lapsed: "A team on scene has not checked in.",
  shift_reminder: "You have a shift within a day. See the rota.",
  handover: "The last shift left a handover for you.",
  supplies: "Some supplies are low or expire soon. See the supplies page.",
  rota_strain: "A shift goes past someone's hours or rest. See the rota.",
  priority: "Priority",
  title: "HEART"
};

function words() {
  return caches.open("heart-words").then(function (c) {
    return c.match(WORDS);
  }).then(function (r) {
    return r ? r.json() : ENGLISH;
  }).catch(function () { return ENGLISH; });
}

self.addEventListener("message", function (e) {
  if (e.data && e.data.type === "words" && e.data.words) {
    e.waitUntil(caches.open("heart-words").then(function (c) {
      return c.put(WORDS, new Response(JSON.stringify(e.data.words), { headers: { "content-type": "application/json" } }));
    }));
  }
});

self.addEventListener("push", function (e) {
  var data = {};
  try { data = e.data ? e.data.json() : {}; } catch (_) { data = {}; }
  e.waitUntil(words().then(function (w) {
    var body = w[data.kind] || ENGLISH[data.kind] || ENGLISH.new_request;
    var more = [];
    if (data.priority) more.push((w.priority || ENGLISH.priority) + " " + data.priority);
    if (data.neighbourhood) more.push(data.neighbourhood);
    if (more.length) body += " " + more.join(" · ");
    var link = typeof data.link === "string" && data.link.charAt(0) === "/" ? data.link : "/responder";
    return self.registration.showNotification(w.title || ENGLISH.title, {
      body: body,
      tag: data.kind || "heart",
      renotify: true,
      requireInteraction: data.kind === "need_help",
      data: { link: link }
    });
  }));
});

self.addEventListener("notificationclick", function (e) {
  e.notification.close();
  var link = (e.notification.data && e.notification.data.link) || "/responder";
  e.waitUntil(self.clients.matchAll({ type: "window" }).then(function (list) {
    for (var i = 0; i < list.length; i++) {
      if (new URL(list[i].url).pathname === link && "focus" in list[i]) return list[i].focus();
    }
    return self.clients.openWindow(link);
  }));
});
