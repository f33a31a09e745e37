/* Queue page: after htmx replaced the results, announce the new count to screen readers. */
(function () {
  "use strict";

  // htmx copies "style" between old and new elements of the same id while settling; that writes an inline style
  // attribute, which the content security policy (style-src 'self') blocks. Nothing here animates styles.
  if (window.htmx) {
    window.htmx.config.attributesToSettle = ["class", "width", "height"];
    // The queue holds personal data (addresses): keep no page copies in localStorage; going back reloads instead.
    window.htmx.config.historyCacheSize = 0;
    window.htmx.config.refreshOnHistoryMiss = true;
  }

  var live = document.getElementById("queue-live");
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (!live || !event.detail || !event.detail.target || event.detail.target.id !== "queue-results") {
      return;
    }
    var summary = document.querySelector("#queue-results [data-summary]");
    live.textContent = summary ? summary.textContent.replace(/\s+/g, " ").trim() : "";
  });
})();
