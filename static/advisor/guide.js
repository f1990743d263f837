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
  // (Not after the leader box refreshes on a click: focus stays on the choice.)
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "wizard") return;
    var heading = document.querySelector("#wizard h1");
    if (heading) heading.focus();
  });

  // Choosing an answer writes it into this step's address and into the markup (htmx keeps a snapshot of the
  // markup for the back button, and a checked property is not markup): going back to this question, with the
  // browser's Back button, shows the answer chosen rather than a cleared question.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("#wizard .choices input[type=radio]")) return;
    input.form.querySelectorAll("input[type=radio]").forEach(function (other) {
      if (other.name === input.name) other.toggleAttribute("checked", other === input);
    });
    var url = new URL(window.location.href);
    var step = url.searchParams.get("step");
    url.searchParams.delete("step");
    url.searchParams.set(input.name, input.value);
    url.searchParams.set("step", step || input.name);
    history.replaceState(history.state, "", url.pathname + url.search);
  });

  // Printing expands every disclosure (the full breakdown, caveats, answers) and restores them afterwards.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  document.addEventListener("DOMContentLoaded", function () { setUpCopy(document); });
})();
