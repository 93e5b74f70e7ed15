// Answers never lost (docs/offline.md). The forms work without this module: their buttons post
// the answers. With it, on the attempt, submit and review pages:
// - every answer is written to this device (localStorage) the moment it is given;
// - saves are numbered and queued, sent in order, and kept until the server confirms them, so a
//   dropped connection only delays them (the server applies each number once, never an older one);
// - a service worker keeps every page of the attempt, so moving between pages and reloading work
//   offline; a submit made offline is sent when the connection returns;
// - once the attempt is over (review page), this device's copy is deleted.
// The server remains the only judge of time: it accepts answers until the deadline plus its
// grace period and grades with what it holds.
const PREFIX = "muloqot.attempt.";
const CACHE = "muloqot-attempts-v1";
const KEEP_DAYS = 14;
const RETRY_MS = 5000;

const form = document.querySelector("[data-quiz-form]");
const submitForm = document.querySelector("[data-quiz-submit-form]");
const ended = document.querySelector("[data-quiz-ended]");
const status = document.querySelector("[data-quiz-saved]");
const host = form || submitForm;

function storageGet(uuid) {
  try {
    return JSON.parse(localStorage.getItem(PREFIX + uuid)) || null;
  } catch {
    return null;
  }
}

function forget(uuid) {
  try {
    localStorage.removeItem(PREFIX + uuid);
  } catch {
    // Storage disabled: nothing was kept.
  }
  if (window.caches) {
    caches
      .open(CACHE)
      .then((cache) =>
        cache.keys().then((requests) =>
          Promise.all(
            requests
              .filter((request) => request.url.includes(`/quizzes/attempts/${uuid}/`))
              .map((request) => cache.delete(request)),
          ),
        ),
      )
      .catch(() => null);
  }
}

// Copies older than KEEP_DAYS belong to attempts long over (their time ran out with the tab
// closed): delete them whichever page of an attempt opens.
function forgetOld() {
  const limit = Date.now() - KEEP_DAYS * 86400000;
  try {
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith(PREFIX)) continue;
      const kept = storageGet(key.slice(PREFIX.length));
      if (!kept || (kept.updated || 0) < limit) forget(key.slice(PREFIX.length));
    }
  } catch {
    // Storage disabled.
  }
}

if (ended) forget(ended.dataset.quizEnded);

