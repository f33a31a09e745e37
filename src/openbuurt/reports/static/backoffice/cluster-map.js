/* Clustered map of reports (back-office queue map and the public map).
   Reads its settings from the JSON in #map-config, fetches the GeoJSON points from config.dataUrl and clusters
   them with Leaflet.markercluster. Without JavaScript the page still offers the list of the same reports. */
(function () {
  "use strict";

  var container = document.getElementById("cluster-map");
  var configElement = document.getElementById("map-config");
  if (!container || !configElement || typeof L === "undefined") {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var strings = config.strings || {};
  var status = document.getElementById("map-status");

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function format(template, count) {
    return String(template).replace("%(count)s", count.toLocaleString(document.documentElement.lang || "nl"));
  }

  // markercluster needs a maximum zoom on the map itself, also when no tile layer sets one.
  var map = L.map(container, { keyboard: true, maxZoom: 19 });
  map.fitBounds(config.bounds);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  }

  var clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    chunkedLoading: true,
    iconCreateFunction: function (cluster) {
      var count = cluster.getChildCount();
      var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
      return L.divIcon({
        html: "<span>" + count + "</span>",
        className: "map-cluster map-cluster--" + size,
        iconSize: L.point(40, 40),
      });
    },
  });

  function popup(properties) {
    var box = document.createElement("div");
    var title = document.createElement("p");
    var strong = document.createElement("strong");
    if (config.detailUrl) {
      var link = document.createElement("a");
      link.href = config.detailUrl.replace("REPORT-ID", encodeURIComponent(properties.id));
      link.textContent = properties.id;
      strong.appendChild(link);
    } else {
      strong.textContent = properties.id;
    }
    title.appendChild(strong);
    box.appendChild(title);
    [properties.category, properties.status_label, (strings.received || "") + " " + properties.created].forEach(
      function (text) {
        var line = document.createElement("p");
        line.textContent = text;
        box.appendChild(line);
      }
    );
    return box;
  }

  function marker(feature) {
    var coordinates = feature.geometry.coordinates;
    var properties = feature.properties;
    var icon = L.divIcon({
      html: "",
      className: "map-pin map-pin--" + properties.status,
      iconSize: L.point(18, 18),
    });
    var item = L.marker([coordinates[1], coordinates[0]], {
      icon: icon,
      title: properties.id + " – " + properties.category + " – " + properties.status_label,
      alt: properties.id,
    });
    item.bindPopup(popup(properties));
    return item;
  }

  say(strings.loading || "");
  fetch(config.dataUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    })
    .then(function (data) {
      var features = data.features || [];
      clusters.addLayers(features.map(marker));
      map.addLayer(clusters);
      if (!features.length) {
        say(strings.none || "");
      } else if (data.capped) {
        say(format(strings.capped || "", features.length));
      } else {
        say(format(strings.shown || "", features.length));
      }
      if (features.length) {
        var bounds = clusters.getBounds();
        if (bounds.isValid()) {
          map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] });
        }
      }
    })
    .catch(function (error) {
      say(strings.failed || "");
      if (window.console) {
        window.console.error("map data failed:", error);
      }
    });
})();
