// Citation highlighting on the story page. The page itself works without this script:
// a citation is a link to the cited passage and :target outlines it. Here hovering a citation
// previews its passage and clicking keeps it highlighted.
"use strict";
(function () {
  function target(link) {
    var href = link.getAttribute("href") || "";
    if (href.charAt(0) !== "#") return null;
    var el = document.getElementById(href.slice(1));
    return el && el.tagName === "MARK" ? el : null;
  }
  var active = null;
  var activeLink = null;
  function activate(link, mark) {
    if (active) active.classList.remove("sl-active");
    if (activeLink) activeLink.classList.remove("sl-on");
    active = mark;
    activeLink = link;
    mark.classList.add("sl-active");
    link.classList.add("sl-on");
  }
  document.addEventListener("mouseover", function (ev) {
    var link = ev.target.closest && ev.target.closest("a[href^='#']");
    var mark = link && target(link);
    if (mark) mark.classList.add("sl-hover");
  });
  document.addEventListener("mouseout", function (ev) {
    var link = ev.target.closest && ev.target.closest("a[href^='#']");
    var mark = link && target(link);
    if (mark) mark.classList.remove("sl-hover");
  });
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("a[href^='#']");
    var mark = link && target(link);
    if (!mark) return;
    activate(link, mark); // the browser still follows the link: :target and scrolling
  });
  if (location.hash) {
    var first = document.getElementById(location.hash.slice(1));
    if (first && first.tagName === "MARK") first.classList.add("sl-active"), (active = first);
  }
})();
