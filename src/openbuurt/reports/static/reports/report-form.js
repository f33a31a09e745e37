/* Enhancements of the report form; the form works without them.
   - the map with a pin, address search and "use my location" (places API);
   - photo checks before sending (size, type, number), shown next to the field at once;
   - the emergency warning while typing (asks /api/v1/reports/urgency, so the rules live in one place);
   - each new place of the pin is announced as an "openbuurt:place" event (report-nearby.js lists reports there);
   - the send button is disabled after the first click, so a report is not sent twice. */
(function () {
  "use strict";

  function readJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : {};
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)[sd]/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  function fileSize(bytes) {
    if (bytes >= 1024 * 1024) {
      return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "") + " MB";
    }
    if (bytes >= 1024) {
      return Math.round(bytes / 1024) + " KB";
    }
    return bytes + " bytes";
  }

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function number(value) {
    var parsed = typeof value === "number" ? value : parseFloat(String(value || "").replace(",", "."));
    return isFinite(parsed) ? parsed : null;
  }

  /* Accept the shapes a geocoder answer may have: a list, {results: [...]}, or GeoJSON features. */
  function normaliseResults(data) {
    var list = Array.isArray(data) ? data : data && (data.results || data.features || data.items);
    if (!Array.isArray(list)) {
      list = data && typeof data === "object" ? [data] : [];
    }
    return list
      .map(function (item) {
        var props = item && item.properties ? item.properties : item || {};
        var lat = number(props.lat !== undefined ? props.lat : props.latitude);
        var lon = number(props.lon !== undefined ? props.lon : props.longitude);
        if ((lat === null || lon === null) && item && item.geometry && item.geometry.coordinates) {
          lon = number(item.geometry.coordinates[0]);
          lat = number(item.geometry.coordinates[1]);
        }
        return {
          lat: lat,
          lon: lon,
          label: props.label || props.display_name || props.address_text || props.name || props.weergavenaam || "",
          id: props.address_id || props.id || "",
        };
      })
      .filter(function (result) {
        return result.lat !== null && result.lon !== null && result.label;
      });
  }

  function init() {
    var form = document.getElementById("report-form");
    if (!form) {
      return;
    }
    var config = readJson("report-form-config");
    var strings = readJson("report-form-strings");
    var fields = {
      text: form.querySelector("#id_text"),
      address: form.querySelector("#id_address"),
      addressId: form.querySelector("#id_address_id"),
      lat: form.querySelector("#id_lat"),
      lon: form.querySelector("#id_lon"),
      source: form.querySelector("#id_location_source"),
      photos: form.querySelector("#id_photos"),
      photosError: form.querySelector("#id_photos_error"),
      acknowledged: form.querySelector("#id_emergency_acknowledged"),
    };

    var focusTarget = document.querySelector("[data-focus-on-load]");
    if (focusTarget) {
      focusTarget.focus();
    }

    setUpLocation(form, config, strings, fields);
    setUpPhotos(form, config, strings, fields);
    setUpUrgency(form, config, fields);
    setUpSubmit(form, strings);
  }

  /* ---- Location: map, address search, device location ------------------------------------------------ */

  function setUpLocation(form, config, strings, fields) {
    var tools = document.getElementById("map-tools");
    var status = document.getElementById("map-status");
    var searchButton = document.getElementById("address-search-button");
    var results = document.getElementById("address-results");
    var resultsList = document.getElementById("address-results-list");
    var resultsLabel = document.getElementById("address-results-label");
    var addressFromPin = false;
    var reverseRequest = 0;

    function say(message) {
      status.textContent = message;
    }

    function reverse(lat, lon) {
      var ticket = ++reverseRequest;
      var url = config.reverseUrl + "?lat=" + encodeURIComponent(lat) + "&lon=" + encodeURIComponent(lon);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          if (ticket !== reverseRequest || !data) {
            return;
          }
          if (data.inside_municipality === false) {
            say(strings.outside);
          }
          /* Without a geocoder hit the label is only an area name or coordinates: not an address. */
          var found = data.source === "" ? [] : normaliseResults(data);
          if (found.length === 0) {
            return;
          }
          if (!fields.address.value.trim() || addressFromPin) {
            fields.address.value = found[0].label;
            fields.addressId.value = found[0].id;
            addressFromPin = true;
          }
        })
        .catch(function () {
          /* The address is a courtesy: the point alone is enough for a report. */
        });
    }

    function moved(lat, lon, source) {
      fields.lat.value = lat;
      fields.lon.value = lon;
      fields.source.value = source;
      if (source !== "geocoder") {
        fields.addressId.value = "";
        reverse(lat, lon);
      }
      say(strings.pinPlaced);
      /* Other enhancements (the list of reports nearby) listen for the new place. */
      form.dispatchEvent(new CustomEvent("openbuurt:place", { detail: { lat: lat, lon: lon } }));
    }

    var mapElement = document.getElementById("report-map");
    tools.hidden = false;
    var reportMap = window.OpenBuurt && window.OpenBuurt.createReportMap
      ? window.OpenBuurt.createReportMap(mapElement, config, strings, moved)
      : null;
    window.OpenBuurt = window.OpenBuurt || {};
    window.OpenBuurt.reportMap = reportMap;
    if (reportMap === null) {
      tools.hidden = true;
    } else {
      var lat = number(fields.lat.value);
      var lon = number(fields.lon.value);
      if (lat !== null && lon !== null) {
        reportMap.show(lat, lon);
      }
      if (!config.tileUrl) {
        say(strings.noTiles);
      }
      document.getElementById("centre-pin-button").addEventListener("click", function () {
        reportMap.placeAtCentre();
      });
    }

    fields.address.addEventListener("input", function () {
      addressFromPin = false;
      fields.addressId.value = "";
    });

    var locateButton = document.getElementById("locate-button");
    if (!("geolocation" in navigator)) {
      locateButton.hidden = true;
    }
    locateButton.addEventListener("click", function () {
      if (!("geolocation" in navigator)) {
        say(strings.locateUnsupported);
        return;
      }
      say(strings.locating);
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var latitude = position.coords.latitude;
          var longitude = position.coords.longitude;
          if (reportMap) {
            reportMap.placeAt(latitude, longitude, "device", 18);
          } else {
            moved(Math.round(latitude * 1e6) / 1e6, Math.round(longitude * 1e6) / 1e6, "device");
          }
          say(strings.located);
        },
        function () {
          say(strings.locateFailed);
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });

    function choose(result) {
      fields.address.value = result.label;
      fields.addressId.value = result.id;
      addressFromPin = false;
      results.hidden = true;
      resultsList.textContent = "";
      if (reportMap) {
        reportMap.placeAt(result.lat, result.lon, "geocoder", 18);
      } else {
        moved(result.lat, result.lon, "geocoder");
      }
      fields.address.focus();
    }

    function search() {
      var query = fields.address.value.trim();
      if (query.length < 2) {
        return;
      }
      resultsList.textContent = "";
      results.hidden = false;
      resultsLabel.textContent = strings.searching;
      fetch(config.searchUrl + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("search failed");
          }
          return response.json();
        })
        .then(function (data) {
          var found = normaliseResults(data).slice(0, 8);
          if (found.length === 0) {
            resultsLabel.textContent = strings.noResults;
            return;
          }
          resultsLabel.textContent = format(strings.resultsFound, { count: found.length });
          found.forEach(function (result) {
            var item = document.createElement("li");
            var button = document.createElement("button");
            button.type = "button";
            button.className = "address-results__choice";
            button.textContent = result.label;
            button.addEventListener("click", function () {
              choose(result);
            });
            item.appendChild(button);
            resultsList.appendChild(item);
          });
        })
        .catch(function () {
          resultsLabel.textContent = strings.searchFailed;
        });
    }

    searchButton.hidden = false;
    searchButton.addEventListener("click", search);
    fields.address.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        search();
      }
    });
  }

  /* ---- Photos: check before sending ------------------------------------------------------------------- */

  function setUpPhotos(form, config, strings, fields) {
    if (!fields.photos) {
      return;
    }
    var serverMessage = fields.photosError.hidden ? "" : fields.photosError.innerHTML;

    function keptCount() {
      return form.querySelectorAll("input[name=keep_photos]:checked").length;
    }

    function check() {
      var problems = [];
      var files = Array.prototype.slice.call(fields.photos.files || []);
      files.forEach(function (file) {
        if (config.photoTypes.indexOf(file.type) === -1) {
          problems.push(format(strings.photoWrongType, { name: file.name }));
        } else if (file.size > config.maxPhotoBytes) {
          problems.push(
            format(strings.photoTooLarge, {
              name: file.name,
              size: fileSize(file.size),
              limit: fileSize(config.maxPhotoBytes),
            })
          );
        }
      });
      if (files.length + keptCount() > config.maxPhotos) {
        problems.push(format(strings.tooManyPhotos, { count: config.maxPhotos }));
      }
      var field = document.getElementById("field-photos");
      if (problems.length) {
        fields.photosError.textContent = "";
        problems.forEach(function (problem, index) {
          if (index) {
            fields.photosError.appendChild(document.createElement("br"));
          }
          fields.photosError.appendChild(document.createTextNode(problem));
        });
        fields.photosError.hidden = false;
        fields.photos.setAttribute("aria-invalid", "true");
        field.classList.add("field--error");
      } else {
        fields.photosError.innerHTML = serverMessage;
        fields.photosError.hidden = !serverMessage;
        fields.photos.removeAttribute("aria-invalid");
        field.classList.toggle("field--error", Boolean(serverMessage));
        serverMessage = "";
      }
      return problems.length === 0;
    }

    fields.photos.addEventListener("change", check);
    form.querySelectorAll("input[name=keep_photos]").forEach(function (box) {
      box.addEventListener("change", check);
    });
    form.addEventListener("submit", function (event) {
      if (!check()) {
        event.preventDefault();
        event.stopImmediatePropagation();
        fields.photos.focus();
      }
    });
  }

  /* ---- Emergency warning while typing ---------------------------------------------------------------- */

  function setUpUrgency(form, config, fields) {
    var live = document.getElementById("emergency-live");
    var template = document.getElementById("emergency-template");
    var confirm = document.getElementById("emergency-confirm");
    var serverWarned = Boolean(document.getElementById("emergency-alert"));
    var timer = null;
    var lastText = null;
    var shownReason = "";

    function show(reason) {
      if (shownReason === reason) {
        return;
      }
      shownReason = reason;
      live.textContent = "";
      var alert = template.content.firstElementChild.cloneNode(true);
      alert.querySelector("[data-emergency-reason]").textContent = reason;
      live.appendChild(alert);
      confirm.hidden = false;
    }

    function hide() {
      shownReason = "";
      live.textContent = "";
      if (!serverWarned && !fields.acknowledged.checked) {
        confirm.hidden = true;
      }
    }

    function ask() {
      var text = fields.text.value;
      if (text === lastText) {
        return;
      }
      lastText = text;
      if (text.trim().length < 4) {
        hide();
        return;
      }
      fetch(config.urgencyUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken(form) },
        body: JSON.stringify({ text: text.slice(0, 5000) }),
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (verdict) {
          if (!verdict || text !== fields.text.value) {
            return;
          }
          if (verdict.is_emergency) {
            show(verdict.reason);
          } else {
            hide();
          }
        })
        .catch(function () {
          /* Offline or failing: the server checks again when the report is sent. */
        });
    }

    fields.text.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 600);
    });
  }

  /* ---- Sending once ----------------------------------------------------------------------------------- */

  function setUpSubmit(form, strings) {
    var button = document.getElementById("submit-button");
    var label = button.textContent;
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) {
        return;
      }
      if (button.disabled) {
        event.preventDefault();
        return;
      }
      /* Disable after the browser has collected the form data, so the button's own value is still sent. */
      window.setTimeout(function () {
        button.disabled = true;
        button.textContent = strings.sending;
      }, 0);
    });
    window.addEventListener("pageshow", function () {
      button.disabled = false;
      button.textContent = label;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
