// crosscheck HTML report: filters, keyboard navigation, and scrolling the
// report columns to the sentences of a finding. No network, no libraries.
(function () {
  "use strict";
  var controls = document.getElementById("controls");
  var workspace = document.getElementById("workspace");
  var findingsPane = document.getElementById("findings");
  var cards = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var columns = Array.prototype.slice.call(document.querySelectorAll(".column"));
  var link = document.getElementById("link-scroll");
  var shown = document.getElementById("shown");
  var active = null;

  // Columns: scroll together unless told not to. A scroll we cause
  // ourselves is remembered so that it is not passed on again.
  var last = new Map();
  var expected = new Map();
  function setScroll(col, top) {
    var before = col.scrollTop;
    col.scrollTop = Math.max(0, top);
    if (col.scrollTop !== before) {
      expected.set(col, col.scrollTop);
    }
    last.set(col, col.scrollTop);
  }
  columns.forEach(function (col) {
    last.set(col, col.scrollTop);
    col.addEventListener("scroll", function () {
      var e = expected.get(col);
      if (e !== undefined && Math.abs(col.scrollTop - e) < 2) {
        expected.delete(col);
        last.set(col, col.scrollTop);
        return;
      }
      expected.delete(col);
      var delta = col.scrollTop - (last.get(col) || 0);
      last.set(col, col.scrollTop);
      if (!link || !link.checked || !delta) return;
      columns.forEach(function (other) {
        if (other !== col) setScroll(other, other.scrollTop + delta);
      });
    });
  });

  // Aligned sentences share a row: give every row the height of its
  // tallest cell so that rows line up across columns.
  function equalize() {
    var lists = columns.map(function (c) { return c.querySelector(".rows").children; });
    if (lists.length < 2) return;
    var n = lists[0].length;
    lists.forEach(function (cells) {
      for (var i = 0; i < cells.length; i++) cells[i].style.minHeight = "";
    });
    var heights = new Array(n).fill(0);
    lists.forEach(function (cells) {
      for (var i = 0; i < n && i < cells.length; i++) {
        heights[i] = Math.max(heights[i], cells[i].getBoundingClientRect().height);
      }
    });
    lists.forEach(function (cells) {
      for (var i = 0; i < n && i < cells.length; i++) cells[i].style.minHeight = heights[i] + "px";
    });
  }
  function setBar() {
    document.documentElement.style.setProperty("--bar", controls.offsetHeight + "px");
  }
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { setBar(); equalize(); }, 100);
  });
  setBar();
  equalize();

  // Brings the workspace under the filter bar, then the sentence to the
  // upper third of its column.
  function showWorkspace() {
    var top = workspace.getBoundingClientRect().top - controls.offsetHeight;
    if (Math.abs(top) > 1) window.scrollBy(0, top);
  }
  function reveal(sentence, last) {
    var col = sentence.closest(".column");
    if (!col) return;
    var head = col.querySelector(".col-head");
    var headHeight = head ? head.offsetHeight : 0;
    var colBox = col.getBoundingClientRect();
    var box = sentence.getBoundingClientRect();
    var bottom = last ? Math.max(box.bottom, last.getBoundingClientRect().bottom) : box.bottom;
    var room = colBox.height - headHeight - (bottom - box.top);
    if (room < 16) room = colBox.height - headHeight - box.height;
    var target = col.scrollTop + (box.top - colBox.top) - headHeight - Math.max(8, room / 3);
    setScroll(col, target);
  }
  // With more columns than fit, scrolls sideways so that the columns
  // holding a finding's sentences are in view (the first of them when
  // they do not all fit).
  function showColumns(cols) {
    var strip = document.querySelector(".columns");
    if (!strip || !cols.length) return;
    var box = strip.getBoundingClientRect();
    var left = Math.min.apply(null, cols.map(function (c) { return c.getBoundingClientRect().left; }));
    var right = Math.max.apply(null, cols.map(function (c) { return c.getBoundingClientRect().right; }));
    if (left >= box.left && right <= box.right) return;
    var shift = right - left <= box.width ? (left < box.left ? left - box.left : right - box.right) : left - box.left;
    strip.scrollLeft += shift;
  }
  function gotoSentence(id) {
    var s = document.getElementById(id);
    if (!s) return;
    showWorkspace();
    document.querySelectorAll("p.sentence.target").forEach(function (p) { p.classList.remove("target"); });
    s.classList.add("target");
    reveal(s);
    showColumns([s.closest(".column")]);
  }

  function select(card, focus) {
    if (!card) return;
    if (active) active.classList.remove("active");
    document.querySelectorAll("mark.active, p.sentence.target").forEach(function (m) {
      m.classList.remove("active", "target");
    });
    active = card;
    card.classList.add("active");
    if (focus !== false) card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
    showWorkspace();
    var claims = (card.dataset.claims || "").split(" ");
    claims.forEach(function (c) {
      document.querySelectorAll(".column mark").forEach(function (m) {
        if ((" " + m.dataset.claims + " ").indexOf(" " + c + " ") >= 0) m.classList.add("active");
      });
    });
    // One scroll per column: to its first sentence of the finding, or to
    // all of them when they fit (two sentences of one report).
    var byColumn = new Map();
    (card.dataset.sentences || "").split(" ").forEach(function (id) {
      var s = document.getElementById(id);
      if (!s) return;
      s.classList.add("target");
      var col = s.closest(".column");
      if (!byColumn.has(col)) byColumn.set(col, []);
      byColumn.get(col).push(s);
    });
    byColumn.forEach(function (list) { reveal(list[0], list[list.length - 1]); });
    showColumns(Array.from(byColumn.keys()));
    if (history.replaceState) history.replaceState(null, "", "#" + card.id);
  }

  function visible() {
    return cards.filter(function (c) { return !c.classList.contains("hidden"); });
  }
  function step(by) {
    var list = visible();
    if (!list.length) return;
    var i = active ? list.indexOf(active) : -1;
    var next = i < 0 ? (by > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, i + by));
    select(list[next]);
  }

  cards.forEach(function (card) {
    card.addEventListener("click", function (e) {
      if (e.target.closest("a")) return;
      select(card);
    });
  });
  document.querySelectorAll("mark.flag").forEach(function (m) {
    m.addEventListener("click", function () {
      var ids = (m.dataset.findings || "").split(" ");
      for (var i = 0; i < ids.length; i++) {
        var card = document.getElementById(ids[i]);
        if (card && !card.classList.contains("hidden")) return select(card);
      }
    });
  });
  // A claim of a finding's evidence: to its sentence alone.
  document.querySelectorAll("ul.evidence li[data-sentence]").forEach(function (li) {
    li.addEventListener("click", function (e) {
      if (li.closest("li.finding") !== active) return;
      e.stopPropagation();
      gotoSentence(li.dataset.sentence);
    });
  });
  document.querySelectorAll("a.goto").forEach(function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      gotoSentence(a.getAttribute("href").slice(1));
    });
  });

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" && t.type !== "checkbox" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    if (e.key === "j" || e.key === "ArrowDown" || e.key === "n") {
      e.preventDefault();
      step(1);
    } else if (e.key === "k" || e.key === "ArrowUp" || e.key === "p") {
      e.preventDefault();
      step(-1);
    } else if ((e.key === "Enter" || e.key === " ") && t && t.classList && t.classList.contains("finding")) {
      e.preventDefault();
      select(t);
    }
  });

  // Filters by severity and kind.
  function applyFilters() {
    var allowed = { severity: {}, kind: {} };
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      allowed[box.dataset.filter][box.value] = box.checked;
    });
    var n = 0;
    cards.forEach(function (card) {
      var show = allowed.severity[card.dataset.severity] !== false && allowed.kind[card.dataset.kind] !== false;
      card.classList.toggle("hidden", !show);
      if (show) n++;
    });
    document.querySelectorAll("mark.flag").forEach(function (m) {
      var any = (m.dataset.findings || "").split(" ").some(function (id) {
        var card = document.getElementById(id);
        return card && !card.classList.contains("hidden");
      });
      m.classList.toggle("dimmed", !any);
    });
    if (shown) shown.textContent = n + " of " + cards.length + " findings shown";
  }
  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  document.querySelectorAll("input[data-highlight]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("no-k-" + box.dataset.highlight, !box.checked);
    });
  });
  applyFilters();
  // A count in the summary shows only the findings of its severity.
  document.querySelectorAll("button[data-count]").forEach(function (button) {
    button.addEventListener("click", function () {
      document.querySelectorAll('input[data-filter="severity"]').forEach(function (box) {
        box.checked = box.value === button.dataset.count;
      });
      applyFilters();
      showWorkspace();
      findingsPane.scrollTop = 0;
    });
  });

  // Printed, folded sections open (and fold again afterwards).
  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    folded.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (d) { d.open = false; });
    folded = [];
  });

  // A link to a finding (#f-...) opens with it selected.
  if (location.hash.indexOf("#f-") === 0) {
    select(document.getElementById(location.hash.slice(1)), false);
  }
})();
