/* Behaviour of the pages, from data attributes: the Content-Security-Policy allows no inline
   script or event handler.
   - data-confirm="question" on a button or link: asks before it acts;
   - data-autosubmit on a select: submits its form on change;
   - data-navigate="/url/PLACEHOLDER/" on a select: opens the URL with the chosen value;
   - the blank layout preview: sizes and positions from data attributes, after every swap. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.hasAttribute("data-autosubmit") && select.form) {
      select.form.submit();
    } else if (select.hasAttribute("data-navigate")) {
      var url = select.getAttribute("data-navigate").replace("PLACEHOLDER", encodeURIComponent(select.value));
      window.location.href = url + (select.getAttribute("data-navigate-query") || "");
    }
  });

  function placeBlanks(root) {
    root.querySelectorAll("[data-blank-width]").forEach(function (sheet) {
      sheet.style.width = sheet.getAttribute("data-blank-width") + "mm";
      sheet.style.height = sheet.getAttribute("data-blank-height") + "mm";
      sheet.style.fontFamily = '"' + sheet.getAttribute("data-blank-font") + '", "Liberation Serif", "DejaVu Serif", serif';
      sheet.querySelectorAll(".field[data-x]").forEach(function (field) {
        field.style.left = field.getAttribute("data-x") + "mm";
        field.style.top = field.getAttribute("data-y") + "mm";
        field.style.fontSize = field.getAttribute("data-size") + "pt";
        field.style.width = field.getAttribute("data-width") + "mm";
        if (field.hasAttribute("data-bold")) { field.style.fontWeight = "bold"; }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { placeBlanks(document); });
  document.addEventListener("htmx:afterSwap", function (event) { placeBlanks(event.target); });
})();
