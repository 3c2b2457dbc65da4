// Skyport: progressive enhancement only. Every form works without this file.
(function () {
  "use strict";

  // Airport suggestions from the API into each airport field's datalist.
  document.querySelectorAll("input[data-airport]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null, last = "";
    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (query.length < 2 || query === last) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        last = query;
        fetch("/v1/airports?query=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { data: [] }; })
          .then(function (body) {
            list.textContent = "";
            body.data.forEach(function (airport) {
              var option = document.createElement("option");
              option.value = airport.iata_code;
              option.label = airport.name + " (" + airport.iata_code + ")";
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 150);
    });
  });

  // The return date only matters for a round trip.
  var form = document.querySelector("[data-search-form]");
  if (form) {
    var returnField = form.querySelector("[data-return]");
    var sync = function () {
      var round = form.querySelector("input[name=trip]:checked");
      returnField.hidden = !(round && round.value === "round_trip");
    };
    form.querySelectorAll("[data-trip]").forEach(function (radio) { radio.addEventListener("change", sync); });
    sync();
  }

  // A submitted form is sent once: the button is disabled and says what is happening.
  document.querySelectorAll("form[data-once]").forEach(function (onceForm) {
    onceForm.addEventListener("submit", function (event) {
      if (onceForm.dataset.sent) { event.preventDefault(); return; }
      onceForm.dataset.sent = "1";
      var button = onceForm.querySelector("button[type=submit]");
      if (button) {
        if (button.dataset.busy) button.textContent = button.dataset.busy;
        setTimeout(function () { button.disabled = true; }, 0);
      }
    });
  });

  // Round trip: the return fares follow the fare type picked for the outbound flight.
  var roundTrip = document.querySelector("form[data-round-trip]");
  if (roundTrip) {
    roundTrip.addEventListener("change", function (event) {
      if (event.target.name !== "out") return;
      var brand = event.target.value.split("~")[1];
      roundTrip.querySelectorAll("input[name=ret]").forEach(function (radio) {
        radio.disabled = radio.value === "" || radio.value.split("~")[1] !== brand;
        if (radio.disabled) radio.checked = false;
      });
    });
  }

  // Print buttons appear only where printing can be started from the page.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Move focus to the summary of form errors so that screen readers announce it.
  var alertBox = document.querySelector("[data-focus]");
  if (alertBox) alertBox.focus();
})();
