// Progressive enhancement only: every page works without this file.

// How long a copy button's status stays before it clears, in milliseconds.
const COPY_STATUS_MS = 6000;
const COPY_STATUS = {
  copied: "Citatet är kopierat.",
  selected: "Citatet är markerat: kopiera det med Ctrl+C (⌘C på Mac).",
};

// Put `text` on the clipboard. The Clipboard API exists only in a secure context (https or
// localhost), so an intranet host on plain http, or a refusal, falls back to selecting the
// citation as shown and the older execCommand("copy"). Says "copied", or "selected" when the
// reader has to copy the selection themselves.
async function copyText(text, shown) {
  if (navigator.clipboard && navigator.clipboard.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return "copied";
    } catch {
      // refused: select the text instead
    }
  }
  const range = document.createRange();
  range.selectNodeContents(shown);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  try {
    if (typeof document.execCommand === "function" && document.execCommand("copy")) return "copied";
  } catch {
    // not allowed either: the selection stays for Ctrl+C
  }
  return "selected";
}

// A "Kopiera" button keeps its label; what happened is said in a status beside it, read out
// by screen readers (role="status"), and cleared after a few seconds.
function enableCopyButton(button) {
  const shown = button.parentElement.querySelector(".citation") || button;
  const status = document.createElement("span");
  status.className = "copy-status";
  status.setAttribute("role", "status");
  button.after(status);
  let timer = 0;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const outcome = await copyText(button.dataset.copy, shown);
    status.textContent = COPY_STATUS[outcome];
    clearTimeout(timer);
    timer = setTimeout(() => { status.textContent = ""; }, COPY_STATUS_MS);
  });
}

// Back or Forward to a page with a form: the browser fills the form in again as the reader
// left it, with what was typed or ticked but never sent ("budget" in the box, "Bara beslut"
// ticked), above the results of the search the page's address names ("ESF", unfiltered).
// The form is set back to that search, as the server wrote it. A reload or a new visit is
// left alone: there the form already is the page's search, and a reader may be typing.
function cameBackOrForward(event) {
  if (event.persisted) return true; // from the back/forward cache
  const [navigation] = performance.getEntriesByType("navigation");
  return navigation !== undefined && navigation.type === "back_forward";
}

// A form holding the focus is left alone when the page was loaded anew (a reader may be
// typing in it already), not when it was kept whole: its focus is the one it had when the
// reader left it, by Enter in the box, which left "budget" in the box above the hits for "ESF".
window.addEventListener("pageshow", (event) => {
  if (!cameBackOrForward(event)) return;
  for (const form of document.querySelectorAll("main form")) {
    if (event.persisted || !form.contains(document.activeElement)) form.reset();
  }
});

// The browser's own message for a field it will not send is in the browser's language, often
// English in an office ("Please fill out this field."): this says it in Swedish. A field names
// its own message for an empty required value in data-missing. (A date is a text field that
// the server reads and explains, _fields.html: the browser stops none.)
function swedishMessage(field) {
  if (field.validity.valueMissing) return field.dataset.missing || "Fyll i fältet.";
  return "";
}

// The message is set as the browser reports the field, and taken away at once: a message
// that stayed would keep the field invalid after the reader fixed it. The next attempt to
// send the form asks again.
function sayInvalidInSwedish(field) {
  field.addEventListener("invalid", () => {
    const message = swedishMessage(field);
    if (!message) return;
    field.setCustomValidity(message);
    setTimeout(() => field.setCustomValidity(""), 0);
  });
}

