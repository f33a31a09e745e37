/* Confirmation page: a button that copies the tracking link, where the browser allows it. */
(function () {
  "use strict";

  function init() {
    var button = document.getElementById("copy-link-button");
    var status = document.getElementById("copy-link-status");
    if (!button || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
        status.textContent = button.getAttribute("data-copied");
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
