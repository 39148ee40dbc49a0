// The console's one script (no inline scripts: the CSP forbids them). Pages work without it;
// it only adds conveniences. Hooks are data attributes, so views need no script of their own.
(function () {
  "use strict";

  // <form data-confirm="Question?"> asks before submitting (e.g. revoking a key, disabling an account).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form instanceof HTMLFormElement ? form.getAttribute("data-confirm") : null;
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // <time datetime="…" data-local> shows the instant in the reader's own clock.
  function localTimes(root) {
    root.querySelectorAll("time[data-local]").forEach(function (el) {
      var at = new Date(el.getAttribute("datetime"));
      if (!isNaN(at.getTime())) {
        el.textContent = at.toLocaleString(document.documentElement.lang === "en" ? "en-GB" : "vi-VN");
      }
    });
  }

  // <button data-copy="text"> copies a value (an iCal link, a new key) to the clipboard.
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-copy]") : null;
    if (button && navigator.clipboard) {
      navigator.clipboard.writeText(button.getAttribute("data-copy"));
      button.setAttribute("data-copied", "true");
    }
  });

  window.IncidentConsole = { localTimes: localTimes };
  document.addEventListener("DOMContentLoaded", function () { localTimes(document); });
})();
