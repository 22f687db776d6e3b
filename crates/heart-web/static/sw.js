// The responder's service worker (scope /responder/). For now it shows the team's alerts: a push carries only a
// kind, a priority, a neighbourhood at most and a link, never a person's data; the words come from the page that
// turned alerts on, in the person's language (kept in this worker's cache), else plain English.
"use strict";
var WORDS = "/responder/words";
var ENGLISH = {
  new_request: "A new request is waiting.",
  assigned: "Your team has a request.",
  need_help: "A team asked for help.",
  checkin_lapsed: "A team on scene has not checked in.",
  shift_reminder: "You have a shift within a day. See the rota.",
  handover: "The last shift left a handover for you.",
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
