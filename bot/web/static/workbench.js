// 网格通 工作台: keep the queue's folder counts fresh without reloading (every 30 s while the page is
// visible). Same origin only; the page works the same without it.
(function () {
  "use strict";
  var nav = document.querySelector("nav.folders[data-counts]");
  if (!nav) { return; }
  function refresh() {
    return fetch(nav.getAttribute("data-counts"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (counts) {
        if (!counts) { return; }
        Object.keys(counts).forEach(function (folder) {
          var badge = nav.querySelector('[data-count="' + folder + '"]');
          if (badge) {
            badge.textContent = String(counts[folder]);
            if (folder === "overdue") { badge.parentElement.classList.toggle("late", counts[folder] > 0); }
          }
        });
      })
      .catch(function () { /* offline for a moment: the next round tries again */ });
  }
  window.gridbotRefreshCounts = refresh;
  setInterval(function () { if (!document.hidden) { refresh(); } }, 30000);
})();

// 常用回复: choosing one on a ticket's reply form puts its text in the box, to send or change first.
(function () {
  "use strict";
  document.querySelectorAll("select[data-fills]").forEach(function (picker) {
    var box = document.getElementById(picker.getAttribute("data-fills"));
    if (!box) { return; }
    picker.addEventListener("change", function () {
      var chosen = picker.options[picker.selectedIndex];
      box.value = chosen.getAttribute("data-text") || "";
    });
  });
})();

// 亮灯图: reload the lights and figures every N seconds (data-refresh-every) while the page is visible, from
// this same page, and put them in place; the layer switches above them keep their state. Same origin only.
(function () {
  "use strict";
  var live = document.querySelector("[data-refresh-every]");
  if (!live || !window.fetch || !window.DOMParser) { return; }
  var seconds = Math.max(10, parseInt(live.getAttribute("data-refresh-every"), 10) || 60);
  function refresh() {
    return fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (answer) { return answer.ok && !answer.redirected ? answer.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(live.id);
        if (fresh) { live.innerHTML = fresh.innerHTML; }
      })
      .catch(function () { /* offline for a moment: the next round tries again */ });
  }
  window.gridbotRefreshMap = refresh;
  setInterval(function () { if (!document.hidden) { refresh(); } }, seconds * 1000);
})();
