// @ts-check
/**
 * The local chat page: renders the dev server's snapshots (one arrives on
 * every change) and posts what the user does as actions. It never builds a
 * delivery itself: the server's platform emulators do, exactly as for the
 * chat command-line. Plain JavaScript, checked by TypeScript against the
 * protocol the server speaks.
 */

/** @typedef {import("../protocol.ts").Action} Action */
/** @typedef {import("../protocol.ts").ActionResult} ActionResult */
/** @typedef {import("../protocol.ts").ChatFile} ChatFile */
/** @typedef {import("../protocol.ts").ChatMessage} ChatMessage */
/** @typedef {import("../protocol.ts").ChatView} ChatView */
/** @typedef {import("../protocol.ts").MessageAction} MessageAction */
/** @typedef {import("../protocol.ts").PlatformName} PlatformName */
/** @typedef {import("../protocol.ts").Snapshot} Snapshot */
/** @typedef {import("../protocol.ts").Span} Span */
/** @typedef {import("../protocol.ts").StoredState} StoredState */
/** @typedef {import("../protocol.ts").TrafficEntry} TrafficEntry */

const PLATFORM_NAMES = { telegram: "Telegram", discord: "Discord", slack: "Slack" };

/** Traffic entries the user opened, kept open across renders. @type {Set<string>} */
const openEntries = new Set();
/** The form the user closed; it stays closed although the server still knows it. */
let dismissedForm = "";
/** What each chat last showed, so that an unchanged chat is left alone (scroll, focus). @type {Map<PlatformName, string>} */
const shown = new Map();

/**
 * @template {Element} T
 * @param {Element | Document} root
 * @param {string} selector
 * @param {new () => T} type
 * @returns {T}
 */
function find(root, selector, type) {
  const element = root.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`The page has no ${selector}`);
  return element;
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {PlatformName} platform */
function chatSection(platform) {
  return find(document, `.chat[data-platform="${platform}"]`, HTMLElement);
}

/** @param {Action} action @returns {Promise<ActionResult>} */
async function act(action) {
  const response = await fetch("/dev/api/action", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(action),
  });
  /** @type {ActionResult} */
  const result = await response.json();
  if (result.error && "platform" in action) showError(action.platform, result.error);
  return result;
}

/** @param {PlatformName} platform @param {string} text */
function showError(platform, text) {
  const box = find(chatSection(platform), ".error", HTMLElement);
  box.textContent = text;
  box.hidden = false;
  setTimeout(() => {
    box.hidden = true;
  }, 5000);
}

/** Links open only for web addresses; anything else stays text. @param {Span} span */
function spanNode(span) {
  /** @type {Node} */
  let node = document.createTextNode(span.text);
  const wrap = (/** @type {"code" | "strong" | "em"} */ tag) => {
    const outer = element(tag);
    outer.append(node);
    node = outer;
  };
  if (span.code) wrap("code");
  if (span.bold) wrap("strong");
  if (span.italic) wrap("em");
  if (span.link && /^https?:\/\//.test(span.link)) {
    const anchor = element("a");
    anchor.setAttribute("href", span.link);
    anchor.setAttribute("target", "_blank");
    anchor.setAttribute("rel", "noopener noreferrer");
    anchor.append(node);
    node = anchor;
  }
  return node;
}

/** @param {number} bytes */
function size(bytes) {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;
}

/** A picture inline, anything else as a link to download it. @param {ChatFile} file */
function fileNode(file) {
  const link = element("a", "file");
  link.setAttribute("href", file.url);
  link.setAttribute("target", "_blank");
  if (file.mime.startsWith("image/")) {
    const image = element("img");
    image.setAttribute("src", file.url);
    image.setAttribute("alt", file.name);
    link.append(image);
  } else {
    link.setAttribute("download", file.name);
    link.append(element("span", "file-name", file.name), element("span", "file-size", size(file.size)));
  }
  return link;
}

