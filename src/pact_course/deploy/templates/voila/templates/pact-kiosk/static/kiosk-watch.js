/* PACT kiosk: when the page's kernel is lost (killed, crashed, culled, or the server stopped), say so in
   both languages and start again by itself, instead of a screen whose buttons do nothing. */
(function () {
  "use strict";
  var node = document.getElementById("jupyter-config-data");
  if (!node) return;
  var config = JSON.parse(node.textContent);
  var base = config.baseUrl || "/";
  var wordsUrl = base + "pact-kiosk/words.json";
  var words = null, leaving = false, lost = false;

  fetch(wordsUrl, { cache: "no-store" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (w) { words = w; }, function () {});
  window.addEventListener("beforeunload", function () { leaving = true; });
  window.addEventListener("pagehide", function () { leaving = true; });

  function startAgain() {
    // reload once the server answers again: a new page, a new kernel, the first screen
    fetch(wordsUrl, { cache: "no-store" }).then(
      function (r) { if (r.ok) { leaving = true; window.location.reload(); } else { setTimeout(startAgain, 3000); } },
      function () { setTimeout(startAgain, 3000); }
    );
  }

  function showLost() {
    if (lost || leaving) return;
    lost = true;
    var box = document.createElement("div");
    box.className = "pact-kiosk-lost";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:100000;display:flex;flex-direction:column;" +
      "justify-content:center;align-items:center;gap:1em;padding:2em;background:#fff;color:#111;" +
      "font:32px/1.4 system-ui,sans-serif;text-align:center";
    var said = words && words["kiosk.lost"];
    ["en", "es"].forEach(function (lang) {
      if (!said) return;
      var p = document.createElement("p");
      p.lang = lang;
      p.textContent = said[lang];
      box.appendChild(p);
    });
    document.body.appendChild(box);
    setTimeout(startAgain, 3000);
  }

  function watch() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var session = "pact-watch-" + Math.random().toString(36).slice(2);
    var url = scheme + window.location.host + base + "api/kernels/" + encodeURIComponent(config.kernelId) +
      "/channels?session_id=" + session;
    var socket;
    try { socket = new WebSocket(url); } catch (e) { return; }
    socket.onmessage = function (event) {
      if (typeof event.data !== "string") return;
      var msg;
      try { msg = JSON.parse(event.data); } catch (e) { return; }
      var state = msg && msg.header && msg.header.msg_type === "status" && msg.content && msg.content.execution_state;
      if (state === "restarting" || state === "autorestarting" || state === "dead") showLost();
    };
    socket.onclose = showLost;
  }

  watch();
})();
