/* "Is it one of these?" on the report form. Once the place (and perhaps the kind of problem) is known, list the
   open reports nearby (GET /api/v1/reports/nearby), show them as dots on the map, and let the resident follow one
   instead of sending the form. Following only sends a confirmation e-mail (POST /api/v1/reports/<number>/follow):
   the resident gets news after confirming through its link. Without JavaScript the form links to the server-made
   list at /melden/in-de-buurt/ instead. */
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

  function number(value) {
    var parsed = parseFloat(String(value || "").replace(",", "."));
    return isFinite(parsed) ? parsed : null;
  }

  function capitalise(text) {
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : "";
  }

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function init() {
    var form = document.getElementById("report-form");
    var section = document.getElementById("nearby");
    var dialog = document.getElementById("follow-dialog");
    if (!form || !section || !dialog) {
      return;
    }
    var config = readJson("report-form-config");
    var strings = readJson("report-form-strings");
    var language = document.documentElement.lang || "nl";
    var list = document.getElementById("nearby-list");
    var status = document.getElementById("nearby-status");
    var pageLink = document.getElementById("nearby-page-link");
    var fields = {
      lat: form.querySelector("#id_lat"),
      lon: form.querySelector("#id_lon"),
      category: form.querySelector("#id_category"),
      email: form.querySelector("#id_email"),
    };
    var items = [];
    var sent = {};
    var ticket = 0;
    var shownQuery = null;
    var timer = null;

    function formatDate(isoDate) {
      try {
        return new Date(isoDate + "T12:00:00").toLocaleDateString(language, {
          day: "numeric",
          month: "long",
          year: "numeric",
        });
      } catch (error) {
        return isoDate;
      }
    }

    function currentQuery() {
      var lat = number(fields.lat.value);
      var lon = number(fields.lon.value);
      if (lat === null || lon === null) {
        return "";
      }
      var query = "lat=" + encodeURIComponent(lat) + "&lon=" + encodeURIComponent(lon);
      if (fields.category && fields.category.value) {
        query += "&category=" + encodeURIComponent(fields.category.value);
      }
      return query;
    }

    /* ---- The list and the dots on the map ------------------------------------------------------------ */

    function select(index) {
      var button = list.querySelector("#nearby-item-" + index + " .nearby-item__follow");
      if (button) {
        button.scrollIntoView({ block: "center" });
        button.focus();
      }
    }

    function markSent(item) {
      var row = list.querySelector("[data-report='" + item.id + "']");
      if (row && !row.querySelector(".nearby-item__sent")) {
        row.querySelector(".nearby-item__body").appendChild(
          element("p", "nearby-item__sent", strings.followSentShort)
        );
      }
    }

    function row(item, index) {
      var entry = element("li", "nearby-item");
      entry.id = "nearby-item-" + index;
      entry.setAttribute("data-report", item.id);
      var dot = element("span", "nearby-item__dot");
      dot.setAttribute("aria-hidden", "true");
      var body = element("div", "nearby-item__body");
      body.appendChild(element("h3", "nearby-item__title", item.category));
      var distance =
        item.distance_m < 10 ? strings.nearbyClose : format(strings.nearbyDistance, { distance: item.distance_m });
      body.appendChild(
        element(
          "p",
          "nearby-item__meta",
          [
            item.id,
            capitalise(item.status_label),
            format(strings.nearbyReportedOn, { date: formatDate(item.created) }),
            distance,
          ].join(" · ")
        )
      );
      var button = element("button", "button button--secondary nearby-item__follow", strings.followButton);
      button.type = "button";
      var hidden = element("span", "visually-hidden", " " + item.id);
      button.appendChild(hidden);
      button.addEventListener("click", function () {
        openDialog(item, button);
      });
      entry.appendChild(dot);
      entry.appendChild(body);
      entry.appendChild(button);
      return entry;
    }

    function show(found) {
      items = found;
      list.textContent = "";
      var map = window.OpenBuurt && window.OpenBuurt.reportMap;
      if (map && map.showNearby) {
        map.showNearby(
          items.map(function (item) {
            return {
              lat: item.lat,
              lon: item.lon,
              title: format(strings.nearbyMarker, { number: item.id, category: item.category }),
            };
          }),
          select
        );
      }
      if (items.length === 0) {
        section.hidden = true;
        status.textContent = "";
        return;
      }
      items.forEach(function (item, index) {
        list.appendChild(row(item, index));
        if (sent[item.id]) {
          markSent(item);
        }
      });
      section.hidden = false;
      status.textContent =
        items.length === 1 ? strings.nearbyFoundOne : format(strings.nearbyFound, { count: items.length });
    }

    function update() {
      var query = currentQuery();
      pageLink.href = config.nearbyPageUrl + (query ? "?" + query : "");
      if (query === shownQuery) {
        return;
      }
      var mine = ++ticket;
      if (!query) {
        shownQuery = query;
        show([]);
        return;
      }
      fetch(config.nearbyUrl + "?" + query, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (found) {
          if (mine !== ticket || !Array.isArray(found)) {
            return;
          }
          shownQuery = query;
          show(found);
        })
        .catch(function () {
          /* The list is a courtesy: the form works without it. */
        });
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 250);
    }

    form.addEventListener("openbuurt:place", schedule);
    fields.lat.addEventListener("change", schedule);
    fields.lon.addEventListener("change", schedule);
    if (fields.category) {
      fields.category.addEventListener("change", schedule);
    }

    /* ---- Following one of them ----------------------------------------------------------------------- */

    var ask = document.getElementById("follow-form");
    var done = document.getElementById("follow-done");
    var title = document.getElementById("follow-dialog-title");
    var summary = document.getElementById("follow-dialog-summary");
    var emailField = document.getElementById("follow-email-field");
    var email = document.getElementById("follow-email");
    var error = document.getElementById("follow-email-error");
    var submit = document.getElementById("follow-submit");
    var doneTitle = document.getElementById("follow-done-title");
    var doneText = document.getElementById("follow-done-text");
    var current = null;
    var opener = null;
    var busy = false;

    function setError(message) {
      error.textContent = message;
      error.hidden = !message;
      emailField.classList.toggle("field--error", Boolean(message));
      if (message) {
        email.setAttribute("aria-invalid", "true");
        email.setAttribute("aria-describedby", "follow-email-error follow-email-hint");
      } else {
        email.removeAttribute("aria-invalid");
        email.setAttribute("aria-describedby", "follow-email-hint");
      }
    }

    function openDialog(item, button) {
      current = item;
      opener = button;
      title.textContent = format(strings.followTitle, { number: item.id });
      summary.textContent = item.category + " · " + capitalise(item.status_label);
      setError("");
      ask.hidden = false;
      done.hidden = true;
      dialog.setAttribute("aria-labelledby", "follow-dialog-title");
      if (!email.value && fields.email && fields.email.value.trim()) {
        email.value = fields.email.value.trim();
      }
      if (typeof dialog.showModal === "function") {
        dialog.showModal();
      } else {
        dialog.setAttribute("open", "");
      }
      email.focus();
    }

    function closeDialog() {
      if (typeof dialog.close === "function") {
        dialog.close();
      } else {
        dialog.removeAttribute("open");
        dialog.dispatchEvent(new Event("close"));
      }
    }

    function confirmSent(item, address) {
      sent[item.id] = true;
      markSent(item);
      doneText.textContent = format(strings.followSent, { email: address, number: item.id });
      ask.hidden = true;
      done.hidden = false;
      dialog.setAttribute("aria-labelledby", "follow-done-title");
      doneTitle.focus();
    }

    function firstError(data) {
      var messages = data && (data.email || data.detail);
      return Array.isArray(messages) ? messages[0] : messages || "";
    }

    ask.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy || current === null) {
        return;
      }
      var item = current;
      var address = email.value.trim();
      if (!address) {
        setError(strings.followEmailMissing);
        email.focus();
        return;
      }
      busy = true;
      submit.disabled = true;
      fetch(config.followUrl.replace("REPORT-ID", encodeURIComponent(item.id)), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken(form) },
        body: JSON.stringify({ email: address }),
      })
        .then(function (response) {
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (data) {
              return { status: response.status, data: data };
            });
        })
        .then(function (answer) {
          if (answer.status === 202) {
            confirmSent(item, address);
            return;
          }
          if (answer.status === 400) {
            setError(firstError(answer.data) || strings.followEmailMissing);
          } else if (answer.status === 404) {
            setError(strings.followGone);
          } else if (answer.status === 429) {
            setError(strings.followTooMany);
          } else {
            setError(strings.followFailed);
          }
          email.focus();
        })
        .catch(function () {
          setError(strings.followFailed);
        })
        .then(function () {
          busy = false;
          submit.disabled = false;
        });
    });

    document.getElementById("follow-cancel").addEventListener("click", closeDialog);
    document.getElementById("follow-close").addEventListener("click", closeDialog);
    dialog.addEventListener("close", function () {
      if (opener) {
        opener.focus();
      }
    });

    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
