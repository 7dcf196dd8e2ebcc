// Progressive enhancement only: every page works without this file.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// A form with `data-autosave` (the office's answer form) also saves its typed fields as they are
// typed, to that address, and says when in its status line; each submit saves them without this.
for (const form of document.querySelectorAll("form[data-autosave]")) {
  const status = form.querySelector("[role=status]");
  let timer = 0;
  const save = () => {
    const all = new FormData(form);
    const data = new URLSearchParams();
    for (const name of ["_csrf", "outcome", "basis", "text", "language"]) {
      const value = all.get(name);
      if (typeof value === "string") data.set(name, value);
    }
    fetch(form.dataset.autosave, {
      method: "POST",
      body: data,
      headers: { accept: "application/json" },
      credentials: "same-origin",
    })
      .then((res) => (res.ok ? res.json() : null))
      .then((saved) => {
        if (saved?.message && status) status.textContent = saved.message;
      })
      .catch(() => {});
  };
  const later = (event) => {
    if (event.target.type === "file" || event.target.name === "template") return;
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
}

// A ballot with `data-knapsack` (participatory budget): the total of the ticked projects'
// `data-cost` and the money left are shown as they are ticked; without this file the page
// shows them after "Check my choice".
for (const box of document.querySelectorAll("[data-knapsack]")) {
  const form = box.querySelector("form");
  const total = box.querySelector("[data-knapsack-total]");
  const left = box.querySelector("[data-knapsack-left]");
  const amount = Number(box.dataset.knapsack);
  const pattern = box.dataset.money ?? "#";
  const number = new Intl.NumberFormat(
    document.documentElement.lang === "kk" ? "kk-KZ" : document.documentElement.lang,
  );
  const money = (n) => pattern.replace("#", number.format(n));
  const update = () => {
    let sum = 0;
    for (const input of form.querySelectorAll("input[data-cost]:checked"))
      sum += Number(input.dataset.cost);
    if (total) total.textContent = money(sum);
    if (left) left.textContent = money(amount - sum);
  };
  form?.addEventListener("change", update);
}
