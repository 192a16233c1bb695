// Refuse, in the browser and before anything is sent, a file that is too large or of the
// wrong type, so that a resident on a slow line does not wait for a refusal and loses
// nothing typed. The limits and messages come from the form (data-* attributes); the
// server checks again.
(function () {
  "use strict";
  var TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"];
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    var note = document.createElement("p");
    note.className = "upload-error";
    note.setAttribute("role", "alert");
    note.hidden = true;
    input.insertAdjacentElement("afterend", note);
    input.addEventListener("change", function () {
      var max = parseInt(input.dataset.maxBytes, 10);
      var maxFiles = parseInt(input.dataset.maxFiles, 10);
      var problem = "";
      var files = Array.prototype.slice.call(input.files || []);
      if (files.length > maxFiles) problem = input.dataset.tooMany;
      files.forEach(function (file) {
        if (problem) return;
        if (file.size > max) problem = input.dataset.tooLarge.replace("{name}", file.name);
        else if (TYPES.indexOf(file.type) < 0)
          problem = input.dataset.wrongType.replace("{name}", file.name);
      });
      note.textContent = problem;
      note.hidden = !problem;
      input.setAttribute("aria-invalid", problem ? "true" : "false");
      if (problem) input.value = "";  // the other fields keep what was typed
    });
  });
})();
