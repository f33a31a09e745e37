/* The small map on a report's detail page: one pin at the report's place. */
(function () {
  "use strict";

  var element = document.getElementById("detail-map");
  var configElement = document.getElementById("map-config");
  if (!element || !configElement || typeof L === "undefined") {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var lat = parseFloat(element.getAttribute("data-lat"));
  var lon = parseFloat(element.getAttribute("data-lon"));
  if (isNaN(lat) || isNaN(lon)) {
    return;
  }
  // Only the pin matters here: no dragging traps for keyboard users scrolling past the map.
  var map = L.map(element, { keyboard: false, scrollWheelZoom: false, dragging: true }).setView([lat, lon], 17);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  }
  L.marker([lat, lon], {
    icon: L.divIcon({ html: "", className: "map-pin map-pin--detail", iconSize: L.point(22, 22) }),
    keyboard: false,
    interactive: false,
  }).addTo(map);
})();
