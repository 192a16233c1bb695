/* Small behaviours without inline script (the Content Security Policy forbids it):
   data-autosubmit on a select submits its form; data-print on a button prints the page;
   data-set-field="ID" data-set-value="V" on a button puts V into the field ID. */
(function () {
  "use strict";
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t && t.hasAttribute && t.hasAttribute("data-autosubmit") && t.form) { t.form.submit(); }
  });
  document.addEventListener("click", function (e) {
    var t = e.target && e.target.closest ? e.target.closest("[data-print]") : null;
    if (t) { e.preventDefault(); window.print(); return; }
    var b = e.target && e.target.closest ? e.target.closest("[data-set-field]") : null;
    var field = b ? document.getElementById(b.getAttribute("data-set-field")) : null;
    if (field) {
      e.preventDefault();
      field.value = b.getAttribute("data-set-value") || "";
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
})();
