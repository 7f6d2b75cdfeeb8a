// "Problems only" hides clean articles, quiet rules and supported claims'
// passages; a claim with a finding scrolls to it when clicked.
document.getElementById("problems-only").addEventListener("change", function (event) {
  document.body.classList.toggle("problems-only", event.target.checked);
});
document.querySelectorAll("mark.claim[data-finding]").forEach(function (mark) {
  mark.addEventListener("click", function () {
    var target = document.getElementById(mark.dataset.finding);
    if (target) {
      location.hash = mark.dataset.finding;
    }
  });
});
