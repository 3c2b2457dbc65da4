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

  // Seats and bags chosen on a form add their prices to the total it shows (the server prices them again).
  document.querySelectorAll("[data-running-total]").forEach(function (total) {
    var form = total.closest("form") || document;
    var base = Number(total.dataset.base), digits = Number(total.dataset.digits), currency = total.dataset.currency;
    var money = new Intl.NumberFormat(document.documentElement.lang, { style: "currency", currency: currency });
    var update = function () {
      var sum = base;
      form.querySelectorAll("select[data-priced]").forEach(function (select) {
        var option = select.options[select.selectedIndex];
        sum += option ? Number(option.dataset.price || 0) : 0;
      });
      // Miles pay part of the fare: an award all of it before taxes, miles towards it their value, never more.
      var miles = form.querySelector("input[name=miles_use]:checked");
      if (miles && miles.value === "award") sum -= Number(miles.dataset.off || 0);
      if (miles && miles.value === "part") {
        var amount = Number((form.querySelector("[name=miles_amount]") || {}).value || 0) || 0;
        sum -= Math.min(Math.max(0, Math.floor(amount * Number(miles.dataset.valuePerThousand) / 1000)), Number(miles.dataset.off || 0));
      }
      var text = money.format(sum / Math.pow(10, digits));
      document.querySelectorAll("[data-total-text]").forEach(function (node) { node.textContent = text; });
    };
    form.querySelectorAll("select[data-priced], input[name=miles_use], [name=miles_amount]").forEach(function (input) {
      input.addEventListener("change", update);
      input.addEventListener("input", update);
    });
    update();
  });

  // Analytics for the customer data platform: Segment's tracking API on this site's own /cdp, with the
  // browser's anonymous id. Events are batched and sent with keepalive, so a click that leaves the
  // page is not lost; the consent choice travels with every event.
  var body = document.body, writeKey = body.dataset.writeKey;
  if (writeKey) {
    var queue = [], timer = null, consentKey = "sp_consent";
    var consent = function () {
      try { return JSON.parse(localStorage.getItem(consentKey) || "null"); } catch (e) { return null; }
    };
    var id = function () {
      return (crypto.randomUUID && crypto.randomUUID()) || String(Date.now()) + Math.random().toString(16).slice(2);
    };
    var flush = function () {
      clearTimeout(timer); timer = null;
      if (!queue.length) return;
      var payload = JSON.stringify({ batch: queue.splice(0, 100), sentAt: new Date().toISOString(), writeKey: writeKey });
      fetch("/cdp/v1/batch", { method: "POST", keepalive: true, headers: { "Content-Type": "application/json" }, body: payload })
        .catch(function () {});
      if (queue.length) flush();
    };
    var send = function (type, fields) {
      var preferences = consent();
      var message = {
        type: type, messageId: fields.messageId || id(), anonymousId: body.dataset.anonymousId, userId: body.dataset.userId || null,
        timestamp: new Date().toISOString(),
        context: { page: { path: location.pathname, url: location.href, title: document.title, referrer: document.referrer },
                   locale: document.documentElement.lang, userAgent: navigator.userAgent,
                   library: { name: "skyport-web", version: "1" } }
      };
      if (preferences) message.context.consent = { categoryPreferences: preferences };
      for (var key in fields) if (key !== "messageId") message[key] = fields[key];
      queue.push(message);
      if (!timer) timer = setTimeout(flush, 250);
    };
    var properties = function (element) {
      try { return JSON.parse(element.dataset.properties || "{}"); } catch (e) { return {}; }
    };
    send("page", { name: document.title, properties: { path: location.pathname, title: document.title } });
    document.querySelectorAll("[data-track]").forEach(function (element) {
      send("track", { event: element.dataset.track, properties: properties(element), messageId: element.dataset.messageId });
    });
    document.addEventListener("click", function (event) {
      var target = event.target.closest && event.target.closest("a[data-track-click]");
      if (target) { send("track", { event: target.dataset.trackClick, properties: properties(target) }); flush(); }
    });
    document.addEventListener("change", function (event) {
      var target = event.target;
      if (target.dataset && target.dataset.trackClick && target.checked) send("track", { event: target.dataset.trackClick, properties: properties(target) });
    });
    addEventListener("pagehide", flush);

    // The consent question: asked on the first visit, and again from the footer whenever the visitor wants.
    var banner = document.querySelector("[data-consent]"), reopen = document.querySelector("[data-consent-open]");
    if (banner) {
      banner.querySelectorAll("[data-consent-choice]").forEach(function (button) {
        button.addEventListener("click", function () {
          var yes = button.dataset.consentChoice === "yes";
          localStorage.setItem(consentKey, JSON.stringify({ personalization: yes, marketing: false }));
          banner.hidden = true;
          if (reopen) reopen.hidden = false;
          send("track", { event: "Consent Updated", properties: { personalization: yes, marketing: false } });
          flush();
        });
      });
      if (consent() === null) banner.hidden = false;
      else if (reopen) reopen.hidden = false;
      if (reopen) reopen.addEventListener("click", function () { banner.hidden = false; reopen.hidden = true; });
    }
  }

  // Move focus to the summary of form errors so that screen readers announce it.
  var alertBox = document.querySelector("[data-focus]");
  if (alertBox) alertBox.focus();
  // Messages that arrive while the page is open (server-sent events).
  var live = document.querySelector("[data-live-messages]");
  if (live && window.EventSource) {
    var source = new EventSource(live.getAttribute("data-live-messages"));
    source.addEventListener("message", function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (error) { return; }
      var item = document.createElement("li");
      var details = document.createElement("details");
      var summary = document.createElement("summary");
      var subject = document.createElement("strong");
      subject.textContent = data.subject;
      summary.appendChild(subject);
      var body = document.createElement("pre");
      body.className = "message-body";
      body.textContent = data.body;
      details.appendChild(summary);
      details.appendChild(body);
      details.open = true;
      item.appendChild(details);
      item.setAttribute("data-live-message", data.id);
      var list = live.querySelector("[data-message-list]");
      list.insertBefore(item, list.firstChild);
      var empty = live.querySelector("[data-no-messages]");
      if (empty) empty.hidden = true;
      var notice = live.querySelector("[data-live-notice]");
      notice.textContent = live.getAttribute("data-new-label") + " " + data.subject;
      notice.hidden = false;
      var reload = live.querySelector("[data-reload]");
      if (reload) reload.hidden = false;
    });
  }
})();
