/* Our replacements for parts of the theme's behaviour (loaded on every page, deferred).

   The theme's own colour-scheme toggle and tooltips do their work for every element while a
   page loads: on our long, heavily cited pages that was 100-300 ms of main-thread time on a
   mid-range phone (make bench, README "Performance"). The code below does nothing at load
   except add a few listeners; each tooltip is built when it is asked for.

   - The navigation drawer button (overrides/partials/header.html): opens and closes the
     theme's drawer, keeps aria-expanded true, moves focus in and back out.
   - The light/dark button (header.html sets the scheme before the first paint).
   - Opening collapsed blocks for printing on the print edition, which has no theme bundle.
   - Tooltips for abbreviations (the expansion) and citations (the reference), on hover and on
     keyboard focus, following WCAG 1.4.13: Escape dismisses them, the pointer can move onto
     them, and they stay until the pointer or focus leaves. */
(function () {
  "use strict";

  // ---- navigation drawer ----------------------------------------------------------------
  var drawer = document.getElementById("__drawer");
  var drawerButton = document.querySelector("[data-md-drawer-button]");

  function syncDrawer() {
    drawerButton.setAttribute("aria-expanded", String(drawer.checked));
  }

  if (drawer && drawerButton) {
    drawerButton.addEventListener("click", function () {
      drawer.click();
      syncDrawer();
      if (drawer.checked) {
        var links = document.querySelectorAll(".md-sidebar--primary a[href]");
        for (var i = 0; i < links.length; i++) {
          if (links[i].getClientRects().length) { links[i].focus(); break; }
        }
      }
    });
    drawer.addEventListener("change", syncDrawer);
  }

  // The theme's copy-button bar on code blocks is an unnamed <nav>, one per block: not a
  // landmark worth listing (axe landmark-unique). The theme adds the bars after this runs.
  new MutationObserver(function () {
    document.querySelectorAll(".md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }).observe(document.body, {childList: true, subtree: true});

  // ---- light / dark -----------------------------------------------------------------------
  var schemeButton = document.querySelector("[data-scheme-toggle]");

  function applyScheme(scheme) {
    var data = schemeButton.dataset;
    document.body.setAttribute("data-md-color-scheme", scheme);
    schemeButton.setAttribute("aria-label", scheme === data.dark ? data.darkLabel : data.lightLabel);
  }

  if (schemeButton) {
    schemeButton.addEventListener("click", function () {
      var data = schemeButton.dataset;
      var next = document.body.getAttribute("data-md-color-scheme") === data.dark ? data.light : data.dark;
      applyScheme(next);
      __md_set("__scheme", next);  // the theme's helper: per-site localStorage, errors ignored
    });
    // Until the reader chooses, follow the system's setting, also when it changes.
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function (event) {
      var stored = null;
      try { stored = __md_get("__scheme"); } catch (error) { /* storage blocked */ }
      if (!stored) applyScheme(event.matches ? schemeButton.dataset.dark : schemeButton.dataset.light);
    });
  }

  // ---- printing where the theme's bundle is left out (overrides/print.html) -------------
  // The theme opens collapsed blocks for printing; without its bundle, this does.
  if (typeof window.document$ === "undefined") {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (details) {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.splice(0).forEach(function (details) { details.open = false; });
    });
  }

  // ---- tooltips ---------------------------------------------------------------------------
  var TARGETS = "article abbr[title], article abbr[data-title], article a.footnote-ref";
  var MARGIN = 8;  // px between the tooltip and the viewport's edges or its element
  var tip = null;
  var owner = null;
  var hideTimer = 0;

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "tooltip";
      tip.className = "tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("mouseenter", cancelHide);
      tip.addEventListener("mouseleave", scheduleHide);
      document.body.appendChild(tip);
    }
    return tip;
  }

  function targetOf(node) {
    return node instanceof Element ? node.closest(TARGETS) : null;
  }

  // The reference a citation points to, as inert text: no links, ids or back-links.
  function referenceOf(link) {
    var item = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!item) return null;
    var copy = item.cloneNode(true);
    copy.querySelectorAll(".footnote-backref").forEach(function (a) { a.remove(); });
    copy.querySelectorAll("a").forEach(function (a) {
      var span = document.createElement("span");
      span.append.apply(span, Array.prototype.slice.call(a.childNodes));
      a.replaceWith(span);
    });
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    copy.removeAttribute("id");
    return copy;
  }

  function show(element) {
    cancelHide();
    if (owner === element) return;
    hide();
    var box = tooltip();
    box.replaceChildren();
    if (element.tagName === "ABBR") {
      box.className = "tooltip";
      box.textContent = element.getAttribute("title") || element.getAttribute("data-title");
      // The tooltip replaces the browser's own title tip; the title comes back on hide.
      element.setAttribute("data-title", box.textContent);
      element.removeAttribute("title");
    } else {
      var reference = referenceOf(element);
      if (!reference) return;
      box.className = "tooltip tooltip--reference";
      box.append.apply(box, Array.prototype.slice.call(reference.childNodes));
    }
    owner = element;
    element.setAttribute("aria-describedby", box.id);
    box.hidden = false;
    place(element, box);
  }

  // Below the element, or above it when there is no room below; never past either side.
  function place(element, box) {
    var around = element.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    box.style.left = "0px";
    box.style.top = "0px";
    var size = box.getBoundingClientRect();
    var left = around.left + around.width / 2 - size.width / 2;
    left = Math.max(MARGIN, Math.min(left, width - MARGIN - size.width));
    var top = around.bottom + MARGIN;
    if (top + size.height > window.innerHeight && around.top - MARGIN - size.height > 0) {
      top = around.top - MARGIN - size.height;
    }
    box.style.left = Math.round(left + window.scrollX) + "px";
    box.style.top = Math.round(top + window.scrollY) + "px";
  }

  function hide() {
    cancelHide();
    if (!owner) return;
    if (owner.hasAttribute("data-title")) {
      owner.setAttribute("title", owner.getAttribute("data-title"));
      owner.removeAttribute("data-title");
    }
    owner.removeAttribute("aria-describedby");
    owner = null;
    tip.hidden = true;
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = window.setTimeout(hide, 200);  // time to move the pointer onto the tooltip
  }

  function cancelHide() {
    window.clearTimeout(hideTimer);
  }

  document.addEventListener("mouseover", function (event) {
    var target = targetOf(event.target);
    if (target) show(target);
    else if (owner && !(tip && tip.contains(event.target)) && owner !== document.activeElement) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var target = targetOf(event.target);
    if (target) show(target);
    else hide();
  });
  document.addEventListener("focusout", function (event) {
    if (owner && event.target === owner) scheduleHide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (owner) {
      hide();
    } else if (drawer && drawerButton && drawer.checked) {
      drawer.click();
      syncDrawer();
      drawerButton.focus();
    }
  });
})();
