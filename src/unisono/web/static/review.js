// The review form: a criterion whose value departs from the automatic one needs a reason; the
// reason field is then marked required (the server checks it again).
(function () {
  "use strict";
  function same(value, automatic) {
    if (value === "" || value === automatic) { return true; }
    return value !== "na" && automatic !== "na" && parseFloat(value) === parseFloat(automatic);
  }
  // A reason field is shown where it is needed (a departure from the automatic value), where
  // a note helps (a criterion scored below "met" with no automatic value) or already written.
  function update(select) {
    var fieldset = select.closest("fieldset");
    var reason = fieldset && fieldset.querySelector("input.reason");
    if (!reason) { return; }
    var automatic = select.getAttribute("data-automatic");
    var departs = automatic !== null && !same(select.value, automatic);
    var below = automatic === null && select.value !== "" && select.value !== "1.0";
    fieldset.classList.toggle("departs", departs);
    fieldset.classList.toggle("noted", below || reason.value !== "");
    reason.required = departs;
  }
  var form = document.getElementById("scorecard-form");
  if (form) { form.classList.add("enhanced"); }
  document.querySelectorAll("#scorecard-form select").forEach(function (select) {
    update(select);
    select.addEventListener("change", function () { update(select); });
  });
})();
