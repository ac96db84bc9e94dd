// A link to one divergence (#divergence-7, from the dashboard) opens it.
(function () {
  "use strict";
  function open() {
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    var details = target && target.querySelector("details");
    if (details) { details.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", open);
  open();
})();