if (host) {
  forgetOld();
  const uuid = host.dataset.attempt;
  const texts = status?.dataset ?? {};
  const store = Object.assign(
    { seq: 0, answers: {}, queue: [], submit: false, end: null, kept: false },
    storageGet(uuid),
  );
  store.seq = Math.max(store.seq, Number(host.dataset.saveSeq || 0));
  let inFlight = 0;
  let flushing = null;

  const persist = () => {
    store.updated = Date.now();
    try {
      localStorage.setItem(PREFIX + uuid, JSON.stringify(store));
    } catch {
      // Storage full or disabled: the queue still lives in this page.
    }
  };
  const show = (key) => {
    if (status && texts[key] !== undefined) status.textContent = texts[key];
  };
  const csrf = () => host.querySelector("[name=csrfmiddlewaretoken]")?.value ?? "";

  // The answers on the form, as name → values (only the questions' fields: q1, q1-shown, q2-1…).
  const answersOnForm = () => {
    const answers = {};
    if (!form) return answers;
    for (const element of form.elements) {
      if (!element.name || !/^q\d+/.test(element.name) || element.disabled) continue;
      answers[element.name] ??= [];
      if ((element.type === "radio" || element.type === "checkbox") && !element.checked) continue;
      answers[element.name].push(element.value);
    }
    return answers;
  };

  const restore = () => {
    let changed = false;
    for (const element of form.elements) {
      const values = store.answers[element.name];
      if (!values || element.disabled || !/^q\d+/.test(element.name)) continue;
      if (element.type === "radio" || element.type === "checkbox") {
        const checked = values.includes(element.value);
        changed ||= checked !== element.checked;
        element.checked = checked;
      } else if (element.type !== "hidden" && element.value !== (values[0] ?? "")) {
        element.value = values[0] ?? "";
        changed = true;
      }
    }
    return changed;
  };

  const remember = () => {
    Object.assign(store.answers, answersOnForm());
    persist();
  };

  const enqueue = () => {
    const answers = answersOnForm();
    Object.assign(store.answers, answers);
    store.seq += 1;
    const entry = { seq: store.seq, page: form.dataset.page, answers };
    const last = store.queue[store.queue.length - 1];
    // A newer save of the same page replaces one still waiting (not one on its way).
    if (last && last.page === entry.page && last.seq !== inFlight) store.queue.pop();
    store.queue.push(entry);
    persist();
  };

  const post = (url, fields) => {
    const data = new FormData();
    data.set("csrfmiddlewaretoken", csrf());
    for (const [name, values] of Object.entries(fields)) {
      for (const value of values) data.append(name, value);
    }
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    });
  };

  const finish = (url) => {
    forget(uuid);
    window.location.assign(url);
  };

  // Send the queue in order, then a submit waiting for the connection. True when all is sent.
  const sendAll = async () => {
    while (store.queue.length) {
      const entry = store.queue[0];
      inFlight = entry.seq;
      show("saving");
      let response;
      try {
        response = await post(host.dataset.saveUrl, {
          ...entry.answers,
          seq: [String(entry.seq)],
          action: ["save"],
        });
      } catch {
        show(store.submit ? "submitWaiting" : "waiting");
        return false;
      } finally {
        inFlight = 0;
      }
      const body = await response.json().catch(() => ({}));
      if (body.finished && body.review_url) {
        finish(body.review_url);
        return false;
      }
      if (!response.ok && !body.out_of_date) {
        show("refused");
        return false;
      }
      // Applied now, or already applied (a replay), or overtaken by a newer save.
      const done = body.out_of_date ? Number(body.last_seq) : entry.seq;
      store.seq = Math.max(store.seq, done);
      store.queue = store.queue.filter((waiting) => waiting.seq > done);
      persist();
    }
    if (store.submit) {
      show("submitting");
      let response;
      try {
        response = await post(host.dataset.submitUrl, {});
      } catch {
        show("submitWaiting");
        return false;
      }
      if (!response.ok) {
        show("refused");
        return false;
      }
      finish(response.url);
      return false;
    }
    show("saved");
    return true;
  };

  const flush = () => {
    flushing ??= sendAll().finally(() => {
      flushing = null;
    });
    return flushing;
  };

  window.addEventListener("online", () => flush());
  setInterval(() => {
    if (store.queue.length || store.submit) flush();
  }, RETRY_MS);

  if (form) {
    let timer = null;
    const schedule = (delay) => {
      remember();
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        enqueue();
        flush();
      }, delay);
    };
    if (restore()) enqueue();
    if (store.queue.length) {
      show(navigator.onLine ? "saving" : "waiting");
      flush();
    }
    form.addEventListener("change", () => schedule(300));
    form.addEventListener("input", () => schedule(1000));
    window.addEventListener("pagehide", () => {
      if (timer) {
        clearTimeout(timer);
        timer = null;
        enqueue();
      }
    });

    // The page buttons: save, then open the page (from the service worker's copy when offline).
    const pages = form.dataset.pages.split(",");
    const current = Number(form.dataset.page);
    const targets = {
      next: String(Math.min(current + 1, Number(pages[pages.length - 1]))),
      previous: String(Math.max(current - 1, Number(pages[0]))),
    };
    form.addEventListener("submit", async (event) => {
      const action = event.submitter?.value ?? "save";
      if (action.startsWith("check-")) {
        if (!navigator.onLine) {
          event.preventDefault();
          show("checkWaiting");
        }
        return; // checking is the server's work: the plain post goes when online
      }
      event.preventDefault();
      clearTimeout(timer);
      timer = null;
      enqueue();
      await flush();
      if (action === "finish") {
        window.location.assign(host.dataset.submitUrl);
        return;
      }
      const target = targets[action] ?? action.replace(/^page-/, "");
      if (action !== "save" && pages.includes(target)) {
        window.location.assign(`${form.dataset.attemptUrl}?page=${target}`);
      }
    });

    // Keep every page of the attempt on this device for when the connection drops: asked once
    // per attempt (later visits refresh the copy of the page they open).
    if ("serviceWorker" in navigator && form.dataset.workerUrl) {
      const ready = () => {
        form.dataset.offlineReady = "true";
      };
      navigator.serviceWorker
        .register(form.dataset.workerUrl)
        .then(() => navigator.serviceWorker.ready)
        .then((registration) => {
          if (store.kept) return true;
          return new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = (event) => resolve(event.data.all);
            const urls = [
              window.location.href,
              host.dataset.submitUrl,
              ...pages.map((page) => `${form.dataset.attemptUrl}?page=${page}`),
              ...[...document.querySelectorAll("link[rel=stylesheet], script[src]")].map(
                (element) => element.href || element.src,
              ),
            ];
            registration.active.postMessage({ type: "keep", urls }, [channel.port2]);
          });
        })
        .then((all) => {
          if (!all) return;
          store.kept = true;
          persist();
          ready();
        })
        .catch(() => null);
    }
  }

  if (submitForm) {
    submitForm.addEventListener("submit", (event) => {
      event.preventDefault();
      store.submit = true;
      persist();
      flush();
    });
    if (store.submit) flush();
  }

  // The time left, counted from the earliest end this device was told (a page opened from the
  // offline copy shows the time left when it was kept). Announced politely at a few marks.
  const timerBox = document.querySelector("[data-quiz-timer]");
  if (timerBox && form) {
    const clock = timerBox.querySelector("[data-quiz-clock]");
    const announcer = document.querySelector("[data-quiz-announce]");
    const told = Date.now() + Number(timerBox.dataset.remaining) * 1000;
    store.end = store.end ? Math.min(store.end, told) : told;
    persist();
    const marks = [10, 5, 1];
    let announced; // the mark the page opened in is not read out
    const markOf = (left) => marks.find((minutes) => left <= minutes * 60 && left > (minutes - 1) * 60);
    const interval = setInterval(() => tick(), 1000);
    const tick = () => {
      const left = Math.max(0, Math.round((store.end - Date.now()) / 1000));
      if (clock) {
        clock.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
      }
      const mark = markOf(left);
      if (announced === undefined) announced = mark ?? null;
      if (announcer && mark && mark !== announced && left > 0) {
        announced = mark;
        announcer.textContent = announcer.dataset.template.replace("{minutes}", String(mark));
      }
      if (left <= 0) {
        clearInterval(interval);
        if (announcer) announcer.textContent = announcer.dataset.timeUp;
        // Submit what is on the page; the server accepts it within its grace period.
        enqueue();
        store.submit = true;
        persist();
        flush();
      }
    };
    tick();
  }
}
