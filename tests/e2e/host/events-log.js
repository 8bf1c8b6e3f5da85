// The portal's own listener: records the widgets' bsc:* events in the page's events log.
// (A file, not an inline script, so the same listener serves the strict-CSP page.)
const log = document.getElementById("events-log");
const names = ["bsc:started", "bsc:category", "bsc:completed", "bsc:printed"];
window.__bscEvents = [];
for (const element of document.querySelectorAll("[data-branch-self-check]")) {
  for (const name of names) {
    element.addEventListener(name, (event) => {
      // Only events dispatched on this very element (the widget's root), not bubbled ones.
      if (event.target !== element) return;
      const entry = { widget: element.id, type: event.type, detail: event.detail };
      window.__bscEvents.push(entry);
      if (log) {
        const li = document.createElement("li");
        li.textContent = `${element.id}: ${event.type} ${JSON.stringify(event.detail)}`;
        log.append(li);
      }
    });
  }
}
