// The reading modes of the top bar (字号 大/中/小, 长辈版) work without this script: they
// are a radio group and a checkbox that the stylesheet reads with :has(). This script
// only keeps the reader's choice from page to page (localStorage), and marks the page
// as scripted (html.js) so that notes for readers without JavaScript can hide.
// The theme's own file: no page carries any other script.
(function () {
  "use strict";
  var KEY = "bulletin-view";
  var SIZES = { l: true, m: true, s: true };
  document.documentElement.classList.add("js");

  function read() {
    try {
      var v = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return v && typeof v === "object" ? v : {};
    } catch (e) {
      return {};
    }
  }

  function restore() {
    var v = read();
    if (SIZES[v.size] === true) {
      var radio = document.getElementById("opt-size-" + v.size);
      if (radio) radio.checked = true;
    }
    var contrast = document.getElementById("opt-contrast");
    // nothing kept yet: the page's own defaults stand
    if (contrast && typeof v.contrast === "boolean") contrast.checked = v.contrast;
  }

  function save() {
    var size = document.querySelector("input[name=opt-size]:checked");
    var contrast = document.getElementById("opt-contrast");
    var v = {
      size: size && SIZES[size.value] === true ? size.value : "m",
      contrast: !!(contrast && contrast.checked),
    };
    try {
      window.localStorage.setItem(KEY, JSON.stringify(v));
    } catch (e) {
      // storage refused (private mode, a policy): the choice holds for this page
    }
  }

  restore();
  // Back and forward may bring a page back from the cache with the old choice.
  window.addEventListener("pageshow", restore);
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t && (t.name === "opt-size" || t.id === "opt-contrast")) save();
  });
})();
