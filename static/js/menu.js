// The header's menu button on narrow screens (core/templates/base.html). Without JavaScript the
// button stays hidden and the menu is always shown; with it, a phone sees the site name and one
// button, which opens and closes the menu (Enter/Space on the button, Escape inside the menu).
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  var toggle = header && header.querySelector(".menu-toggle");
  if (!toggle) {
    return;
  }

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("is-menu-open", open);
  }

  toggle.hidden = false;
  header.classList.add("has-menu-toggle");
  setOpen(false);
  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
})();
