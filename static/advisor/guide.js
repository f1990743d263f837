// Progressive enhancement for the questionnaire and result pages (static file: CSP allows no inline script).
(function () {
  "use strict";

  // Copy-link buttons: shown only when the Clipboard API is there; without it the permalink field stays.
  function setUpCopy(root) {
    root.querySelectorAll("button.copy-link[data-copy]").forEach(function (button) {
      if (!navigator.clipboard || button.dataset.ready) return;
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var field = document.querySelector(button.dataset.copy);
        var status = button.parentElement.querySelector(".copy-status");
        navigator.clipboard.writeText(field.value).then(
          function () { if (status) status.textContent = "Link copied."; },
          function () { field.select(); if (status) status.textContent = "Press Ctrl+C to copy the selected link."; }
        );
      });
    });
  }

  // After HTMX swaps a question in, move focus to its heading so keyboard and screen-reader users follow.
  document.addEventListener("htmx:afterSwap", function (event) {
    var heading = event.detail.target && document.querySelector("#wizard h1");
    if (heading) heading.focus();
  });

  document.addEventListener("DOMContentLoaded", function () { setUpCopy(document); });
})();
