// tolk: small enhancements over pages that work without JavaScript:
// autocomplete on the search boxes, tooltips that stay on screen, close
// with Escape and open with a tap on touch screens, arrow keys between the
// terms of a paragraph, a term panel that follows the paragraphs in view,
// and live filtering of long lists. No dependencies.
(function () {
  "use strict";

  // fold matches the server's folding closely enough for filtering:
  // lower case, no diacritics, one kind of apostrophe.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2019\u2018`]/g, "'").toLowerCase();
  }

  // badge is a term's status as the pages show it: a word with a colour.
  function badge(status) {
    var b = document.createElement("i");
    b.className = "st st-" + status;
    b.textContent = document.body.dataset["st" + status.charAt(0).toUpperCase() + status.slice(1)] || status;
    var wrap = document.createDocumentFragment();
    wrap.appendChild(document.createTextNode(" "));
    wrap.appendChild(b);
    return wrap;
  }

  // Autocomplete: a combobox over /api/v1/glossary/suggest. data-suggest
  // is "concept" (choosing opens the concept) or "search" (choosing
  // searches for the term).
  var acCount = 0;
  function autocomplete(input) {
    var box = input.parentNode;
    var list = document.createElement("ul");
    var id = "ac-" + (++acCount);
    list.id = id;
    list.className = "ac-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    box.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    var items = [], active = -1, timer = 0, seq = 0, leaving = false;
    // Some key event sources deliver Enter's keypress even though its
    // keydown was handled; the form must not submit over the navigation.
    if (input.form) {
      input.form.addEventListener("submit", function (e) { if (leaving) e.preventDefault(); });
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(i) {
      var opts = list.children;
      for (var k = 0; k < opts.length; k++) {
        opts[k].setAttribute("aria-selected", k === i ? "true" : "false");
      }
      active = i;
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", opts[i].id);
        opts[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function choose(i) {
      var s = items[i];
      if (!s) return;
      close();
      if (input.dataset.suggest === "concept") {
        leaving = true;
        window.location.href = "/glossary/" + encodeURIComponent(s.concept);
        return;
      }
      input.value = s.text;
      if (input.form) input.form.submit();
    }
    function render(sugs) {
      items = sugs;
      list.textContent = "";
      sugs.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var t = document.createElement("span");
        t.textContent = s.text;
        t.lang = s.lang;
        li.appendChild(t);
        // The suggestion's own status when it is to be avoided, then the
        // term to use in the other language with its status
        // (staatsgreep → coup d'état preferred), and the reliability.
        var info = document.createElement("span");
        info.className = "ac-info";
        if (s.status === "deprecated" || s.status === "superseded") {
          t.className = "s-" + s.status;
          info.appendChild(badge(s.status));
        }
        if (s.equivalent) {
          info.appendChild(document.createTextNode(" → "));
          var eq = document.createElement("b");
          eq.textContent = s.equivalent;
          eq.lang = s.lang === "nl" ? "en" : "nl";
          info.appendChild(eq);
          if (s.equivalent_status) info.appendChild(badge(s.equivalent_status));
        }
        if (s.reliability) {
          var r = document.createElement("span");
          r.className = "rel";
          r.textContent = " " + s.reliability + "/4";
          r.title = (document.body.dataset.reliability || "") + " " + s.reliability + "/4";
          info.appendChild(r);
        }
        li.appendChild(info);
        var l = document.createElement("span");
        l.className = "lang";
        l.textContent = s.lang;
        li.appendChild(l);
        // mousedown, not click: it fires before the input loses focus.
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      if (sugs.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
      } else {
        close();
      }
    }
    function fetchSuggestions() {
      var q = input.value.trim();
      var mine = ++seq;
      if (q.length < 2) { close(); return; }
      fetch("/api/v1/glossary/suggest?limit=8&prefix=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          if (mine === seq && document.activeElement === input) render(data.suggestions || []);
        })
        .catch(function () { /* autocomplete is optional: typing still works */ });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 120);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) {
        if (e.key === "ArrowDown" && input.value.trim().length >= 2) { fetchSuggestions(); e.preventDefault(); }
        return;
      }
      var n = list.children.length;
      if (e.key === "ArrowDown") { highlight((active + 1) % n); e.preventDefault(); }
      else if (e.key === "ArrowUp") { highlight(active <= 0 ? n - 1 : active - 1); e.preventDefault(); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === "Escape") { close(); e.preventDefault(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  // Tooltips are shown by CSS on hover and focus; this keeps them inside
  // the viewport and lets Escape dismiss them (WCAG 1.4.13).
  function placeTip(wrap) {
    var tip = wrap.querySelector(".tip");
    if (!tip) return;
    // Only a concept's first tooltip carries its definition.
    var a = wrap.querySelector("a.term");
    if (a && !tip.querySelector(".def")) {
      var def = document.querySelector('a.term[href="' + a.getAttribute("href") + '"] + .tip .def');
      if (def) tip.insertBefore(def.cloneNode(true), tip.querySelector(".open"));
    }
    if (getComputedStyle(tip).position === "fixed") return; // a sheet on a phone
    tip.style.left = "0px";
    var r = tip.getBoundingClientRect();
    var over = r.right - (document.documentElement.clientWidth - 8);
    if (over > 0) tip.style.left = Math.round(-Math.min(over, r.left - 8)) + "px";
  }
  function tooltips() {
    document.addEventListener("mouseover", function (e) {
      var w = e.target.closest && e.target.closest(".tw");
      if (w) placeTip(w);
    });
    document.addEventListener("focusin", function (e) {
      var w = e.target.closest && e.target.closest(".tw");
      if (w) { w.classList.remove("tip-off"); placeTip(w); }
    });
    document.addEventListener("mouseout", function (e) {
      var w = e.target.closest && e.target.closest(".tw");
      if (w && !w.contains(e.relatedTarget)) w.classList.remove("tip-off");
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      document.querySelectorAll(".tw:hover, .tw:focus-within, .tw.tip-on").forEach(function (w) {
        w.classList.add("tip-off");
        w.classList.remove("tip-on");
      });
    });

    // Touch: a tap on a term shows its tooltip, with a link to the
    // concept; a second tap on the same term opens it. A tap elsewhere
    // closes the tooltip.
    var touch = false;
    document.addEventListener("pointerdown", function (e) { touch = e.pointerType === "touch" || e.pointerType === "pen"; }, true);
    document.addEventListener("touchstart", function () { touch = true; }, { capture: true, passive: true });
    function closeTaps(except) {
      document.querySelectorAll(".tw.tip-on").forEach(function (w) { if (w !== except) w.classList.remove("tip-on"); });
    }
    document.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a.term");
      var w = a && a.parentNode;
      if (!a || !touch || !w.classList.contains("tw")) {
        if (!(e.target.closest && e.target.closest(".tip"))) closeTaps(null);
        return;
      }
      if (w.classList.contains("tip-on")) return; // the second tap follows the link
      e.preventDefault();
      closeTaps(w);
      var tip = w.querySelector(".tip");
      if (tip && !tip.querySelector(".open")) {
        var open = document.createElement("a");
        open.className = "open";
        open.href = a.getAttribute("href");
        open.textContent = (document.body.dataset.tipOpen || "→") + " →";
        tip.appendChild(open);
      }
      w.classList.remove("tip-off");
      w.classList.add("tip-on");
      placeTip(w);
    });
  }

  // Roving focus: a paragraph's first term is its one tab stop (the
  // server renders the others with tabindex=-1); the arrow keys move
  // between the terms of the paragraph, and the stop moves along.
  // Every term is a tab stop in the page as sent, so that a keyboard
  // reaches each without the script; the script makes the first of a
  // paragraph its one stop and the arrow keys move between its terms.
  function rovingTerms() {
    document.querySelectorAll(".para, .annotated").forEach(function (box) {
      box.querySelectorAll("a.term").forEach(function (t, k) { t.tabIndex = k === 0 ? 0 : -1; });
    });
    document.addEventListener("keydown", function (e) {
      var a = e.target.closest && e.target.closest("a.term");
      if (!a) return;
      var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -1e6, End: 1e6 }[e.key];
      if (!step) return;
      var box = a.closest(".para, .annotated");
      if (!box) return;
      var terms = Array.prototype.slice.call(box.querySelectorAll("a.term"));
      var i = Math.max(0, Math.min(terms.length - 1, terms.indexOf(a) + step));
      e.preventDefault();
      terms.forEach(function (t, k) { t.tabIndex = k === i ? 0 : -1; });
      terms[i].focus();
    });
  }

  // The term panel can list only the terms of the paragraphs in view.
  function followPanel() {
    var list = document.getElementById("doc-terms");
    var doc = document.querySelector("article.doc");
    if (!list || !doc || !("IntersectionObserver" in window)) return;
    var label = document.createElement("label");
    label.className = "follow";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = "follow";
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + (list.dataset.follow || "")));
    list.parentNode.insertBefore(label, list);
    var inView = new Set();
    function update() {
      var ids = new Set();
      inView.forEach(function (p) {
        p.querySelectorAll("a.term").forEach(function (t) { ids.add(t.getAttribute("href").split("/").pop()); });
      });
      list.querySelectorAll("li").forEach(function (li) {
        var a = li.querySelector("a");
        li.classList.toggle("off-view", box.checked && !!a && !ids.has(a.getAttribute("href").split("/").pop()));
      });
    }
    var obs = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) { if (en.isIntersecting) inView.add(en.target); else inView.delete(en.target); });
      if (box.checked) update();
    });
    doc.querySelectorAll(".para").forEach(function (p) { obs.observe(p); });
    box.addEventListener("change", update);
  }

  // Live filter: an input with data-filter="#list" hides the list's items
  // (li[data-text]) that do not contain what was typed, and the groups
  // ([data-group]) left empty.
  function liveFilter(input) {
    var root = document.querySelector(input.dataset.filter);
    if (!root) return;
    var wrap = input.closest(".livefilter");
    var status = wrap && wrap.querySelector("[data-filter-count]");
    var rows = Array.prototype.slice.call(root.querySelectorAll("li[data-text]"));
    var groups = Array.prototype.slice.call(root.querySelectorAll("[data-group]"));
    var texts = rows.map(function (li) { return fold(li.dataset.text + " " + li.textContent); });
    if (wrap) wrap.hidden = false;
    input.addEventListener("input", function () {
      var q = fold(input.value.trim());
      var shown = 0;
      rows.forEach(function (li, i) {
        var ok = q === "" || texts[i].indexOf(q) >= 0;
        li.hidden = !ok;
        if (ok) shown++;
      });
      groups.forEach(function (g) { g.hidden = !g.querySelector("li[data-text]:not([hidden])"); });
      if (status) status.textContent = q === "" ? "" : shown + " / " + rows.length;
    });
  }

  // shortLinks leaves the search form's empty document filters out of
  // the URL, so that a plain search keeps its short permalink (without
  // JavaScript the empty fields are sent and mean no filter).
  function shortLinks(form) {
    form.addEventListener("formdata", function (e) {
      form.querySelectorAll(".docfilters [name]").forEach(function (el) {
        if (e.formData.get(el.name) === "") e.formData.delete(el.name);
      });
    });
  }

  function init() {
    document.querySelectorAll("form.searchform").forEach(shortLinks);
    document.querySelectorAll("input[data-suggest]").forEach(autocomplete);
    document.querySelectorAll("input[data-filter]").forEach(liveFilter);
    tooltips();
    rovingTerms();
    followPanel();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
