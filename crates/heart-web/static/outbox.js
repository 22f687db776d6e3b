// What a responder's phone keeps while it has no signal (IndexedDB "heart"): "outbox", the actions waiting to be
// sent, in the order they were done, each with the key the phone made for it and the phone's time; "kept", those
// the server refused (the request changed meanwhile), so what was typed is not lost. Shared by the page and the
// service worker; emptied on sign-out (Clear-Site-Data).
(function (g) {
  "use strict";
  function open() {
    return new Promise(function (ok, fail) {
      var r = indexedDB.open("heart", 1);
      r.onupgradeneeded = function () {
        r.result.createObjectStore("outbox", { keyPath: "n", autoIncrement: true });
        r.result.createObjectStore("kept", { keyPath: "n", autoIncrement: true });
      };
      r.onsuccess = function () { ok(r.result); };
      r.onerror = function () { fail(r.error); };
    });
  }
  function tx(store, mode, fn) {
    return open().then(function (db) {
      return new Promise(function (ok, fail) {
        var t = db.transaction(store, mode);
        var req = fn(t.objectStore(store));
        t.oncomplete = function () { db.close(); ok(req ? req.result : undefined); };
        t.onerror = t.onabort = function () { db.close(); fail(t.error); };
      });
    });
  }
  // What a form sent to one of the responder's addresses was: a move, a check-in, the encounter or an outreach walk.
  function what(path, body) {
    if (path === "/responder/status") return new URLSearchParams(body).get("to") || "status";
    if (path === "/responder/check-in") return "check_in";
    if (path === "/responder/outreach") return "outreach";
    return "encounter";
  }
  g.heartOutbox = {
    entry: function (path, body) {
      var f = new URLSearchParams(body);
      return { url: path, body: body, what: what(path, body), device_at: f.get("device_at") || new Date().toISOString(),
        request: f.get("request") || "" };
    },
    add: function (store, entry) { return tx(store, "readwrite", function (s) { return s.add(entry); }); },
    all: function (store) { return tx(store, "readonly", function (s) { return s.getAll(); }); },
    remove: function (store, n) { return tx(store, "readwrite", function (s) { return s.delete(n); }); }
  };
})(self);
