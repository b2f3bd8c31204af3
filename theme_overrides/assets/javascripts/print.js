// On paper, a notice carries its own address at the foot of every page and the page number:
// the address is only known here (the site may be served under any host), so it is written
// into an @page rule when the page loads.
(function () {
  "use strict";
  if (!document.querySelector(".vb-notice")) return;
  var address = location.href.split("#")[0];
  var style = document.createElement("style");
  style.media = "print";
  style.textContent = "@page { @bottom-left { content: " + JSON.stringify(address) +
    "; font: 9pt serif; } @bottom-right { content: counter(page) \"/\" counter(pages); font: 9pt serif; } }";
  document.head.appendChild(style);
})();
