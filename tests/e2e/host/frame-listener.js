// Sizes the iframe to the widget inside it: frame.html posts {type: "bsc:height", height}.
// Only messages from that very frame, on this origin, with a sane number are taken.
const frame = document.getElementById("bsc-frame");
window.__bscHeights = [];
window.addEventListener("message", (event) => {
  if (event.source !== frame.contentWindow || event.origin !== window.location.origin) return;
  const data = event.data;
  if (!data || data.type !== "bsc:height" || !Number.isFinite(data.height)) return;
  const height = Math.max(100, Math.min(Math.ceil(data.height), 100000));
  window.__bscHeights.push(height);
  // The frame's border adds to its height (content-box): the content area gets `height`.
  frame.style.height = `${height}px`;
});
