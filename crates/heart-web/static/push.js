// Alerts on this device (the account page): the browser asks for permission only when the person presses the
// button; the device's subscription goes to this server alone (with the page's CSRF token), and the alerts' words,
// in the page's language, go to the service worker that shows them.
(function () {
  "use strict";
  var box = document.querySelector("[data-push]");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;
  var status = box.querySelector("[data-push-status]");
  var on = box.querySelector("[data-push-on]");
  var off = box.querySelector("[data-push-off]");
  var csrf = box.getAttribute("data-csrf");
  function say(words) { status.textContent = words; }
  function key(b64) {
    var pad = "=".repeat((4 - (b64.length % 4)) % 4);
    var raw = atob((b64 + pad).replace(/-/g, "+").replace(/_/g, "/"));
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  function post(url, fields) {
    var body = "csrf=" + encodeURIComponent(csrf);
    Object.keys(fields).forEach(function (k) { body += "&" + k + "=" + encodeURIComponent(fields[k]); });
    return fetch(url, { method: "POST", credentials: "same-origin", redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" }, body: body });
  }
  function registration() {
    return navigator.serviceWorker.register("/responder/sw.js", { scope: "/responder" }).then(function () {
      return navigator.serviceWorker.getRegistration("/responder");
    });
  }
  function words(reg) {
    var w = JSON.parse(box.getAttribute("data-words") || "{}");
    var worker = reg && (reg.active || reg.waiting || reg.installing);
    if (worker) worker.postMessage({ type: "words", words: w });
  }
  box.querySelector("[data-push-needs-js]").hidden = true;
  on.hidden = false;
  registration().then(function (reg) {
    return reg.pushManager.getSubscription().then(function (sub) {
      off.hidden = !sub;
      if (sub) words(reg);
    });
  }).catch(function () {});
  on.addEventListener("click", function () {
    say(box.getAttribute("data-asking"));
    Notification.requestPermission().then(function (p) {
      if (p !== "granted") throw new Error("denied");
      return registration();
    }).then(function (reg) {
      return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(box.getAttribute("data-key")) })
        .then(function (sub) {
          var j = sub.toJSON();
          return post("/account/push", { endpoint: j.endpoint, p256dh: j.keys.p256dh, auth: j.keys.auth }).then(function (r) {
            if (r.type !== "opaqueredirect" && !r.ok) throw new Error("refused");
            words(reg);
            location.assign("/account?done=push_on#push-h");
          });
        });
    }).catch(function (e) {
      say(box.getAttribute(e && e.message === "denied" ? "data-denied" : "data-failed"));
    });
  });
  off.addEventListener("click", function () {
    navigator.serviceWorker.getRegistration("/responder").then(function (reg) {
      return reg && reg.pushManager.getSubscription();
    }).then(function (sub) {
      if (!sub) return null;
      var endpoint = sub.endpoint;
      return sub.unsubscribe().then(function () { return post("/account/push/off", { endpoint: endpoint }); });
    }).then(function () {
      location.assign("/account?done=push_off#push-h");
    }).catch(function () { say(box.getAttribute("data-failed")); });
  });
})();
