/* The map of the report form: a Leaflet map with one draggable pin that fills the form's location fields.
   Loaded only as an enhancement: without JavaScript the form has an address field and coordinate fields. */
(function () {
  "use strict";

  window.OpenBuurt = window.OpenBuurt || {};

  function round(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  /* Create the map in `element`; `onMove(lat, lon, source)` is called whenever the pin is put somewhere. */
  window.OpenBuurt.createReportMap = function (element, config, strings, onMove) {
    if (typeof window.L === "undefined" || !element) {
      return null;
    }
    var L = window.L;
    var map = L.map(element, { zoomControl: true, keyboard: true, scrollWheelZoom: false, tap: true });
    var bounds = L.latLngBounds(config.bounds);
    map.fitBounds(bounds);
    map.setMaxBounds(bounds.pad(0.5));
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19, minZoom: 8 }).addTo(map);
    } else {
      element.classList.add("map--no-tiles");
    }
    /* District outlines help to find the way, above all when there is no background map. */
    if (config.areasUrl) {
      fetch(config.areasUrl, { headers: { Accept: "application/geo+json, application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (geojson) {
          if (geojson && geojson.features && geojson.features.length) {
            L.geoJSON(geojson, {
              interactive: false,
              style: { color: "#0b4a8b", weight: 2, opacity: 0.8, fill: !config.tileUrl, fillOpacity: 0.04 },
            }).addTo(map);
          }
        })
        .catch(function () {
          /* Outlines are decoration; the pin works without them. */
        });
    }
    var marker = null;
    /* Reports nearby: round dots in another colour than the resident's pin, so the two are never confused. */
    var nearbyLayer = L.layerGroup().addTo(map);

    function ensureMarker(latlng) {
      if (marker === null) {
        marker = L.marker(latlng, {
          draggable: true,
          keyboard: true,
          title: strings.pinTitle,
          alt: strings.pinTitle,
          autoPan: true,
        }).addTo(map);
        marker.on("dragend", function () {
          var moved = marker.getLatLng();
          onMove(round(moved.lat), round(moved.lng), "map");
        });
      } else {
        marker.setLatLng(latlng);
      }
    }

    function place(latlng, source) {
      ensureMarker(latlng);
      onMove(round(latlng.lat), round(latlng.lng), source);
    }

    map.on("click", function (event) {
      place(event.latlng, "map");
    });

    return {
      map: map,
      /* Put the pin at a point without telling onMove (the caller already knows). */
      show: function (lat, lon, zoom) {
        var latlng = L.latLng(lat, lon);
        ensureMarker(latlng);
        map.setView(latlng, zoom || Math.max(map.getZoom(), 17));
      },
      placeAtCentre: function () {
        place(map.getCenter(), "map");
      },
      placeAt: function (lat, lon, source, zoom) {
        var latlng = L.latLng(lat, lon);
        place(latlng, source);
        map.setView(latlng, zoom || Math.max(map.getZoom(), 17));
      },
      refresh: function () {
        map.invalidateSize();
      },
      /* Show `items` ({lat, lon, title}) as dots; `onSelect(index)` is called when one is clicked. */
      showNearby: function (items, onSelect) {
        nearbyLayer.clearLayers();
        items.forEach(function (item, index) {
          var dot = L.circleMarker([item.lat, item.lon], {
            radius: 9,
            color: "#1b1b1b",
            weight: 2,
            fillColor: "#e07a00",
            fillOpacity: 1,
            className: "nearby-dot",
            /* A click on a dot picks that report; it must not move the resident's pin. */
            bubblingMouseEvents: false,
          });
          dot.bindTooltip(item.title);
          dot.on("click", function () {
            onSelect(index);
          });
          nearbyLayer.addLayer(dot);
        });
      },
    };
  };
})();
