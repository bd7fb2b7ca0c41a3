// The main menu's disclosure buttons (the phone menu and the role menus): a button with
// aria-expanded opens the element it controls. Escape closes and gives focus back to the
// button; a click or focus outside closes the role menus. Without JavaScript the menu simply
// stays open (see asar.css).
(function () {
  "use strict";
  function toggles() {
    return document.querySelectorAll("[data-menu-toggle]");
  }
  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function isGroup(button) {
    return button.classList.contains("nav-group-toggle");
  }
  function closeGroups(except) {
    toggles().forEach(function (b) {
      if (isGroup(b) && b !== except) setOpen(b, false);
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-menu-toggle]");
    if (button) {
      var open = button.getAttribute("aria-expanded") !== "true";
      if (isGroup(button)) closeGroups(button);
      setOpen(button, open);
      return;
    }
    if (!event.target.closest(".nav-group")) closeGroups(null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var inside = document.activeElement && document.activeElement.closest(".nav-group, .site-header");
    var open = Array.prototype.filter.call(toggles(), function (b) {
      return b.getAttribute("aria-expanded") === "true";
    });
    if (!open.length) return;
    // The innermost open menu closes first: a role menu, then the phone menu.
    var button = open.filter(isGroup)[0] || open[0];
    setOpen(button, false);
    if (inside) button.focus();
  });
  document.addEventListener("focusin", function (event) {
    var group = event.target.closest(".nav-group");
    toggles().forEach(function (b) {
      if (isGroup(b) && b.closest(".nav-group") !== group) setOpen(b, false);
    });
  });
})();
