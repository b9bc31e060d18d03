// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // "Kopiera" buttons for ready-made citations.
  for (const button of document.querySelectorAll("button.copy[data-copy]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copy);
        button.textContent = "Kopierat";
      } catch {
        button.textContent = "Markera och kopiera texten";
      }
    });
  }
  // The facets' fold shows itself open on a wide screen by CSS (::details-content); where a
  // browser cannot, open it here whenever the screen is wide.
  if (!CSS.supports("selector(::details-content)")) {
    const wide = matchMedia("(min-width: 48.01rem)");
    const unfold = () => {
      if (!wide.matches) return;
      for (const fold of document.querySelectorAll("details.facet-panel")) fold.open = true;
    };
    unfold();
    wide.addEventListener("change", unfold);
  }
  // Arriving at a section from a hit: move keyboard focus there too.
  if (location.hash.length > 1) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.classList.contains("section")) target.focus({ preventScroll: true });
    // A link to the folded document head ("#huvud") unfolds it.
    if (target && target.tagName === "DETAILS") target.open = true;
  }
});
