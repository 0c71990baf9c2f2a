// A trap in the wasm (in the release build a panic aborts at once, without a message) leaves the
// page without working code: say so, once, instead of a console that silently stops responding.
// Builds with panic messages say it first, with details (src/panic.rs); then this stays quiet.
addEventListener("error", (e) => crashed(e.error));
addEventListener("unhandledrejection", (e) => crashed(e.reason));

function crashed(error) {
  if (!(error instanceof WebAssembly.RuntimeError) || document.querySelector(".panic")) return;
  const note = document.createElement("div");
  note.setAttribute("role", "alert");
  note.className = "panic";
  note.tabIndex = -1;
  note.textContent =
    "The console hit a bug and stopped working. Reload the page to continue " +
    "(requests already sent are not repeated). Details: " + error;
  document.body.prepend(note);
  note.focus();
}
