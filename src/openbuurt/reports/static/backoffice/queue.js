/* Queue page: after htmx replaced the results, announce the new count to screen readers. */
(function () {
  "use strict";

  var live = document.getElementById("queue-live");
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (!live || !event.detail || !event.detail.target || event.detail.target.id !== "queue-results") {
      return;
    }
    var summary = document.querySelector("#queue-results [data-summary]");
    live.textContent = summary ? summary.textContent.replace(/\s+/g, " ").trim() : "";
  });
})();
