// On every page, for people who use JavaScript (everything works without it):
// - the status message after a save is announced politely: it is put into its live region after the page has
//   loaded, which screen readers announce (text present at load is often not read out);
// - a form marked data-keep-scroll brings the page back to where it was after its redirect.
(function () {
  "use strict";
  var KEY = "heart-scroll:" + location.pathname;
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form && form.hasAttribute && form.hasAttribute("data-keep-scroll")) {
      try { sessionStorage.setItem(KEY, String(window.scrollY)); } catch (_) { /* private mode */ }
    }
  }, true);
  function ready() {
    var saved = null;
    try { saved = sessionStorage.getItem(KEY); sessionStorage.removeItem(KEY); } catch (_) { /* private mode */ }
    if (saved !== null && /[?&]done=/.test(location.search)) {
      // After the browser's own jump to the page's #anchor (the place to land without JavaScript).
      var y = parseInt(saved, 10) || 0;
      var restore = function () { setTimeout(function () { window.scrollTo(0, y); }, 0); };
      if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
    }
    var done = document.getElementById("done-message");
    if (done) {
      var words = done.getAttribute("data-message") || done.textContent;
      done.textContent = "";
      setTimeout(function () { done.textContent = words; }, 150);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready); else ready();
})();