/** @param {number} at */
function clock(at) {
  return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** The message's menu of the bot's message actions (Discord's Apps, Slack's More actions). @param {PlatformName} platform @param {ChatMessage} message @param {readonly MessageAction[]} actions */
function actionsMenu(platform, message, actions) {
  const menu = element("details", "message-menu");
  const summary = element("summary", "", "⋯");
  summary.setAttribute("title", platform === "slack" ? "More actions" : "Apps");
  menu.append(summary);
  for (const action of actions) {
    const choose = element("button", "message-action", action.label);
    choose.type = "button";
    choose.addEventListener("click", () => {
      menu.open = false;
      void act({ kind: "message-action", platform, messageId: message.id, actionId: action.id });
    });
    menu.append(choose);
  }
  return menu;
}

/** @param {PlatformName} platform @param {ChatMessage} message @param {readonly MessageAction[]} actions */
function messageNode(platform, message, actions) {
  const node = element("div", `msg from-${message.from}`);
  node.dataset.id = message.id;
  if (message.private) node.classList.add("private");
  if (message.thinking) node.classList.add("thinking");
  const bot = message.from === "bot";
  if (message.from !== "note") node.append(element("div", "avatar", bot ? "C" : "A"));
  const main = element("div", "main");
  if (message.from !== "note") {
    const head = element("div", "head");
    head.append(element("span", "name", bot ? "Concierge" : "Ada"));
    if (bot && platform !== "telegram") head.append(element("span", "tag", "APP"));
    head.append(element("span", "time", clock(message.at)));
    main.append(head);
  }
  const bubble = element("div", "bubble");
  for (const file of message.files ?? []) bubble.append(fileNode(file));
  const text = element("div", "text");
  if (message.thinking) text.textContent = "Concierge is thinking…";
  else text.append(...message.spans.map(spanNode));
  if (message.edited) text.append(element("span", "edited", "(edited)"));
  bubble.append(text);
  if (platform === "telegram" && message.from !== "note") bubble.append(element("span", "stamp", clock(message.at)));
  main.append(bubble);
  if (message.reactions?.length) {
    const reactions = element("div", "reactions");
    for (const emoji of message.reactions) reactions.append(element("span", "reaction", `${emoji} 1`));
    main.append(reactions);
  }
  if (message.buttons.length > 0) {
    const buttons = element("div", "buttons");
    for (const row of message.buttons) {
      const line = element("div", "row");
      for (const button of row) {
        const press = element("button", button.primary ? "primary" : "secondary", button.label);
        press.addEventListener("click", () =>
          act({ kind: "press", platform, messageId: message.id, buttonId: button.id }),
        );
        line.append(press);
      }
      buttons.append(line);
    }
    main.append(buttons);
  }
  for (const select of message.selects ?? []) {
    const menu = element("select", "select");
    menu.setAttribute("aria-label", select.placeholder);
    const prompt = element("option", "", select.placeholder);
    prompt.value = "";
    prompt.disabled = true;
    prompt.selected = true;
    menu.append(prompt);
    for (const option of select.options) {
      const item = element("option", "", option.label);
      item.value = option.value;
      menu.append(item);
    }
    menu.addEventListener("change", () =>
      act({ kind: "pick", platform, messageId: message.id, selectId: select.id, value: menu.value }),
    );
    main.append(menu);
  }
  if (message.private) {
    main.append(element("div", "private-mark", platform === "slack" ? "Only visible to you" : "Only you can see this"));
  }
  if (message.asks) main.append(element("div", "asks-mark", "The bot opened the reply field for you"));
  node.append(main);
  if (actions.length > 0 && message.from !== "note" && !message.thinking)
    node.append(actionsMenu(platform, message, actions));
  return node;
}

/**
 * Slack's rail and header: a button per workspace the app is in (the current
 * one marked) and a link that installs it in the others; the channels of the
 * current workspace, Ada's direct messages with the bot first.
 * @param {ChatView} view
 */
function renderWorkspaces(view) {
  const workspaces = view.workspaces;
  if (!workspaces) return;
  const section = chatSection(view.platform);
  const rail = find(section, ".rail", HTMLElement);
  const signature = JSON.stringify(workspaces);
  if (rail.dataset.shown === signature) return;
  rail.dataset.shown = signature;
  /** @param {string} workspace @param {string} [channel] */
  const go = (workspace, channel) =>
    act({ kind: "switch-channel", platform: view.platform, workspace, ...(channel ? { channel } : {}) });
  rail.replaceChildren(
    ...workspaces.choices.map((choice) => {
      if (!choice.installed) {
        const install = element("a", "workspace install", "+");
        install.href = workspaces.installUrl;
        install.target = "_blank";
        install.title = `Install the app in ${choice.name}`;
        install.setAttribute("aria-label", `Install the app in ${choice.name}`);
        return install;
      }
      const button = element("button", "workspace", choice.name.charAt(0));
      button.type = "button";
      button.title = choice.name;
      button.setAttribute("aria-label", choice.name);
      button.setAttribute("aria-pressed", String(choice.id === workspaces.current));
      button.addEventListener("click", () => go(choice.id));
      return button;
    }),
  );
  find(section, ".chrome .channels", HTMLElement).replaceChildren(
    ...workspaces.channels.map((channel) => {
      const button = element("button", "channel", channel.name);
      button.type = "button";
      button.setAttribute("aria-pressed", String(channel.id === workspaces.channel));
      button.addEventListener("click", () => go(workspaces.current, channel.id));
      return button;
    }),
  );
}

/** The platform's sign that the bot is working, while it lasts. @param {ChatView} view */
function renderWorking(view) {
  const sign = find(chatSection(view.platform), ".working", HTMLElement);
  sign.textContent = view.working ?? "";
  sign.hidden = view.working === undefined;
}

/** @param {ChatView} view */
function renderMessages(view) {
  const signature = view.messages.map((message) => `${message.id}.${message.revision}`).join(" ");
  if (shown.get(view.platform) === signature) return;
  shown.set(view.platform, signature);
  const list = find(chatSection(view.platform), ".messages", HTMLElement);
  list.replaceChildren(...view.messages.map((message) => messageNode(view.platform, message, view.messageActions)));
  list.scrollTop = list.scrollHeight;
}

/** Commands that fit what is typed: while naming one, and while filling in its arguments. @param {ChatView} view */
function renderMenu(view, showAll = false) {
  const section = chatSection(view.platform);
  const menu = find(section, ".menu", HTMLElement);
  const typed = find(section, ".composer input[name=text]", HTMLInputElement).value.toLowerCase();
  const fitting = view.commands.filter(
    (hint) => showAll || (typed.startsWith("/") && (hint.insert.startsWith(typed) || typed.startsWith(hint.insert))),
  );
  menu.hidden = fitting.length === 0;
  menu.replaceChildren(
    ...fitting.slice(0, 12).map((hint) => {
      const entry = element("button", "hint");
      entry.type = "button";
      entry.append(element("span", "usage", hint.usage), element("span", "description", hint.description));
      entry.addEventListener("click", () => {
        const input = find(section, ".composer input[name=text]", HTMLInputElement);
        input.value = hint.insert;
        input.focus();
        renderMenu(view);
      });
      return entry;
    }),
  );
}

/** The bot's form (a Discord modal), unless the user closed it. @param {ChatView} view */
function renderForm(view) {
  const section = chatSection(view.platform);
  const backdrop = section.querySelector(".form-backdrop");
  if (!(backdrop instanceof HTMLElement)) return;
  const form = view.form;
  if (!form || form.id === dismissedForm) {
    backdrop.hidden = true;
    return;
  }
  if (!backdrop.hidden && backdrop.dataset.id === form.id) return;
  backdrop.dataset.id = form.id;
  find(backdrop, ".form-title", HTMLElement).textContent = form.title;
  const text = find(backdrop, ".form-text", HTMLElement);
  text.textContent = form.text ?? "";
  text.hidden = !form.text;
  find(backdrop, ".form-submit", HTMLButtonElement).textContent = form.submit ?? "Submit";
  find(backdrop, ".form-fields", HTMLElement).replaceChildren(
    ...form.fields.map((field) => {
      const label = element("label", "field");
      label.append(element("span", "label", field.label));
      if (field.options) {
        const menu = element("select");
        menu.setAttribute("name", field.id);
        const none = element("option", "", "Choose…");
        none.value = "";
        menu.append(
          none,
          ...field.options.map((option) => {
            const item = element("option", "", option.label);
            item.value = option.value;
            return item;
          }),
        );
        label.append(menu);
        return label;
      }
      const input = element("input");
      input.setAttribute("name", field.id);
      input.setAttribute("autocomplete", "off");
      label.append(input);
      return label;
    }),
  );
  backdrop.hidden = false;
  const first = backdrop.querySelector("input, select");
  if (first instanceof HTMLElement) first.focus();
}

/** @param {number} at */
function dateTime(at) {
  return new Date(at).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

/** A button that runs the Cron tick at `at`. @param {number} at */
function runAt(at) {
  const button = element("button", "run-at", "run then");
  button.addEventListener("click", () => act({ kind: "tick", time: at }));
  return button;
}

/** @param {string} term @param {(string | Node)[]} values */
function definition(term, values) {
  const description = element("dd");
  description.append(...values);
  return [element("dt", "", term), description];
}

/** @param {PlatformName} platform @param {StoredState} state */
function storedNode(platform, state) {
  const box = element("div", "stored-platform");
  box.append(element("h3", "", PLATFORM_NAMES[platform]));
  const list = element("dl");
  list.append(...definition("user data", [element("code", "", JSON.stringify(state.userData ?? {}))]));
  const question = state.question;
  if (question && typeof question === "object" && !Array.isArray(question)) {
    const until = typeof question.expiresAt === "number" ? ` (until ${clock(question.expiresAt)})` : "";
    const readings = Array.isArray(question.readings) ? question.readings : undefined;
    const awaited = readings
      ? `a choice of ${readings.length} reading${readings.length === 1 ? "" : "s"}`
      : `${question.intent} → ${question.awaiting}`;
    list.append(...definition("waiting for", [`${awaited}${until}`]));
  }
  for (const item of state.subscriptions) {
    const text = `${item.digest} at ${item.time} ${item.zone}, next ${dateTime(item.nextRunAt)} (${item.status}) `;
    list.append(...definition("subscription", [text, runAt(item.nextRunAt)]));
  }
  for (const item of state.reminders) {
    const text = `“${item.text}” ${dateTime(item.dueAt)} (${item.status}) `;
    list.append(...definition("reminder", item.status === "pending" ? [text, runAt(item.dueAt)] : [text]));
  }
  box.append(list);
  return box;
}

/** @param {Snapshot} snapshot */
function renderStored(snapshot) {
  const stored = find(document, ".stored", HTMLElement);
  if (snapshot.storedError) {
    stored.replaceChildren(element("p", "hint", `Could not read D1: ${snapshot.storedError}`));
    return;
  }
  /** @type {PlatformName[]} */
  const platforms = ["telegram", "discord", "slack"];
  stored.replaceChildren(
    ...platforms.flatMap((platform) => {
      const state = snapshot.stored[platform];
      return state ? [storedNode(platform, state)] : [];
    }),
  );
}

/** @param {string} text @returns {unknown} the JSON's value, or undefined when it is not JSON */
function parsed(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON indented, forms decoded (and a Slack `payload` field read as the JSON it is). @param {string} body */
function pretty(body) {
  if (body === "") return "(empty)";
  const json = parsed(body);
  if (json !== undefined) return JSON.stringify(json, null, 2);
  if (!/^[\w.%-]+=/.test(body)) return body;
  const fields = Object.fromEntries(new URLSearchParams(body));
  const payload = fields.payload === undefined ? undefined : parsed(fields.payload);
  return JSON.stringify(payload === undefined ? fields : { ...fields, payload }, null, 2);
}

/** @param {TrafficEntry} entry */
function trafficNode(entry) {
  const item = element("li", `entry ${entry.direction} ${entry.done ? "done" : "pending"}`);
  const details = element("details");
  details.open = openEntries.has(entry.id);
  details.addEventListener("toggle", () => {
    if (details.open) openEntries.add(entry.id);
    else openEntries.delete(entry.id);
  });
  const summary = element("summary");
  const status = entry.response?.status;
  summary.append(
    element("span", "arrow", entry.direction === "to-worker" ? "→" : "←"),
    element("span", `source ${entry.source}`, entry.source),
    element("span", "title", entry.title),
    element("span", `status ${status === undefined ? "waiting" : status < 300 ? "ok" : "bad"}`, String(status ?? "…")),
  );
  if (entry.outcome) summary.append(element("span", "outcome", entry.outcome));
  if (entry.tier) summary.append(element("span", "tier", entry.tier));
  if (entry.understood) summary.append(element("span", "understood", entry.understood));
  const { request, response } = entry;
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`);
  const sent = [`${request.method} ${request.url}`, ...headers, "", pretty(request.body)].join("\n");
  details.append(summary, element("h4", "", "Request"), element("pre", "", sent));
  if (response) {
    details.append(element("h4", "", `Response ${response.status} in ${response.ms} ms`));
    details.append(element("pre", "", pretty(response.body)));
  }
  item.append(details);
  return item;
}

/** @param {Snapshot} snapshot */
function render(snapshot) {
  find(document, ".bot-name", HTMLElement).textContent = snapshot.bot;
  const services = snapshot.realApis
    ? "weather, rates and news: the real services"
    : "weather, rates and news: local stand-ins";
  const model = snapshot.tierTwo.standIn
    ? "tier 2: a scripted stand-in, not a language model"
    : `tier 2: the model at ${snapshot.tierTwo.url}`;
  find(document, ".services", HTMLElement).textContent = `${services} · ${model}`;
  for (const view of snapshot.chats) {
    renderWorkspaces(view);
    renderMessages(view);
    renderWorking(view);
    renderForm(view);
  }
  renderStored(snapshot);
  find(document, ".traffic", HTMLElement).replaceChildren(...[...snapshot.traffic].reverse().map(trafficNode));
}

/** @type {Snapshot | undefined} */
let latest;

/** @param {PlatformName} platform */
function viewOf(platform) {
  return latest?.chats.find((view) => view.platform === platform);
}

/** A file's bytes as base64, for the action's JSON. @param {Blob} blob @returns {Promise<string>} */
function base64(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener("load", () => resolve(String(reader.result).replace(/^data:[^,]*,/, "")));
    reader.addEventListener("error", () => reject(reader.error));
    reader.readAsDataURL(blob);
  });
}

/** @param {PlatformName} platform */
function wireChat(platform) {
  const section = chatSection(platform);
  const composer = find(section, ".composer", HTMLFormElement);
  const input = find(composer, "input[name=text]", HTMLInputElement);
  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text === "") return;
    input.value = "";
    find(section, ".menu", HTMLElement).hidden = true;
    void act({ kind: "say", platform, text });
  });
  const file = find(composer, "input.file", HTMLInputElement);
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    const caption = input.value.trim();
    input.value = "";
    file.value = "";
    const data = await base64(chosen);
    void act({
      kind: "upload",
      platform,
      name: chosen.name,
      mime: chosen.type || "application/octet-stream",
      data,
      caption,
    });
  });
  input.addEventListener("input", () => {
    const view = viewOf(platform);
    if (view) renderMenu(view);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") find(section, ".menu", HTMLElement).hidden = true;
  });
  section.querySelector(".menu-button")?.addEventListener("click", () => {
    const view = viewOf(platform);
    const menu = find(section, ".menu", HTMLElement);
    if (view && menu.hidden) renderMenu(view, true);
    else menu.hidden = true;
  });
  const form = section.querySelector(".form");
  if (form instanceof HTMLFormElement) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const formId = viewOf(platform)?.form?.id;
      if (!formId) return;
      /** @type {Record<string, string>} */
      const values = {};
      for (const [name, value] of new FormData(form)) values[name] = String(value);
      dismissedForm = formId;
      find(section, ".form-backdrop", HTMLElement).hidden = true;
      void act({ kind: "submit", platform, formId, values });
    });
    find(form, ".form-cancel", HTMLButtonElement).addEventListener("click", () => {
      dismissedForm = viewOf(platform)?.form?.id ?? "";
      find(section, ".form-backdrop", HTMLElement).hidden = true;
    });
  }
}

function wireSchedule() {
  const form = find(document, "form.tick", HTMLFormElement);
  const input = find(form, "input", HTMLInputElement);
  const now = new Date(Date.now() + 60_000 - new Date().getTimezoneOffset() * 60_000);
  input.value = now.toISOString().slice(0, 16);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void act({ kind: "tick", time: new Date(input.value).getTime() });
  });
}

function connect() {
  const events = new EventSource("/dev/api/events");
  const banner = find(document, ".connection", HTMLElement);
  events.addEventListener("message", (event) => {
    banner.hidden = true;
    /** @type {Snapshot} The dev server sends nothing else. */
    const snapshot = JSON.parse(event.data);
    latest = snapshot;
    render(snapshot);
  });
  events.addEventListener("error", () => {
    banner.hidden = false;
  });
}

/** @type {PlatformName[]} */
const platforms = ["telegram", "discord", "slack"];
for (const platform of platforms) wireChat(platform);
wireSchedule();
connect();
