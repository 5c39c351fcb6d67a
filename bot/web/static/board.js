// 网格通 亮灯: reload the running month's board every minute while it is in view (same origin only;
// the page works the same without it).
(function () {
  "use strict";
  var head = document.querySelector("[data-refresh]");
  if (!head) { return; }
  var seconds = parseInt(head.getAttribute("data-refresh"), 10);
  if (!(seconds > 0)) { return; }
  setInterval(function () { if (!document.hidden) { window.location.reload(); } }, seconds * 1000);
})();
