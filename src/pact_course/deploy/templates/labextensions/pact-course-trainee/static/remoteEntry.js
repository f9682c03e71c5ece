/* PACT course, a trainee's JupyterLab: "(view feedback)" in nbgrader's Assignments panel opens the feedback page
   itself (one click), not only its folder. A plain-JavaScript module container, as JupyterLab loads an extension. */
(function () {
  "use strict";
  var FEEDBACK_FOLDER = /^([^/]+)\/feedback\/[^/]+$/; // <assessment>/feedback/<time it was released>

  var plugin = {
    id: "pact-course-trainee:feedback",
    description: "Opens the course's feedback page from nbgrader's Assignments panel in one click.",
    autoStart: true,
    activate: function (app) {
      // Only a JupyterLab with a file browser ever runs "filebrowser:go-to-path" (a Voila page never does).
      app.commands.commandExecuted.connect(function (_registry, executed) {
        if (executed.id !== "filebrowser:go-to-path" || !app.commands.hasCommand("docmanager:open")) {
          return;
        }
        var path = String((executed.args && executed.args.path) || "").replace(/\/+$/, "");
        var found = FEEDBACK_FOLDER.exec(path);
        if (found) {
          app.commands.execute("docmanager:open", { path: path + "/" + found[1] + ".html" });
        }
      });
    }
  };

  var container = {
    init: function () {
      return Promise.resolve();
    },
    get: function () {
      return Promise.resolve(function () {
        return { __esModule: true, default: [plugin] };
      });
    }
  };
  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB["pact-course-trainee"] = container;
})();
