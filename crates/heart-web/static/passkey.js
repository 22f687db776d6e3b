// Passkeys, for browsers that have them (a code from the app always works, with or without JavaScript):
// - on the account page, "Add a passkey" asks this server for the options, has the browser make the passkey, and
//   sends it with the name given to it;
// - wherever a second factor is asked for (signing in, confirming an export, an erasure or a removal), "Use a
//   passkey" asks this server for a challenge, has the browser answer it, and sends the answer in the code field.
// Nothing leaves for another site; the options and answers are WebAuthn's JSON forms.
(function () {
  "use strict";
  var PKC = window.PublicKeyCredential;
  if (!PKC || !PKC.parseCreationOptionsFromJSON || !PKC.parseRequestOptionsFromJSON || !navigator.credentials) {
    return;
  }
  function post(url, csrf) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "csrf=" + encodeURIComponent(csrf)
    }).then(function (r) {
      if (!r.ok) throw new Error("refused");
      return r.json();
    });
  }
  function say(scope, words) {
    var status = scope.querySelector("[data-passkey-status]");
    if (!status) return;
    status.textContent = words;
    status.hidden = !words;
  }
  function ready() {
    document.querySelectorAll("[data-passkey-needs-js]").forEach(function (p) { p.hidden = true; });
    document.querySelectorAll("form[data-passkey-add]").forEach(function (form) {
      form.hidden = false;
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        if (!form.elements.name.value.trim()) { form.elements.name.focus(); return; }
        say(form, "");
        post("/account/passkeys/options", form.elements.csrf.value).then(function (o) {
          return navigator.credentials.create({ publicKey: PKC.parseCreationOptionsFromJSON(o.publicKey) });
        }).then(function (cred) {
          form.elements.passkey.value = JSON.stringify(cred.toJSON());
          form.submit();
        }).catch(function () { say(form, form.getAttribute("data-failed")); });
      });
    });
    document.querySelectorAll("button[data-passkey-use]").forEach(function (button) {
      var form = button.form;
      var field = document.getElementById(button.getAttribute("data-passkey-use"));
      if (!form || !field) return;
      var scope = button.closest(".field") || form;
      button.hidden = false;
      button.addEventListener("click", function () {
        say(scope, "");
        post(button.getAttribute("data-challenge"), form.elements.csrf.value).then(function (o) {
          return navigator.credentials.get({ publicKey: PKC.parseRequestOptionsFromJSON(o.publicKey) });
        }).then(function (cred) {
          field.value = JSON.stringify(cred.toJSON());
          form.submit();
        }).catch(function () { say(scope, button.getAttribute("data-failed")); });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready); else ready();
})();
