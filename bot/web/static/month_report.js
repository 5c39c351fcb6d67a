// 月报: the 打印 button (shown only where this script runs) opens the browser's print dialog, where
// "另存为PDF" saves the page as a PDF. The page prints the same from the browser's own menu.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
