// Enhancements for readers with JavaScript; every page works fully without them.
// - On the advances list, choosing a filter updates the results in place and the URL follows.
//   What is swapped is #results and any other element marked data-swap, by its id (the
//   language links, whose URLs carry the filters).
// - Each [data-copy] element gets a button that copies its data-copy value (or its text). The
//   element names the button and what it announces, in the page's language:
//   <span data-copy="A/73/230, para. 14" data-copy-label="Copy" data-copied-label="Copied">.
(() => {
  "use strict";

  // One polite live region tells screen readers what changed out of their sight. It sits in
  // main, as all content should be in a landmark.
  const live = document.createElement("p");
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");
  (document.querySelector("main") ?? document.body).append(live);
  const announce = (text) => {
    // Emptied first, so that the same words twice are announced twice.
    live.textContent = "";
    setTimeout(() => { live.textContent = text; }, 100);
  };

  const addCopyButtons = (root) => {
    if (!navigator.clipboard) return; // only on https or localhost
    for (const el of root.querySelectorAll("[data-copy]")) {
      const text = el.dataset.copy || el.value || el.textContent.trim();
      const { copyLabel = "Copy", copiedLabel = "Copied" } = el.dataset;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      const label = document.createTextNode(copyLabel);
      const what = document.createElement("span");
      what.className = "visually-hidden";
      what.textContent = " " + text; // so that each button says what it copies
      button.append(label, what);
      button.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(text);
          announce(copiedLabel);
          label.data = copiedLabel; // and for the eyes, a moment
          setTimeout(() => { label.data = copyLabel; }, 2000);
        } catch {
          // Refused (no permission): select the text, for the reader to copy by hand.
          if (el.select) el.select();
          else getSelection().selectAllChildren(el);
        }
      });
      el.after(" ", button);
    }
  };
  addCopyButtons(document);

  const form = document.querySelector('form[data-testid="filters"]');
  if (!form || !document.getElementById("results")) return;
  let shown = location.pathname + location.search;
  let pending;

  // The same URL the form would submit, less its empty fields.
  const formURL = () => {
    const url = new URL(form.action);
    for (const [name, value] of new FormData(form)) {
      if (value !== "") url.searchParams.append(name, value);
    }
    return url.pathname + url.search;
  };

  const load = async (url, push) => {
    pending?.abort();
    pending = new AbortController();
    const results = document.getElementById("results");
    results.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { signal: pending.signal });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("results");
      if (!response.ok || !fresh) throw new Error(`${url}: ${response.status}`);
      for (const old of document.querySelectorAll("#results, [data-swap]")) {
        const next = page.getElementById(old.id);
        if (next) {
          old.replaceWith(next);
          addCopyButtons(next);
        }
      }
      // The counts beside each option depend on the other filters. Swap the options, not
      // the select, so that the one in use keeps its focus.
      for (const select of form.querySelectorAll("select")) {
        const next = page.getElementById(select.id);
        if (!next) continue;
        // Options moved from the parsed page lose which one is selected: set it again.
        const chosen = next.querySelector("option[selected]")?.value ?? "";
        select.replaceChildren(...next.children);
        select.value = chosen;
      }
      document.title = page.title;
      if (push) history.pushState(null, "", url);
      shown = url;
      announce(fresh.querySelector('[role="status"]')?.textContent ?? "");
    } catch (err) {
      // A failed update falls back to loading the page, which shows any error in full.
      if (err.name !== "AbortError") location.assign(url);
    }
  };

  form.addEventListener("change", (e) => {
    if (e.target.matches("select")) load(formURL(), true);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    load(formURL(), true);
  });
  window.addEventListener("popstate", () => {
    const url = location.pathname + location.search;
    if (url !== shown) load(url, false); // not for a move to an #anchor on the same list
  });
})();
