// Save as you go and show the time left. The form works without this module: its buttons post
// the answers. With it, every change is posted to the autosave URL shortly after it happens, so
// a crash or a closed tab loses nothing; when the time is up the attempt is submitted.
const form = document.querySelector("[data-quiz-form]");
const status = document.querySelector("[data-quiz-saved]");
const timer = document.querySelector("[data-quiz-timer]");
const messages = {
  saving: status?.dataset.saving ?? "",
  saved: status?.dataset.saved ?? "",
  failed: status?.dataset.failed ?? "",
};

let pending = null;
let inFlight = Promise.resolve();

function save() {
  pending = null;
  const data = new FormData(form);
  data.set("action", "save");
  if (status) status.textContent = messages.saving;
  inFlight = fetch(form.dataset.saveUrl, {
    method: "POST",
    body: data,
    credentials: "same-origin",
    headers: { "X-Requested-With": "fetch" },
  })
    .then(async (response) => {
      const body = await response.json().catch(() => ({}));
      if (body.finished && body.review_url) {
        window.location.assign(body.review_url);
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      if (status) status.textContent = messages.saved;
    })
    .catch(() => {
      if (status) status.textContent = messages.failed;
    });
  return inFlight;
}

function schedule(delay) {
  if (pending) clearTimeout(pending);
  pending = setTimeout(save, delay);
}

if (form) {
  form.addEventListener("change", () => schedule(300));
  form.addEventListener("input", () => schedule(1500));
  window.addEventListener("pagehide", () => {
    if (pending) {
      clearTimeout(pending);
      const data = new FormData(form);
      navigator.sendBeacon(form.dataset.saveUrl, data);
    }
  });
}

if (timer && form) {
  const clock = timer.querySelector("[data-quiz-clock]");
  const end = Date.now() + Number(timer.dataset.remaining) * 1000;
  const tick = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    if (clock) clock.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
    if (left <= 0) {
      clearInterval(interval);
      // Submit what is on the page; the server accepts it within its grace period.
      const data = new FormData(form);
      fetch(form.dataset.submitUrl, { method: "POST", body: data, credentials: "same-origin" })
        .finally(() => window.location.assign(form.dataset.submitUrl));
    }
  };
  const interval = setInterval(tick, 1000);
  tick();
}