// A form sends only what was filled in: "?q=budget", not "?q=budget&from=&to=&sort=relevance",
// so that a shared link says the search and nothing else. A field left empty (or blank), or at
// the value the server takes without it (its data-default: the order "relevance"), is left out
// of what the browser sends (the formdata event). The form itself is not changed, so Back (the
// back/forward cache included) finds every field as it was; without JavaScript the empty
// fields are sent, and the server reads an empty value as none.
function sendOnlyWhatIsFilledIn(form) {
  form.addEventListener("formdata", (event) => {
    const defaults = new Map();
    for (const field of form.elements) {
      if (field.name && field.dataset.default !== undefined) defaults.set(field.name, field.dataset.default);
    }
    const entries = [...event.formData.entries()];
    for (const name of new Set(entries.map(([name]) => name))) event.formData.delete(name);
    for (const [name, value] of entries) {
      const said = typeof value !== "string" || (value.trim() !== "" && value !== defaults.get(name));
      if (said) event.formData.append(name, value);
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  for (const field of document.querySelectorAll("main form input")) sayInvalidInSwedish(field);
  for (const form of document.querySelectorAll("main form[method=get]")) sendOnlyWhatIsFilledIn(form);
  // "Kopiera" buttons for ready-made citations.
  for (const button of document.querySelectorAll("button.copy[data-copy]")) enableCopyButton(button);
  // The facets' fold and the search fields' fold show themselves open on a wide screen by CSS
  // (::details-content); where a browser cannot, open them here whenever the screen is wide.
  if (!CSS.supports("selector(::details-content)")) {
    const wide = matchMedia("(min-width: 48.01rem)");
    const unfold = () => {
      if (!wide.matches) return;
      const folds = document.querySelectorAll("details.facet-panel, details.options-fold");
      for (const fold of folds) fold.open = true;
    };
    unfold();
    wide.addEventListener("change", unfold);
  }
  // Print folded parts unfolded (finsok.css does it by ::details-content where it can), and
  // fold them again afterwards.
  if (!CSS.supports("selector(::details-content)")) {
    let unfolded = [];
    window.addEventListener("beforeprint", () => {
      unfolded = [...document.querySelectorAll("main details:not([open])")];
      for (const fold of unfolded) fold.open = true;
    });
    window.addEventListener("afterprint", () => {
      for (const fold of unfolded) fold.open = false;
      unfolded = [];
    });
  }
  // Arriving at a section from a hit: move keyboard focus there too.
  if (location.hash.length > 1) {
    const id = fragment(location.hash);
    const target = document.getElementById(id);
    if (target && target.classList.contains("section")) target.focus({ preventScroll: true });
    // A link to the folded document head ("#huvud") unfolds it.
    if (target && target.tagName === "DETAILS") target.open = true;
    if (!target) sayMissingPart(id);
  }
});

// The anchor a link names, decoded; one that is no valid percent-encoding as it stands.
function fragment(hash) {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return hash.slice(1);
  }
}

// A document's anchors: "p47" for § 47 (and "p47a", "p10-2" for a second § 10), "m8" for
// Mål 8 (index/store.py's `anchors`).
const PART_ANCHOR = /^([pm])(\d+[a-z]?)(?:-(\d+))?$/;
const PART_LABEL = { p: "§", m: "Mål" };

// A link to a part the document does not have (a § mistyped in a shared link, an anchor from
// before the document was read again): the page opened at its top without a word. A notice
// says so, above the contents, and takes the focus, as a § that exists does. It names the
// part by its number only, never by the link's own text, which anyone can write.
function sayMissingPart(id) {
  const contents = document.querySelector("article.document nav.toc");
  if (!contents) return;
  const part = PART_ANCHOR.exec(id);
  const again = part && part[3] ? ` (nr ${part[3]} med det numret)` : "";
  const what = part ? `${PART_LABEL[part[1]]} ${part[2]}${again}, som` : "ett ställe som";
  const notice = document.createElement("p");
  notice.className = "notice missing-part";
  notice.tabIndex = -1;
  notice.textContent = `Länken leder till ${what} inte finns i det här dokumentet. Välj i innehållet nedan.`;
  contents.before(notice);
  notice.focus();
  // Gone once the reader goes on to a part, by the contents or otherwise.
  window.addEventListener("hashchange", () => notice.remove(), { once: true });
}
