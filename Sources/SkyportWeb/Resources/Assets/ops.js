// Skyport command center: keeps the page's sections live over server-sent events (the server sends
// each section's new HTML only when it changed) and shows whether the page is live.
(function () {
  "use strict";
  var source = document.body.getAttribute("data-stream");
  var status = document.getElementById("updated");
  if (!source || !window.EventSource) { if (status) status.setAttribute("data-live", "off"); return; }
  var events = new EventSource(source);
  events.addEventListener("open", function () { status.setAttribute("data-live", "on"); });
  events.addEventListener("error", function () { status.setAttribute("data-live", "connecting"); });
  events.addEventListener("sections", function (event) {
    var sections = JSON.parse(event.data);
    Object.keys(sections).forEach(function (id) {
      var element = document.getElementById(id);
      if (!element) return;
      if (id === "updated") { element.textContent = sections[id]; return; }
      // The server escaped every value in this markup; it is the same markup the page was served with.
      element.innerHTML = sections[id];
    });
    status.setAttribute("data-live", "on");
  });
})();
